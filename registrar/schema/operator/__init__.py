"""The operator in GraphQL: `Query.operator` (composed from each operator area's field mixin,
authorized once) and the `operator…` mutations, over the same resolvers as `/operator/v1`."""

from __future__ import annotations

import strawberry
from strawberry.tools import merge_types
from strawberry.types import Info

from registrar.schema.context import operator_access
from registrar.schema.operator.audit import OperatorAuditFields, OperatorAuditMutation
from registrar.schema.operator.pricing import OperatorPricingFields, OperatorPricingMutation
from registrar.schema.operator.registry import OperatorRegistryFields, OperatorRegistryMutation
from registrar.schema.operator.tenants import OperatorTenantsFields, OperatorTenantsMutation
from registrar.schema.operator.tld_associations import (
    OperatorTldAssociationsFields,
    OperatorTldAssociationsMutation,
)


@strawberry.type(description="What the platform operator sees and manages (operator clients only).")
class Operator(
    OperatorTenantsFields,
    OperatorRegistryFields,
    OperatorTldAssociationsFields,
    OperatorPricingFields,
    OperatorAuditFields,
):
    pass


@strawberry.type
class OperatorQuery:
    @strawberry.field(description="The operator's view; only an operator client's token may read it.")
    def operator(self, info: Info) -> Operator:
        return Operator(operator=operator_access(info))


OperatorMutation = merge_types(
    "OperatorMutation",
    (
        OperatorTenantsMutation,
        OperatorRegistryMutation,
        OperatorTldAssociationsMutation,
        OperatorPricingMutation,
        OperatorAuditMutation,
    ),
)
