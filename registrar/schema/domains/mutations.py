"""Mutations of the domains area, named for the action: `registerDomain`, then the actions on
a held domain (renewal, deletion, locks, holds, auth codes, reconciliation, name servers,
contacts, DS records); each authorizes once and calls one resolver."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from enum import Enum

import strawberry
from strawberry.scalars import JSON
from strawberry.types import Info

from registrar.context import RequestContext
from registrar.errors import RegistrarError
from registrar.models import Domain as DomainRow
from registrar.resolvers.auth.guard import TenantAccess
from registrar.resolvers.domains import auth_codes, deletion, reconciliation, registration, renewal
from registrar.resolvers.domains import changes as domain_changes
from registrar.resolvers.domains import statuses as domain_statuses
from registrar.schema.common import EmptyPayload, UserError, attempt, input_fields, user_errors
from registrar.schema.context import context_of, supplied_fields, tenant_access
from registrar.schema.domains.types import Domain


@strawberry.input(description="A domain to register.")
class RegisterDomainInput:
    tenant_id: strawberry.ID = strawberry.field(description="Tenant registering the domain.")
    name: str = strawberry.field(description="Fully qualified domain name.")
    registrant_handle: str = strawberry.field(description="Registrant contact handle.")
    years: int | None = strawberry.field(default=None, description="Years (1–10), default 1.")
    admin_handle: str | None = strawberry.field(default=None, description="Admin contact.")
    tech_handle: str | None = strawberry.field(default=None, description="Tech contact.")
    billing_handle: str | None = strawberry.field(default=None, description="Billing contact.")
    nameservers: list[str] | None = strawberry.field(default=None, description="Host names.")
    quote_id: strawberry.ID | None = strawberry.field(
        default=None, description="Quote from `createQuote`; required for ICANN TLDs."
    )
    payment_assured: bool | None = strawberry.field(default=None, description="Legacy assurance, non-ICANN TLDs only.")
    registry_account_id: strawberry.ID | None = strawberry.field(
        default=None, description="Needed when several accounts serve the TLD's registry."
    )
    idn_language: str | None = strawberry.field(default=None, description="IDN language tag.")


@strawberry.type(description="Result of `registerDomain`.")
class RegisterDomainPayload:
    domain: Domain | None = strawberry.field(description="The new domain, on success.")
    errors: list[UserError] = strawberry.field(description="Expected failures.")


@strawberry.type(description="Result of an action on a domain.")
class DomainPayload:
    domain: Domain | None = strawberry.field(description="The domain after the action.")
    errors: list[UserError] = strawberry.field(description="Expected failures.")


@strawberry.type(description="Result of `rotateAuthCode`: the new code, shown only here.")
class AuthCodePayload:
    auth_code: str | None = strawberry.field(description="Deliver it to the registrant within 5 days.")
    errors: list[UserError] = strawberry.field(description="Expected failures.")


@strawberry.enum(description="A registrar lock on a domain.")
class DomainLock(Enum):
    TRANSFER = "transfer"
    UPDATE = "update"
    DELETE = "delete"


@strawberry.enum(description="Why a domain is put on hold.")
class HoldReason(Enum):
    CONTACT_INACCURACY = "contact_inaccuracy"
    DISPUTE = "dispute"


@strawberry.input(description="A domain of a tenant.")
class DomainRefInput:
    tenant_id: strawberry.ID = strawberry.field(description="The tenant.")
    name: str = strawberry.field(description="Domain name.")


@strawberry.input(description="A renewal.")
class RenewDomainInput:
    tenant_id: strawberry.ID = strawberry.field(description="The tenant.")
    name: str = strawberry.field(description="Domain name.")
    years: int | None = strawberry.field(default=None, description="1–10, default 1.")
    quote_id: strawberry.ID | None = strawberry.field(default=None, description="A renew quote (ICANN TLDs).")


@strawberry.input(description="A restore from redemption.")
class RestoreDomainInput:
    tenant_id: strawberry.ID = strawberry.field(description="The tenant.")
    name: str = strawberry.field(description="Domain name.")
    quote_id: strawberry.ID | None = strawberry.field(default=None, description="A restore quote (ICANN TLDs).")


@strawberry.input(description="A lock to apply or release.")
class DomainLockInput:
    tenant_id: strawberry.ID = strawberry.field(description="The tenant.")
    name: str = strawberry.field(description="Domain name.")
    lock: DomainLock = strawberry.field(description="Which lock.")


@strawberry.input(description="A hold to apply.")
class ApplyHoldInput:
    tenant_id: strawberry.ID = strawberry.field(description="The tenant.")
    name: str = strawberry.field(description="Domain name.")
    reason: HoldReason = strawberry.field(default=HoldReason.CONTACT_INACCURACY, description="Why.")


@strawberry.input(description="The complete new name-server set.")
class UpdateNameserversInput:
    tenant_id: strawberry.ID = strawberry.field(description="The tenant.")
    name: str = strawberry.field(description="Domain name.")
    nameservers: list[str] = strawberry.field(description="Host names, in order.")


@strawberry.input(description="Contact roles to change; omitted roles stay, empty string clears.")
class UpdateDomainContactsInput:
    tenant_id: strawberry.ID = strawberry.field(description="The tenant.")
    name: str = strawberry.field(description="Domain name.")
    admin_handle: str | None = strawberry.field(default=strawberry.UNSET, description="Admin contact.")
    tech_handle: str | None = strawberry.field(default=strawberry.UNSET, description="Tech contact.")
    billing_handle: str | None = strawberry.field(default=strawberry.UNSET, description="Billing contact.")


@strawberry.input(description="The complete new DS-record set.")
class UpdateDsRecordsInput:
    tenant_id: strawberry.ID = strawberry.field(description="The tenant.")
    name: str = strawberry.field(description="Domain name.")
    ds_records: list[JSON] = strawberry.field(
        description="Objects {key_tag, algorithm, digest_type, digest, max_sig_life?}."
    )


Action = Callable[[RequestContext, TenantAccess], Awaitable[DomainRow]]


async def _domain_action(info: Info, tenant_id: strawberry.ID, action: Action) -> DomainPayload:
    access = await tenant_access(info, str(tenant_id))
    row, errors = await attempt(action(context_of(info), access))
    return DomainPayload(domain=Domain.of(row) if row else None, errors=errors)


@strawberry.type
class DomainRegistrationMutation:
    @strawberry.mutation(description="Register a domain at its registry.")
    async def register_domain(self, info: Info, input: RegisterDomainInput) -> RegisterDomainPayload:
        access = await tenant_access(info, str(input.tenant_id))
        try:
            row = await registration.register_domain(
                context_of(info), access, registration.RegisterDomainInput(**input_fields(input))
            )
        except RegistrarError as error:
            return RegisterDomainPayload(domain=None, errors=user_errors(error))
        return RegisterDomainPayload(domain=Domain.of(row), errors=[])


@strawberry.type
class DomainMutation:
    @strawberry.mutation(description="Renew a domain at its registry.")
    async def renew_domain(self, info: Info, input: RenewDomainInput) -> DomainPayload:
        return await _domain_action(
            info,
            input.tenant_id,
            lambda ctx, access: renewal.renew_domain(ctx, access, input.name, input.years, input.quote_id),
        )

    @strawberry.mutation(description="Restore a domain from its redemption period.")
    async def restore_domain(self, info: Info, input: RestoreDomainInput) -> DomainPayload:
        return await _domain_action(
            info,
            input.tenant_id,
            lambda ctx, access: renewal.restore_domain(ctx, access, input.name, input.quote_id),
        )

    @strawberry.mutation(description="Delete a domain (it enters redemption).")
    async def delete_domain(self, info: Info, input: DomainRefInput) -> EmptyPayload:
        access = await tenant_access(info, str(input.tenant_id))
        _, errors = await attempt(deletion.delete_domain(context_of(info), access, input.name))
        return EmptyPayload(ok=not errors, errors=errors)

    @strawberry.mutation(description="Apply a transfer, update or delete lock (idempotent).")
    async def apply_domain_lock(self, info: Info, input: DomainLockInput) -> DomainPayload:
        return await _domain_action(
            info,
            input.tenant_id,
            lambda ctx, access: domain_statuses.set_lock(ctx, access, input.name, input.lock.value, applied=True),
        )

    @strawberry.mutation(description="Release a transfer, update or delete lock (idempotent).")
    async def release_domain_lock(self, info: Info, input: DomainLockInput) -> DomainPayload:
        return await _domain_action(
            info,
            input.tenant_id,
            lambda ctx, access: domain_statuses.set_lock(ctx, access, input.name, input.lock.value, applied=False),
        )

    @strawberry.mutation(description="Put a domain on hold.")
    async def apply_hold(self, info: Info, input: ApplyHoldInput) -> DomainPayload:
        return await _domain_action(
            info,
            input.tenant_id,
            lambda ctx, access: domain_statuses.apply_hold(ctx, access, input.name, input.reason.value),
        )

    @strawberry.mutation(description="Release a domain's hold.")
    async def release_hold(self, info: Info, input: DomainRefInput) -> DomainPayload:
        return await _domain_action(
            info,
            input.tenant_id,
            lambda ctx, access: domain_statuses.release_hold(ctx, access, input.name),
        )

    @strawberry.mutation(description="Issue a new auth code; it is returned once.")
    async def rotate_auth_code(self, info: Info, input: DomainRefInput) -> AuthCodePayload:
        access = await tenant_access(info, str(input.tenant_id))
        code, errors = await attempt(auth_codes.rotate_auth_code(context_of(info), access, input.name))
        return AuthCodePayload(auth_code=code, errors=errors)

    @strawberry.mutation(description="Pull the registry's view of the domain onto the record.")
    async def reconcile_domain(self, info: Info, input: DomainRefInput) -> DomainPayload:
        return await _domain_action(
            info,
            input.tenant_id,
            lambda ctx, access: reconciliation.reconcile_domain(ctx, access, input.name),
        )

    @strawberry.mutation(description="Replace the name-server set.")
    async def update_nameservers(self, info: Info, input: UpdateNameserversInput) -> DomainPayload:
        return await _domain_action(
            info,
            input.tenant_id,
            lambda ctx, access: domain_changes.update_nameservers(ctx, access, input.name, list(input.nameservers)),
        )

    @strawberry.mutation(description="Change admin, tech or billing contacts.")
    async def update_domain_contacts(self, info: Info, input: UpdateDomainContactsInput) -> DomainPayload:
        patch = supplied_fields(input, "tenant_id", "name")
        return await _domain_action(
            info,
            input.tenant_id,
            lambda ctx, access: domain_changes.update_contacts(ctx, access, input.name, patch),
        )

    @strawberry.mutation(description="Replace the DS-record set.")
    async def update_ds_records(self, info: Info, input: UpdateDsRecordsInput) -> DomainPayload:
        return await _domain_action(
            info,
            input.tenant_id,
            lambda ctx, access: domain_changes.update_ds_records(ctx, access, input.name, list(input.ds_records)),
        )

    @strawberry.mutation(description="Remove every DS record (secDNS rem all).")
    async def remove_ds_records(self, info: Info, input: DomainRefInput) -> DomainPayload:
        return await _domain_action(
            info,
            input.tenant_id,
            lambda ctx, access: domain_changes.update_ds_records(ctx, access, input.name, None, remove_all=True),
        )
