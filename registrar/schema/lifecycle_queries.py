"""Root query fields of hosts, registry accounts, certificates, TLD associations, rate cards,
agreement versions and acceptance records. Each takes `tenantId`, authorizes once and calls
one resolver; authorization failures are top-level errors, a missing object is null."""

from __future__ import annotations

from collections.abc import Awaitable
from typing import Annotated, TypeVar

import strawberry
from strawberry.types import Info

from registrar.errors import RegistrarError
from registrar.resolvers._shared.pagination import encode_cursor
from registrar.resolvers.agreements import acceptances
from registrar.resolvers.agreements import versions as agreement_versions
from registrar.resolvers.contacts import changes as contact_changes
from registrar.resolvers.hosts import records as host_records
from registrar.resolvers.pricing import rate_cards
from registrar.resolvers.registry import accounts as registry_accounts
from registrar.resolvers.registry import certificates, tld_associations
from registrar.schema.connections import Connection, check_first, connection_of
from registrar.schema.context import context_of, tenant_access, top_level_error
from registrar.schema.lifecycle_types import (
    Acceptance,
    AgreementVersion,
    ObjectAvailability,
    RateCard,
    RegistryCertificate,
    TldAssociation,
)
from registrar.schema.types import Host, RegistryAccount

T = TypeVar("T")
TenantId = Annotated[strawberry.ID, strawberry.argument(description="The tenant.")]
Filter = Annotated[str | None, strawberry.argument(description="Match this value only.")]


async def _read(action: Awaitable[T]) -> T:
    try:
        return await action
    except RegistrarError as error:
        raise top_level_error(error) from None


async def _read_or_none(action: Awaitable[T]) -> T | None:
    try:
        return await action
    except RegistrarError as error:
        if error.code in ("not_found", "unprocessable_entity"):
            return None
        raise top_level_error(error) from None


@strawberry.type
class LifecycleQuery:
    @strawberry.field(description="Whether a contact handle is free in the tenant.")
    async def contact_handle_availability(self, info: Info, tenant_id: TenantId, handle: str) -> ObjectAvailability:
        access = await tenant_access(info, str(tenant_id))
        name, free = await _read(contact_changes.check_contact(context_of(info), access, handle))
        return ObjectAvailability(name=name, available=free)

    @strawberry.field(description="Whether a host name is free in the tenant.")
    async def host_name_availability(self, info: Info, tenant_id: TenantId, name: str) -> ObjectAvailability:
        access = await tenant_access(info, str(tenant_id))
        host_name, free = await _read(host_records.check_host(context_of(info), access, name))
        return ObjectAvailability(name=host_name, available=free)

    @strawberry.field(description="The tenant's hosts, by name.")
    async def hosts(
        self,
        info: Info,
        tenant_id: TenantId,
        first: Annotated[int, strawberry.argument(description="Page size, 1 to 100.")],
        after: Annotated[str | None, strawberry.argument(description="Cursor to continue after.")] = None,
    ) -> Connection[Host]:
        access = await tenant_access(info, str(tenant_id))
        page = await _read(host_records.list_hosts(context_of(info), access, limit=check_first(first), cursor=after))
        nodes = [Host(id=strawberry.ID(row.id), row=row) for row in page.items]
        return connection_of(page, nodes, lambda row: encode_cursor((row.name, row.id)))

    @strawberry.field(description="One host by name, or null.")
    async def host(self, info: Info, tenant_id: TenantId, name: str) -> Host | None:
        access = await tenant_access(info, str(tenant_id))
        row = await _read_or_none(host_records.get_host(context_of(info), access, name))
        return Host(id=strawberry.ID(row.id), row=row) if row else None

    @strawberry.field(description="The tenant's registry accounts (never their credentials).")
    async def registry_accounts(
        self, info: Info, tenant_id: TenantId, registry_binding: Filter = None, state: Filter = None
    ) -> list[RegistryAccount]:
        access = await tenant_access(info, str(tenant_id))
        rows = await _read(
            registry_accounts.list_registry_accounts(
                context_of(info), access, registry_binding=registry_binding, state=state
            )
        )
        return [RegistryAccount(id=strawberry.ID(row.id), row=row) for row in rows]

    @strawberry.field(description="A registry account's client certificate, or null when none is set.")
    async def registry_certificate(
        self, info: Info, tenant_id: TenantId, registry_account_id: strawberry.ID
    ) -> RegistryCertificate | None:
        access = await tenant_access(info, str(tenant_id))
        target = certificates.CertificateTarget(account_id=str(registry_account_id))
        view = await _read_or_none(certificates.get_certificate(context_of(info), access, target))
        return RegistryCertificate.of(view) if view else None

    @strawberry.field(description="The tenant's TLD associations, by TLD.")
    async def tld_associations(
        self,
        info: Info,
        tenant_id: TenantId,
        state: Filter = None,
        accreditation_type: Filter = None,
        registry_account_id: Filter = None,
    ) -> list[TldAssociation]:
        access = await tenant_access(info, str(tenant_id))
        rows = await _read(
            tld_associations.list_tld_associations(
                context_of(info),
                access,
                state=state,
                accreditation_type=accreditation_type,
                registry_account_id=registry_account_id,
            )
        )
        return [TldAssociation.of(row) for row in rows]

    @strawberry.field(description="One TLD association by id or TLD label, or null.")
    async def tld_association(self, info: Info, tenant_id: TenantId, id_or_tld: str) -> TldAssociation | None:
        access = await tenant_access(info, str(tenant_id))
        row = await _read_or_none(tld_associations.get_tld_association(context_of(info), access, id_or_tld))
        return TldAssociation.of(row) if row else None

    @strawberry.field(description="The tenant's rate cards, one per priced TLD.")
    async def rate_cards(self, info: Info, tenant_id: TenantId) -> list[RateCard]:
        access = await tenant_access(info, str(tenant_id))
        return [RateCard.of(card) for card in await _read(rate_cards.list_rate_cards(context_of(info), access))]

    @strawberry.field(description="The rate card of one associated TLD, or null when not associated.")
    async def rate_card(self, info: Info, tenant_id: TenantId, tld: str) -> RateCard | None:
        access = await tenant_access(info, str(tenant_id))
        try:
            return RateCard.of(await rate_cards.get_rate_card(context_of(info), access, tld))
        except RegistrarError as error:
            if error.code == "tld_not_associated":
                return None
            raise top_level_error(error) from None

    @strawberry.field(description="The tenant's agreement versions, newest first.")
    async def agreement_versions(
        self, info: Info, tenant_id: TenantId, state: Filter = None, version: Filter = None
    ) -> list[AgreementVersion]:
        access = await tenant_access(info, str(tenant_id))
        rows = await _read(
            agreement_versions.list_agreement_versions(context_of(info), access, state=state, version=version)
        )
        return [AgreementVersion.of(row) for row in rows]

    @strawberry.field(description="One agreement version by id, or null.")
    async def agreement_version(self, info: Info, tenant_id: TenantId, id: strawberry.ID) -> AgreementVersion | None:
        access = await tenant_access(info, str(tenant_id))
        row = await _read_or_none(agreement_versions.get_agreement_version(context_of(info), access, str(id)))
        return AgreementVersion.of(row) if row else None

    @strawberry.field(description="A domain's active acceptance record, or null.")
    async def domain_acceptance(self, info: Info, tenant_id: TenantId, name: str) -> Acceptance | None:
        access = await tenant_access(info, str(tenant_id))
        record = await _read_or_none(acceptances.get_current_acceptance(context_of(info), access, name))
        return Acceptance.of(record) if record else None

    @strawberry.field(description="Every acceptance record of a domain, newest first.")
    async def domain_acceptance_history(self, info: Info, tenant_id: TenantId, name: str) -> list[Acceptance]:
        access = await tenant_access(info, str(tenant_id))
        records = await _read_or_none(acceptances.acceptance_history(context_of(info), access, name))
        return [Acceptance.of(record) for record in records or []]
