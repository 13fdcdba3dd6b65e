"""The registry area: registry accounts (never their credentials), their client certificates
(never the private key) and TLD associations — the types, the queries taking `tenantId` and the
mutations; each field authorizes once and calls one resolver."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry.scalars import JSON
from strawberry.types import Info

from registrar import models
from registrar.resolvers.registry import accounts as registry_accounts
from registrar.resolvers.registry import certificates, tld_associations
from registrar.resolvers.registry.certificates import CertificateView
from registrar.resolvers.registry.guard import DEFAULT_POLICY
from registrar.schema.common import (
    EmptyPayload,
    Filter,
    Node,
    TenantId,
    TenantObjectInput,
    UserError,
    attempt,
    read,
    read_or_none,
)
from registrar.schema.context import context_of, supplied_fields, tenant_access


@strawberry.type(description="A tenant's credentials on one registry binding (no secrets).")
class RegistryAccount(Node):
    row: strawberry.Private[models.RegistryAccount]

    @strawberry.field(description="Account name.")
    def name(self) -> str:
        return self.row.name

    @strawberry.field(description="Registry binding the account belongs to.")
    def registry_binding(self) -> str:
        return self.row.registry_binding

    @strawberry.field(description="`active` or `disabled`.")
    def state(self) -> str:
        return self.row.state

    @strawberry.field(description="Whether this is the binding's default account.")
    def is_default(self) -> bool:
        return self.row.is_default


@strawberry.type(description="Parsed metadata of a registry account's client TLS certificate.")
class RegistryCertificate:
    registry_account_id: strawberry.ID = strawberry.field(description="The account it belongs to.")
    cert_pem: str = strawberry.field(description="The public certificate (never the key).")
    fingerprint_sha256: str = strawberry.field(description="SHA-256 fingerprint, lower-case hex.")
    issuer: str = strawberry.field(description="Issuer distinguished name (RFC 4514).")
    subject: str = strawberry.field(description="Subject distinguished name (RFC 4514).")
    serial_number: str = strawberry.field(description="Serial number, lower-case hex.")
    not_before: datetime = strawberry.field(description="Start of validity.")
    not_after: datetime = strawberry.field(description="End of validity.")
    public_key_algorithm: str = strawberry.field(description="RSA or EC.")
    key_size: int = strawberry.field(description="Key size in bits.")
    signature_algorithm: str = strawberry.field(description="e.g. sha256WithRSAEncryption.")
    rotated_at: datetime | None = strawberry.field(description="When the certificate was last set.")

    @classmethod
    def of(cls, view: CertificateView) -> RegistryCertificate:
        values = dict(vars(view))
        values["registry_account_id"] = strawberry.ID(view.registry_account_id)
        return cls(**values)


@strawberry.type(description="A TLD the tenant may sell, bound to a registry account.")
class TldAssociation(Node):
    tld: str = strawberry.field(description="The TLD label, e.g. `com` or `co.uk`.")
    accreditation_type: str = strawberry.field(description="icann_accredited or non_icann.")
    state: str = strawberry.field(description="e.g. active.")
    registry_account_id: strawberry.ID | None = strawberry.field(description="The bound account.")
    config: JSON = strawberry.field(description="Policy and notification settings.")
    inserted_at: datetime = strawberry.field(description="When the association was created.")
    updated_at: datetime = strawberry.field(description="When it last changed.")

    @classmethod
    def of(cls, row: models.TldAssociation) -> TldAssociation:
        return cls(
            id=strawberry.ID(row.id),
            tld=row.tld,
            accreditation_type=row.accreditation_type,
            state=row.state,
            registry_account_id=strawberry.ID(row.registry_account_id) if row.registry_account_id else None,
            config={**DEFAULT_POLICY, **row.config},
            inserted_at=row.inserted_at,
            updated_at=row.updated_at,
        )


def _account(row: models.RegistryAccount | None) -> RegistryAccount | None:
    return RegistryAccount(id=strawberry.ID(row.id), row=row) if row is not None else None


@strawberry.type
class RegistryQuery:
    @strawberry.field(description="The tenant's registry accounts (never their credentials).")
    async def registry_accounts(
        self, info: Info, tenant_id: TenantId, registry_binding: Filter = None, state: Filter = None
    ) -> list[RegistryAccount]:
        access = await tenant_access(info, str(tenant_id))
        rows = await read(
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
        view = await read_or_none(certificates.get_certificate(context_of(info), access, target))
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
        rows = await read(
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
        row = await read_or_none(tld_associations.get_tld_association(context_of(info), access, id_or_tld))
        return TldAssociation.of(row) if row else None


@strawberry.type(description="Result of a registry-account mutation.")
class RegistryAccountPayload:
    registry_account: RegistryAccount | None = strawberry.field(description="The account after the change.")
    errors: list[UserError] = strawberry.field(description="Expected failures.")


@strawberry.type(description="Result of `uploadRegistryCertificate`.")
class RegistryCertificatePayload:
    certificate: RegistryCertificate | None = strawberry.field(description="The stored certificate.")
    errors: list[UserError] = strawberry.field(description="Expected failures.")


@strawberry.type(description="Result of `updateTldAssociationNotifications`.")
class TldAssociationPayload:
    tld_association: TldAssociation | None = strawberry.field(description="The association after the change.")
    errors: list[UserError] = strawberry.field(description="Expected failures.")


@strawberry.input(description="A client certificate and its private key, both PEM.")
class UploadRegistryCertificateInput:
    tenant_id: strawberry.ID = strawberry.field(description="The tenant.")
    registry_account_id: strawberry.ID = strawberry.field(description="The account.")
    cert_pem: str = strawberry.field(description="X.509 certificate, PEM.")
    key_pem: str = strawberry.field(description="Unencrypted RSA or EC private key, PEM (write-only).")


@strawberry.input(description="Notification settings of a TLD association.")
class UpdateTldAssociationNotificationsInput:
    tenant_id: strawberry.ID = strawberry.field(description="The tenant.")
    id: strawberry.ID = strawberry.field(description="The association.")
    low_balance_notification_email: str = strawberry.field(description='Address for low-balance alerts; "" clears.')


@strawberry.type
class RegistryMutation:
    @strawberry.mutation(description="Make an account the default of its registry binding (owner/admin).")
    async def set_default_registry_account(self, info: Info, input: TenantObjectInput) -> RegistryAccountPayload:
        access = await tenant_access(info, str(input.tenant_id))
        action = registry_accounts.set_default_registry_account(context_of(info), access, str(input.id))
        row, errors = await attempt(action)
        return RegistryAccountPayload(registry_account=_account(row), errors=errors)

    @strawberry.mutation(description="Clear an account's default flag (owner/admin).")
    async def clear_default_registry_account(self, info: Info, input: TenantObjectInput) -> RegistryAccountPayload:
        access = await tenant_access(info, str(input.tenant_id))
        action = registry_accounts.clear_default_registry_account(context_of(info), access, str(input.id))
        row, errors = await attempt(action)
        return RegistryAccountPayload(registry_account=_account(row), errors=errors)

    @strawberry.mutation(description="Upload or rotate an account's client certificate (owner/admin).")
    async def upload_registry_certificate(
        self, info: Info, input: UploadRegistryCertificateInput
    ) -> RegistryCertificatePayload:
        access = await tenant_access(info, str(input.tenant_id))
        target = certificates.CertificateTarget(account_id=str(input.registry_account_id))
        action = certificates.put_certificate(context_of(info), access, target, input.cert_pem, input.key_pem)
        view, errors = await attempt(action)
        return RegistryCertificatePayload(certificate=RegistryCertificate.of(view) if view else None, errors=errors)

    @strawberry.mutation(description="Remove an account's client certificate (owner/admin; idempotent).")
    async def delete_registry_certificate(self, info: Info, input: TenantObjectInput) -> EmptyPayload:
        access = await tenant_access(info, str(input.tenant_id))
        target = certificates.CertificateTarget(account_id=str(input.id))
        _, errors = await attempt(certificates.delete_certificate(context_of(info), access, target))
        return EmptyPayload(ok=not errors, errors=errors)

    @strawberry.mutation(description="Set where a TLD association's low-balance alerts go (owner/admin).")
    async def update_tld_association_notifications(
        self, info: Info, input: UpdateTldAssociationNotificationsInput
    ) -> TldAssociationPayload:
        access = await tenant_access(info, str(input.tenant_id))
        patch = supplied_fields(input, "tenant_id", "id")
        action = tld_associations.update_notification_settings(context_of(info), access, str(input.id), patch)
        row, errors = await attempt(action)
        return TldAssociationPayload(tld_association=TldAssociation.of(row) if row else None, errors=errors)
