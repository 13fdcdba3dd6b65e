"""The operator's TLD associations in GraphQL: `operator { tldAssociations(tenant) }` and the
`operator…TldAssociation` / `operatorUpdateTldConfig` mutations, over
`registrar/resolvers/operator/tld_associations.py` (the same as `/operator/v1`)."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.scalars import JSON
from strawberry.types import Info

from registrar import models
from registrar.resolvers.operator import tld_associations
from registrar.schema.common import EmptyPayload, UserError, attempt, read
from registrar.schema.context import context_of, operator_access
from registrar.schema.operator.common import OperatorFields
from registrar.schema.registry import TldAssociation

TENANT_REFERENCE = "The tenant's id or slug."
ASSOCIATION_REFERENCE = "The association's id or its TLD label."
TenantReference = Annotated[str, strawberry.argument(description=TENANT_REFERENCE)]


@strawberry.type
class OperatorTldAssociationsFields(OperatorFields):
    @strawberry.field(description="A tenant's TLD associations by TLD, whatever their state.")
    async def tld_associations(self, info: Info, tenant: TenantReference) -> list[TldAssociation]:
        rows = await read(tld_associations.list_tld_associations(context_of(info), self.operator, tenant))
        return [TldAssociation.of(row) for row in rows]


@strawberry.type(description="Result of an operator mutation on a TLD association.")
class OperatorTldAssociationPayload:
    tld_association: TldAssociation | None = strawberry.field(description="The association after the change.")
    errors: list[UserError] = strawberry.field(description="Expected failures.")


def _payload(row: models.TldAssociation | None, errors: list[UserError]) -> OperatorTldAssociationPayload:
    return OperatorTldAssociationPayload(tld_association=TldAssociation.of(row) if row else None, errors=errors)


@strawberry.input(description="A TLD for a tenant to sell, through one of its registry accounts.")
class OperatorCreateTldAssociationInput:
    tenant: str = strawberry.field(description=TENANT_REFERENCE)
    tld: str = strawberry.field(description="The TLD label, e.g. `shop` or `co.uk` (IDN labels as U- or A-label).")
    accreditation_type: str = strawberry.field(description="`icann_accredited` or `non_icann`.")
    registry_account_id: strawberry.ID = strawberry.field(
        description="An active account of the tenant; its binding must serve the TLD."
    )
    config: JSON | None = strawberry.field(default=None, description="Policy keys to start from (defaults otherwise).")


@strawberry.input(description="Policy keys to set on a TLD association.")
class OperatorUpdateTldConfigInput:
    tenant: str = strawberry.field(description=TENANT_REFERENCE)
    id_or_tld: str = strawberry.field(description=ASSOCIATION_REFERENCE)
    config: JSON = strawberry.field(
        description="Policy keys and their values; a null value puts the key back to its default."
    )


@strawberry.input(description="Another registry account of the tenant for a TLD association.")
class OperatorRebindTldAssociationInput:
    tenant: str = strawberry.field(description=TENANT_REFERENCE)
    id_or_tld: str = strawberry.field(description=ASSOCIATION_REFERENCE)
    registry_account_id: strawberry.ID = strawberry.field(
        description="The account; another binding only while no live domain uses the association."
    )


@strawberry.input(description="A TLD association of a tenant.")
class OperatorTldAssociationInput:
    tenant: str = strawberry.field(description=TENANT_REFERENCE)
    id_or_tld: str = strawberry.field(description=ASSOCIATION_REFERENCE)


@strawberry.type
class OperatorTldAssociationsMutation:
    @strawberry.mutation(description="Let a tenant sell a TLD through one of its registry accounts.")
    async def operator_create_tld_association(
        self, info: Info, input: OperatorCreateTldAssociationInput
    ) -> OperatorTldAssociationPayload:
        operator = operator_access(info)
        data = tld_associations.TldAssociationInput(
            tld=input.tld,
            accreditation_type=input.accreditation_type,
            registry_account_id=str(input.registry_account_id),
            config=input.config,
        )
        action = tld_associations.create_tld_association(context_of(info), operator, input.tenant, data)
        return _payload(*await attempt(action))

    @strawberry.mutation(description="Set (or reset to their defaults) policy keys of a TLD association.")
    async def operator_update_tld_config(
        self, info: Info, input: OperatorUpdateTldConfigInput
    ) -> OperatorTldAssociationPayload:
        operator = operator_access(info)
        action = tld_associations.update_tld_config(
            context_of(info), operator, input.tenant, input.id_or_tld, input.config
        )
        return _payload(*await attempt(action))

    @strawberry.mutation(description="Bind a TLD association to another registry account of the tenant.")
    async def operator_rebind_tld_association(
        self, info: Info, input: OperatorRebindTldAssociationInput
    ) -> OperatorTldAssociationPayload:
        operator = operator_access(info)
        action = tld_associations.rebind_tld_association(
            context_of(info), operator, input.tenant, input.id_or_tld, str(input.registry_account_id)
        )
        return _payload(*await attempt(action))

    @strawberry.mutation(description="Delete a TLD association (refused while the tenant has live domains under it).")
    async def operator_delete_tld_association(self, info: Info, input: OperatorTldAssociationInput) -> EmptyPayload:
        operator = operator_access(info)
        action = tld_associations.delete_tld_association(context_of(info), operator, input.tenant, input.id_or_tld)
        _, errors = await attempt(action)
        return EmptyPayload(ok=not errors, errors=errors)
