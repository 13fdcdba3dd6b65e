"""The base of the `Operator` field mixins: each operator area subclasses it and reads
`self.operator`, the caller proven to be the operator."""

from __future__ import annotations

import strawberry

from registrar.resolvers.operator.guard import OperatorAccess


@strawberry.type
class OperatorFields:
    operator: strawberry.Private[OperatorAccess]
