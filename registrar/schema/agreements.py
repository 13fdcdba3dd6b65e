"""The agreements area: registrant-agreement versions (immutable once created) and the
acceptance records of domains — the types, the queries taking `tenantId` and the mutations;
each field authorizes once and calls one resolver."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry.types import Info

from registrar import models
from registrar.resolvers.agreements import acceptances
from registrar.resolvers.agreements import versions as agreement_versions
from registrar.resolvers.agreements.acceptances import AcceptanceRecord
from registrar.resolvers.domains.acceptance_summary import redemption_fee
from registrar.schema.common import (
    Filter,
    Money,
    Node,
    TenantId,
    TenantObjectInput,
    UserError,
    attempt,
    money_or_none,
    read,
    read_or_none,
)
from registrar.schema.context import context_of, tenant_access


@strawberry.type(description="A version of the registrant agreement; immutable once created.")
class AgreementVersion(Node):
    version: str = strawberry.field(description="Tenant-unique version label.")
    title: str = strawberry.field(description="Title.")
    body: str = strawberry.field(description="Full text.")
    content_hash: str = strawberry.field(description="SHA-256 of the body, hex.")
    url: str | None = strawberry.field(description="Where the text is published.")
    material_change: bool = strawberry.field(description="Whether accepting it again is required.")
    state: str = strawberry.field(description="draft, published or retired.")
    effective_at: datetime | None = strawberry.field(description="When it takes effect.")
    published_at: datetime | None = strawberry.field(description="When it was published.")
    retired_at: datetime | None = strawberry.field(description="When it was retired.")

    @classmethod
    def of(cls, row: models.AgreementVersion) -> AgreementVersion:
        fields = ("version", "title", "body", "content_hash", "url", "material_change", "state")
        times = ("effective_at", "published_at", "retired_at")
        return cls(id=strawberry.ID(row.id), **{name: getattr(row, name) for name in fields + times})


@strawberry.type(description="Evidence that a domain's registrant accepted an agreement version.")
class Acceptance(Node):
    domain_name: str = strawberry.field(description="The domain.")
    agreement_version_id: strawberry.ID = strawberry.field(description="The version accepted.")
    acceptance_method: str = strawberry.field(description="e.g. api.")
    accepted_at: datetime = strawberry.field(description="When it was accepted.")
    source_ip: str | None = strawberry.field(description="IP address of the accepting request.")
    user_agent: str | None = strawberry.field(description="User agent of the accepting request.")
    content_hash: str = strawberry.field(description="SHA-256 of the accepted text.")
    redemption_fee_disclosure: Money | None = strawberry.field(
        description="Restore fee shown at acceptance (ICANN TLDs only)."
    )
    state: str = strawberry.field(description="active or terminated.")
    terminated_at: datetime | None = strawberry.field(description="When it was terminated.")
    termination_reason: str | None = strawberry.field(description="Why it was terminated.")
    version_effective_at: datetime | None = strawberry.field(description="When the version took effect.")
    reacceptance_required: bool = strawberry.field(description="A material-change version was published since.")

    @classmethod
    def of(cls, record: AcceptanceRecord) -> Acceptance:
        row = record.acceptance
        return cls(
            id=strawberry.ID(row.id),
            domain_name=record.domain_name,
            agreement_version_id=strawberry.ID(row.agreement_version_id),
            acceptance_method=row.acceptance_method,
            accepted_at=row.accepted_at,
            source_ip=row.source_ip,
            user_agent=row.user_agent,
            content_hash=row.content_hash,
            redemption_fee_disclosure=money_or_none(redemption_fee(row)),
            state=row.state,
            terminated_at=row.terminated_at,
            termination_reason=row.termination_reason,
            version_effective_at=record.version_effective_at,
            reacceptance_required=record.reacceptance_required,
        )


@strawberry.type
class AgreementQuery:
    @strawberry.field(description="The tenant's agreement versions, newest first.")
    async def agreement_versions(
        self, info: Info, tenant_id: TenantId, state: Filter = None, version: Filter = None
    ) -> list[AgreementVersion]:
        access = await tenant_access(info, str(tenant_id))
        rows = await read(
            agreement_versions.list_agreement_versions(context_of(info), access, state=state, version=version)
        )
        return [AgreementVersion.of(row) for row in rows]

    @strawberry.field(description="One agreement version by id, or null.")
    async def agreement_version(self, info: Info, tenant_id: TenantId, id: strawberry.ID) -> AgreementVersion | None:
        access = await tenant_access(info, str(tenant_id))
        row = await read_or_none(agreement_versions.get_agreement_version(context_of(info), access, str(id)))
        return AgreementVersion.of(row) if row else None

    @strawberry.field(description="A domain's active acceptance record, or null.")
    async def domain_acceptance(self, info: Info, tenant_id: TenantId, name: str) -> Acceptance | None:
        access = await tenant_access(info, str(tenant_id))
        record = await read_or_none(acceptances.get_current_acceptance(context_of(info), access, name))
        return Acceptance.of(record) if record else None

    @strawberry.field(description="Every acceptance record of a domain, newest first.")
    async def domain_acceptance_history(self, info: Info, tenant_id: TenantId, name: str) -> list[Acceptance]:
        access = await tenant_access(info, str(tenant_id))
        records = await read_or_none(acceptances.acceptance_history(context_of(info), access, name))
        return [Acceptance.of(record) for record in records or []]


@strawberry.type(description="Result of an agreement-version mutation.")
class AgreementVersionPayload:
    agreement_version: AgreementVersion | None = strawberry.field(description="The version after the change.")
    errors: list[UserError] = strawberry.field(description="Expected failures.")


@strawberry.type(description="Result of an acceptance mutation.")
class AcceptancePayload:
    acceptance: Acceptance | None = strawberry.field(description="The acceptance record.")
    errors: list[UserError] = strawberry.field(description="Expected failures.")


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


def _version(row: models.AgreementVersion | None) -> AgreementVersion | None:
    return AgreementVersion.of(row) if row is not None else None


def _acceptance(record: acceptances.AcceptanceRecord | None) -> Acceptance | None:
    return Acceptance.of(record) if record is not None else None


@strawberry.type
class AgreementMutation:
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
