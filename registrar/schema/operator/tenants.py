"""Placeholder: filled by the tenants part of the operator's GraphQL."""

from __future__ import annotations

import strawberry

from registrar.schema.operator.common import OperatorFields


@strawberry.type
class OperatorTenantsFields(OperatorFields):
    pass


@strawberry.type
class OperatorTenantsMutation:
    pass
