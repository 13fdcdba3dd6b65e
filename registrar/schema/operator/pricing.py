"""Placeholder: filled by the pricing part of the operator's GraphQL."""

from __future__ import annotations

import strawberry

from registrar.schema.operator.common import OperatorFields


@strawberry.type
class OperatorPricingFields(OperatorFields):
    pass


@strawberry.type
class OperatorPricingMutation:
    pass
