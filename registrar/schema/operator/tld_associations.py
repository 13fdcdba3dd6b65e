"""Placeholder: filled by the tld_associations part of the operator's GraphQL."""

from __future__ import annotations

import strawberry

from registrar.schema.operator.common import OperatorFields


@strawberry.type
class OperatorTldAssociationsFields(OperatorFields):
    pass


@strawberry.type
class OperatorTldAssociationsMutation:
    pass
