"""Acceptance records: evidence that a domain's registrant accepted an agreement version.

A record keeps the version, its content hash, the request's source IP and user agent, and,
for ICANN-accredited TLDs, the redemption (restore) fee shown to the registrant (RAA
§3.7.5.6). Records are immutable except for termination; at most one per domain is active,
which a partial unique index guarantees and the domain row lock serializes. A new
acceptance terminates the previous one as superseded. Each change writes a DomainEvent.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from registrar.context import RequestContext
from registrar.errors import CommonError, RegistrarError, validation_error
from registrar.models import Acceptance, AgreementVersion, Domain, RateCardEntry
from registrar.resolvers.agreements.errors import AgreementError
from registrar.resolvers.agreements.guard import current_agreement_version, find_agreement_version
from registrar.resolvers.auth.guard import TenantAccess
from registrar.resolvers.domains.acceptance_summary import reacceptance_required
from registrar.resolvers.domains.events import DomainEventType, record_event
from registrar.resolvers.domains.guard import find_domain, locked_domain
from registrar.resolvers.registry.guard import association_for_name

MAX_USER_AGENT = 500
MAX_REASON = 200


@dataclass(frozen=True)
class AcceptanceRecord:
    """A full acceptance record with the facts about its version that reads report."""

    acceptance: Acceptance
    domain_name: str
    version_effective_at: datetime | None
    reacceptance_required: bool


async def _records(
    session: AsyncSession, access: TenantAccess, domain: Domain, *, active_only: bool
) -> list[AcceptanceRecord]:
    statement = (
        select(Acceptance, AgreementVersion.effective_at)
        .join(AgreementVersion, AgreementVersion.id == Acceptance.agreement_version_id)
        .where(Acceptance.tenant_id == access.tenant_id, Acceptance.domain_id == domain.id)
        .order_by(
            col(Acceptance.accepted_at).desc(),
            col(Acceptance.inserted_at).desc(),
            col(Acceptance.id),
        )
    )
    if active_only:
        statement = statement.where(Acceptance.state == "active")
    rows = (await session.exec(statement)).all()
    last_material = (
        await session.exec(
            select(AgreementVersion.published_at)
            .where(
                AgreementVersion.tenant_id == access.tenant_id,
                AgreementVersion.material_change.is_(True),
                col(AgreementVersion.published_at).is_not(None),
            )
            .order_by(col(AgreementVersion.published_at).desc())
            .limit(1)
        )
    ).first()
    return [
        AcceptanceRecord(acceptance, domain.name, effective_at, reacceptance_required(acceptance, last_material))
        for acceptance, effective_at in rows
    ]


async def get_current_acceptance(ctx: RequestContext, access: TenantAccess, name: str) -> AcceptanceRecord:
    """Errors: insufficient_scope; not_found (no domain, or no active acceptance)."""
    access.require_scope("read")
    async with ctx.db.read() as session:
        domain = await find_domain(session, access, name)
        records = await _records(session, access, domain, active_only=True)
    if not records:
        raise RegistrarError(CommonError.NOT_FOUND)
    return records[0]


async def acceptance_history(ctx: RequestContext, access: TenantAccess, name: str) -> list[AcceptanceRecord]:
    """Every record of the domain, terminated ones included, newest first.

    Errors: insufficient_scope; not_found.
    """
    access.require_scope("read")
    async with ctx.db.read() as session:
        domain = await find_domain(session, access, name)
        return await _records(session, access, domain, active_only=False)


async def _version_to_accept(ctx: RequestContext, access: TenantAccess, version_id: object) -> AgreementVersion:
    if version_id in (None, ""):
        version = await current_agreement_version(ctx, access)
        if version is None:
            raise RegistrarError(
                AgreementError.AGREEMENT_NOT_PUBLISHED, detail={"reason": "no published agreement version"}
            )
        return version
    if not isinstance(version_id, str):
        raise validation_error({"agreement_version_id": ["must be a string"]})
    async with ctx.db.read() as session:
        try:
            version = await find_agreement_version(session, access, version_id)
        except RegistrarError as exc:
            raise validation_error({"agreement_version_id": ["does not exist"]}) from exc
    if version.state != "published":
        raise RegistrarError(
            AgreementError.AGREEMENT_NOT_PUBLISHED,
            detail={"agreement_version_id": version.id, "state": version.state},
        )
    return version


async def _redemption_fee_disclosure(
    ctx: RequestContext, access: TenantAccess, domain: Domain
) -> tuple[Decimal, str] | None:
    """The TLD's standard restore price, for ICANN-accredited TLDs only."""
    association = await association_for_name(ctx, access, domain.name)
    if association.accreditation_type != "icann_accredited":
        return None
    async with ctx.db.read() as session:
        entry = (
            await session.exec(
                select(RateCardEntry).where(
                    RateCardEntry.tenant_id == access.tenant_id,
                    RateCardEntry.tld == association.tld,
                    RateCardEntry.operation == "restore",
                    RateCardEntry.tier == "standard",
                    col(RateCardEntry.premium_class).is_(None),
                )
            )
        ).first()
    return (entry.amount, entry.currency) if entry is not None else None


async def record_acceptance(
    ctx: RequestContext, access: TenantAccess, name: str, agreement_version_id: object = None
) -> AcceptanceRecord:
    """Record that the registrant accepted a published version (the current one unless
    named), with the caller's IP and user agent; a previous acceptance is superseded.

    Errors: insufficient_scope; not_found; unprocessable_entity (unknown version);
    agreement_not_published; tld_not_associated.
    """
    access.require_scope("write")
    async with ctx.db.read() as session:
        current = await find_domain(session, access, name)
    version = await _version_to_accept(ctx, access, agreement_version_id)
    fee = await _redemption_fee_disclosure(ctx, access, current)
    now = ctx.clock.now()
    async with ctx.db.transaction() as session:
        domain = await locked_domain(session, access, name)
        superseded = await _terminate_active(session, domain, now, "superseded")
        acceptance = Acceptance(
            tenant_id=access.tenant_id,
            domain_id=domain.id,
            agreement_version_id=version.id,
            acceptance_method="api",
            accepted_at=now,
            source_ip=ctx.meta.ip,
            user_agent=ctx.meta.user_agent[:MAX_USER_AGENT] if ctx.meta.user_agent else None,
            content_hash=version.content_hash,
            redemption_fee_amount=fee[0] if fee else None,
            redemption_fee_currency=fee[1] if fee else None,
            state="active",
            inserted_at=now,
        )
        session.add(acceptance)
        record_event(
            session,
            ctx,
            access,
            domain,
            DomainEventType.ACCEPTANCE_RECORDED,
            {
                "acceptance_id": acceptance.id,
                "agreement_version_id": version.id,
                "superseded_acceptance_id": superseded.id if superseded else None,
            },
        )
    return AcceptanceRecord(acceptance, domain.name, version.effective_at, reacceptance_required=False)


async def _terminate_active(session: AsyncSession, domain: Domain, now: datetime, reason: str) -> Acceptance | None:
    active = (
        await session.exec(select(Acceptance).where(Acceptance.domain_id == domain.id, Acceptance.state == "active"))
    ).first()
    if active is not None:
        active.state, active.terminated_at, active.termination_reason = "terminated", now, reason
        session.add(active)
        await session.flush()  # before a new active row meets the partial unique index
    return active


async def terminate_acceptance(
    ctx: RequestContext, access: TenantAccess, name: str, reason: object = None
) -> AcceptanceRecord:
    """Terminate the domain's active acceptance.

    Errors: insufficient_scope; unprocessable_entity (reason); not_found (no domain, or no
    active acceptance).
    """
    access.require_scope("write")
    if reason is not None and (not isinstance(reason, str) or len(reason) > MAX_REASON):
        raise validation_error({"reason": [f"must be a string of at most {MAX_REASON} characters"]})
    now = ctx.clock.now()
    async with ctx.db.transaction() as session:
        domain = await locked_domain(session, access, name)
        terminated = await _terminate_active(session, domain, now, reason or "terminated")
        if terminated is None:
            raise RegistrarError(CommonError.NOT_FOUND)
        record_event(
            session,
            ctx,
            access,
            domain,
            DomainEventType.ACCEPTANCE_TERMINATED,
            {
                "acceptance_id": terminated.id,
                "reason": terminated.termination_reason,
            },
        )
        version = await session.get(AgreementVersion, terminated.agreement_version_id)
    effective_at = version.effective_at if version is not None else None
    return AcceptanceRecord(terminated, domain.name, effective_at, reacceptance_required=False)
