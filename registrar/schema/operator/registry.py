"""Placeholder: filled by the registry part of the operator's GraphQL."""

from __future__ import annotations

import strawberry

from registrar.schema.operator.common import OperatorFields


@strawberry.type
class OperatorRegistryFields(OperatorFields):
    pass


@strawberry.type
class OperatorRegistryMutation:
    pass
