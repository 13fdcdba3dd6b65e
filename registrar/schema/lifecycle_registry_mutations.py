"""Mutations on registry accounts, their certificates, TLD-association notification settings,
agreement versions and acceptance records; each authorizes once and calls one resolver."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry.types import Info

from registrar import models
from registrar.resolvers.agreements import acceptances
from registrar.resolvers.agreements import versions as agreement_versions
from registrar.resolvers.registry import accounts as registry_accounts
from registrar.resolvers.registry import certificates, tld_associations
from registrar.schema.admin_mutations import EmptyPayload, TenantObjectInput, attempt
from registrar.schema.context import context_of, tenant_access
from registrar.schema.errors import UserError
from registrar.schema.lifecycle_types import (
    Acceptance,
    AgreementVersion,
    RegistryCertificate,
    TldAssociation,
)
from registrar.schema.types import RegistryAccount


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


@strawberry.type(description="Result of an agreement-version mutation.")
class AgreementVersionPayload:
    agreement_version: AgreementVersion | None = strawberry.field(description="The version after the change.")
    errors: list[UserError] = strawberry.field(description="Expected failures.")


@strawberry.type(description="Result of an acceptance mutation.")
class AcceptancePayload:
    acceptance: Acceptance | None = strawberry.field(description="The acceptance record.")
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


@strawberry.input(description="A new draft agreement version.")
class CreateAgreementVersionInput:
    tenant_id: strawberry.ID = strawberry.field(description="The tenant.")
    version: str = strawberry.field(description="Tenant-unique version label.")
    title: str = strawberry.field(description="Title.")
    body: str = strawberry.field(description="Full text.")
    url: str | None = strawberry.field(default=None, description="Where the text is published.")
    material_change: bool | None = strawberry.field(default=None, description="Requires re-acceptance.")
    effective_at: datetime | None = strawberry.field(default=None, description="Defaults to publication.")


@strawberry.input(description="A registrant's acceptance of an agreement version for a domain.")
class RecordAcceptanceInput:
    tenant_id: strawberry.ID = strawberry.field(description="The tenant.")
    name: str = strawberry.field(description="Domain name.")
    agreement_version_id: strawberry.ID | None = strawberry.field(
        default=None, description="Defaults to the published version."
    )


@strawberry.input(description="A domain whose active acceptance ends.")
class TerminateAcceptanceInput:
    tenant_id: strawberry.ID = strawberry.field(description="The tenant.")
    name: str = strawberry.field(description="Domain name.")
    reason: str | None = strawberry.field(default=None, description="Why (at most 200 characters).")


def _account(row: models.RegistryAccount | None) -> RegistryAccount | None:
    return RegistryAccount(id=strawberry.ID(row.id), row=row) if row is not None else None


def _version(row: models.AgreementVersion | None) -> AgreementVersion | None:
    return AgreementVersion.of(row) if row is not None else None


def _acceptance(record: acceptances.AcceptanceRecord | None) -> Acceptance | None:
    return Acceptance.of(record) if record is not None else None


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
        changes: dict[str, object] = {"low_balance_notification_email": input.low_balance_notification_email}
        action = tld_associations.update_notification_settings(context_of(info), access, str(input.id), changes)
        row, errors = await attempt(action)
        return TldAssociationPayload(tld_association=TldAssociation.of(row) if row else None, errors=errors)

    @strawberry.mutation(description="Create a draft agreement version.")
    async def create_agreement_version(self, info: Info, input: CreateAgreementVersionInput) -> AgreementVersionPayload:
        access = await tenant_access(info, str(input.tenant_id))
        values: dict[str, object] = {name: value for name, value in vars(input).items() if name != "tenant_id"}
        if input.effective_at is not None:
            values["effective_at"] = input.effective_at.isoformat()
        data = agreement_versions.AgreementVersionInput(**values)
        row, errors = await attempt(agreement_versions.create_agreement_version(context_of(info), access, data))
        return AgreementVersionPayload(agreement_version=_version(row), errors=errors)

    @strawberry.mutation(description="Publish a draft; the previously published version is retired.")
    async def publish_agreement_version(self, info: Info, input: TenantObjectInput) -> AgreementVersionPayload:
        access = await tenant_access(info, str(input.tenant_id))
        row, errors = await attempt(
            agreement_versions.publish_agreement_version(context_of(info), access, str(input.id))
        )
        return AgreementVersionPayload(agreement_version=_version(row), errors=errors)

    @strawberry.mutation(description="Retire the published agreement version.")
    async def retire_agreement_version(self, info: Info, input: TenantObjectInput) -> AgreementVersionPayload:
        access = await tenant_access(info, str(input.tenant_id))
        row, errors = await attempt(
            agreement_versions.retire_agreement_version(context_of(info), access, str(input.id))
        )
        return AgreementVersionPayload(agreement_version=_version(row), errors=errors)

    @strawberry.mutation(description="Record the registrant's acceptance (source IP and user agent captured).")
    async def record_acceptance(self, info: Info, input: RecordAcceptanceInput) -> AcceptancePayload:
        access = await tenant_access(info, str(input.tenant_id))
        version_id = str(input.agreement_version_id) if input.agreement_version_id else None
        action = acceptances.record_acceptance(context_of(info), access, input.name, version_id)
        record, errors = await attempt(action)
        return AcceptancePayload(acceptance=_acceptance(record), errors=errors)

    @strawberry.mutation(description="Terminate a domain's active acceptance.")
    async def terminate_acceptance(self, info: Info, input: TerminateAcceptanceInput) -> AcceptancePayload:
        access = await tenant_access(info, str(input.tenant_id))
        action = acceptances.terminate_acceptance(context_of(info), access, input.name, input.reason)
        record, errors = await attempt(action)
        return AcceptancePayload(acceptance=_acceptance(record), errors=errors)
