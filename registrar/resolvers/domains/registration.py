"""Domains: registration and reads.

Registration follows the spec's order of checks: input, TLD association, registry-account
selector, payment assurance, contacts, name servers — all before the first registry call —
then contacts and hosts are provisioned at the registry. The `<domain:create>` itself goes
through the operations journal: one transaction consumes the quote and commits a `pending`
`domain_create` operation, the command is sent with its clTRID, and a second transaction
creates the domain row, its name-server links and the event. A refusal releases the quote and
leaves no row; an unknown outcome is settled by the worker, which adopts the name when the
registry shows it ours (sponsor, registrant and the auth code we set).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from registrar.context import RequestContext
from registrar.crypto import random_token, sha256_hex
from registrar.epp.commands.session import RegistrySession
from registrar.epp.objects import DomainCreateRequest, FeeQuote
from registrar.errors import CommonError, FieldErrors, RegistrarError, UpstreamError
from registrar.models import Contact, Domain, DomainNameserver, Quote, RegistryOperation, TldAssociation
from registrar.models.base import new_id
from registrar.names import InvalidName, normalize_name, unicode_name
from registrar.resolvers.auth.guard import TenantAccess
from registrar.resolvers.contacts.guard import load_contacts_by_handle
from registrar.resolvers.contacts.records import ensure_contact_at_registry
from registrar.resolvers.domains.errors import DomainError
from registrar.resolvers.domains.events import DomainEventType, record_event
from registrar.resolvers.domains.guard import find_domain
from registrar.resolvers.hosts.nameservers import (
    ensure_external_hosts_at_registry,
    parse_nameservers,
    plan_nameservers,
    upsert_external_hosts,
)
from registrar.resolvers.operations.journal import (
    CommandHandler,
    Executed,
    Facts,
    NotExecuted,
    OperationPending,
    OperationPlan,
    Outcome,
    execute,
    find_settled,
    pending_error,
    start,
)
from registrar.resolvers.pricing.errors import PricingError
from registrar.resolvers.pricing.guard import PricedRequest, verify_quote
from registrar.resolvers.pricing.quotes import consume_quote
from registrar.resolvers.registry.accounts import registry_session, select_registry_account
from registrar.resolvers.registry.guard import association_for_name

CONTACT_ROLES = ("registrant", "admin", "tech", "billing")


@dataclass
class RegisterDomainInput:
    name: object = None
    years: object = None
    registrant_handle: object = None
    admin_handle: object = None
    tech_handle: object = None
    billing_handle: object = None
    nameservers: object = None
    quote_id: object = None
    payment_assured: object = None
    registry_account_id: object = None
    idn_language: object = None
    extra: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class _Registration:
    name: str
    years: int
    handles: dict[str, str]
    nameservers: list[str]
    idn_language: str | None


def _validate_registration(data: RegisterDomainInput) -> _Registration:
    errors = FieldErrors()
    for unknown in data.extra:
        errors.add(unknown, "is not a known field")
    name = ""
    try:
        name = normalize_name(data.name)
    except InvalidName as exc:
        errors.add("name", str(exc))
    years = 1 if data.years is None else data.years
    if isinstance(years, bool) or not isinstance(years, int) or not 1 <= years <= 10:
        errors.add("years", "must be an integer from 1 to 10")
    handles: dict[str, str] = {}
    for role in CONTACT_ROLES:
        value = getattr(data, f"{role}_handle")
        if value is None or value == "":
            if role == "registrant":
                errors.add("registrant_handle", "can't be blank")
            continue
        if not isinstance(value, str):
            errors.add(f"{role}_handle", "must be a string")
            continue
        handles[role] = value
    idn_language = data.idn_language
    if idn_language is not None and (not isinstance(idn_language, str) or not idn_language):
        errors.add("idn_language", "must be a non-empty string")
    if data.payment_assured is not None and not isinstance(data.payment_assured, bool):
        errors.add("payment_assured", "must be a boolean")
    errors.raise_if_any()
    nameservers = parse_nameservers(data.nameservers, allow_empty=True)
    return _Registration(
        name=name,
        years=int(years),  # type: ignore[arg-type]
        handles=handles,
        nameservers=nameservers,
        idn_language=idn_language if isinstance(idn_language, str) else None,
    )


async def register_domain(ctx: RequestContext, access: TenantAccess, data: RegisterDomainInput) -> Domain:
    """Register a domain at its registry and record it.

    Errors: insufficient_scope; unprocessable_entity; tld_not_associated;
    registry_account_required / registry_binding_mismatch / registry_account_unavailable;
    quote_required / quote_not_found / quote_consumed / quote_expired / quote_mismatch /
    payment_not_assured; contact_not_found; invalid_nameservers / duplicate_nameserver /
    subordinate_host_missing; domain_unavailable; operation_pending; registry errors
    (422 / 502 / 503 / 504).
    """
    access.require_scope("write")
    request = _validate_registration(data)
    association = await association_for_name(ctx, access, request.name)
    account = await select_registry_account(ctx, access, association, data.registry_account_id)
    earlier = await find_settled(ctx, access, DOMAIN_CREATE)
    if earlier is not None and earlier.state != "failed":
        return await _registration_of(ctx, access, earlier)
    quote = await _payment(ctx, access, association, request, data)
    contacts = await load_contacts_by_handle(ctx, access, request.handles)
    plan = await plan_nameservers(ctx, access, request.nameservers, own_domain=request.name)
    await _verify_name_free(ctx, request.name)

    registry = await registry_session(ctx, account)
    create_fee = await _registry_create_fee(registry, request, quote)
    for contact in {contact.id: contact for contact in contacts.values()}.values():
        await ensure_contact_at_registry(ctx, contact, account, registry)
    await ensure_external_hosts_at_registry(registry, plan.external)

    auth_code = random_token(12)
    operation_plan = OperationPlan(
        command=DOMAIN_CREATE,
        object_type="domain",
        object_name=request.name,
        object_id=new_id(),
        registry_account_id=account.id,
        quote_id=quote.id if quote else None,
        request={
            "tld": association.tld,
            "years": request.years,
            "contacts": {role: contact.id for role, contact in contacts.items()},
            "registrant": contacts["registrant"].epp_id,
            "nameservers": plan.names,
            "auth_code_hash": sha256_hex(auth_code),
        },
    )

    async def reserve(session: AsyncSession) -> OperationPlan:
        if quote is not None:
            await consume_quote(session, quote, now=ctx.clock.now(), domain_id=operation_plan.object_id)
        return operation_plan

    async def send(cltrid: str) -> Facts:
        command = _create_command(request, contacts, plan.names, auth_code, create_fee)
        try:
            created = await registry.create_domain(command, cltrid=cltrid)
        except RegistrarError as exc:
            if exc.code == UpstreamError.OBJECT_EXISTS:
                raise RegistrarError(DomainError.DOMAIN_UNAVAILABLE, detail={"name": request.name}) from exc
            raise
        return {"created_at": _iso(created.created_at), "expires_at": _iso(created.expires_at)}

    try:
        operation = await start(ctx, access, reserve)
    except OperationPending as pending:
        if pending.operation.tenant_id != access.tenant_id:  # someone else is registering the name
            raise RegistrarError(DomainError.DOMAIN_UNAVAILABLE, detail={"name": request.name}) from pending
        raise
    return await execute(ctx, access, operation, DOMAIN_CREATE_HANDLER, send)


async def _payment(
    ctx: RequestContext,
    access: TenantAccess,
    association: TldAssociation,
    request: _Registration,
    data: RegisterDomainInput,
) -> Quote | None:
    """ICANN TLDs need a matching quote; elsewhere a quote, or the caller's payment assurance."""
    if association.accreditation_type == "icann_accredited" or data.quote_id not in (None, ""):
        return await verify_quote(ctx, access, data.quote_id, PricedRequest(request.name, "register", request.years))
    if data.payment_assured is not True:
        raise RegistrarError(PricingError.PAYMENT_NOT_ASSURED)
    return None


def _create_command(
    request: _Registration,
    contacts: dict[str, Contact],
    nameservers: list[str],
    auth_code: str,
    create_fee: FeeQuote | None,
) -> DomainCreateRequest:
    return DomainCreateRequest(
        name=request.name,
        period_years=request.years,
        registrant=contacts["registrant"].epp_id,
        admin=_epp_ids(contacts, "admin"),
        tech=_epp_ids(contacts, "tech"),
        billing=_epp_ids(contacts, "billing"),
        nameservers=tuple(nameservers),
        auth_info=auth_code,
        idn_language=request.idn_language,
        fee_amount=create_fee.amount if create_fee else None,
        fee_currency=create_fee.currency if create_fee else None,
    )


async def _registration_of(ctx: RequestContext, access: TenantAccess, operation: RegistryOperation) -> Domain:
    """The domain an operation created; operation_pending while its outcome is unknown."""
    if operation.state == "pending":
        raise pending_error(ctx, operation)
    async with ctx.db.read() as session:
        domain = await session.get(Domain, operation.object_id)
    if domain is None or domain.tenant_id != access.tenant_id:
        raise RegistrarError(CommonError.NOT_FOUND)
    return domain


async def _apply_registration(
    session: AsyncSession, ctx: RequestContext, access: TenantAccess, operation: RegistryOperation, facts: Facts
) -> None:
    """The domain row, its name-server links and the `registered` event, from the operation."""
    planned = operation.request
    now = ctx.clock.now()
    contact_ids = planned["contacts"]
    domain = Domain(
        id=operation.object_id,
        tenant_id=operation.tenant_id,
        name=operation.object_name,
        unicode_name=unicode_name(operation.object_name),
        tld=planned["tld"],
        state="registered",
        epp_statuses=["ok"],
        registrant_contact_id=contact_ids["registrant"],
        admin_contact_id=contact_ids.get("admin"),
        tech_contact_id=contact_ids.get("tech"),
        billing_contact_id=contact_ids.get("billing"),
        registry_account_id=operation.registry_account_id,
        auth_code_hash=planned["auth_code_hash"],
        registered_at=_moment(facts.get("created_at")) or now,
        expires_at=_moment(facts.get("expires_at")) or now + timedelta(days=365 * planned["years"]),
        inserted_at=now,
        updated_at=now,
    )
    session.add(domain)
    await session.flush()
    hosts = await upsert_external_hosts(session, ctx, access, planned["nameservers"])
    for position, name in enumerate(planned["nameservers"]):
        session.add(DomainNameserver(domain_id=domain.id, host_id=hosts[name].id, position=position))
    record_event(
        session,
        ctx,
        access,
        domain,
        DomainEventType.REGISTERED,
        {
            "name": domain.name,
            "years": planned["years"],
            "registry_account_id": operation.registry_account_id,
            "quote_id": operation.quote_id,
            "nameservers": planned["nameservers"],
            "expires_at": domain.expires_at.isoformat(),
        },
    )


async def _probe_registration(_ctx: RequestContext, registry: RegistrySession, operation: RegistryOperation) -> Outcome:
    """Ours when the registry shows the name sponsored by us, with our registrant and the auth
    code we set; otherwise the create never took effect (or someone else holds the name)."""
    try:
        info = await registry.domain_info(operation.object_name)
    except RegistrarError as exc:
        if exc.code == UpstreamError.NOT_AT_REGISTRY:
            return NotExecuted("the registry has no such domain")
        raise
    ours = (
        info.sponsor == registry.login.clid
        and info.registrant == operation.request["registrant"]
        and info.auth_info is not None
        and sha256_hex(info.auth_info) == operation.request["auth_code_hash"]
    )
    if not ours:
        return NotExecuted("the name is held by someone else")
    return Executed({"created_at": _iso(info.created_at), "expires_at": _iso(info.expires_at)})


DOMAIN_CREATE = "domain_create"
DOMAIN_CREATE_HANDLER = CommandHandler(probe=_probe_registration, apply=_apply_registration)


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None


def _moment(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


async def _registry_create_fee(
    registry: RegistrySession, request: _Registration, quote: Quote | None
) -> FeeQuote | None:
    """Ask the registry whether the name is free and what creating it costs.

    A premium name needs a premium quote (and a standard name a standard one): otherwise
    `quote_mismatch` on `tier`. The registry's premium fee is acknowledged in the create,
    as registries demand; a standard fee is not sent.
    """
    (answer,) = await registry.check_domains([request.name], fee_commands=["create"], fee_period=request.years)
    if not answer.available:
        raise RegistrarError(DomainError.DOMAIN_UNAVAILABLE, detail={"name": request.name, "reason": answer.reason})
    fee = next((fee for fee in answer.fees if fee.command == "create"), None)
    premium = fee is not None and fee.premium
    if quote is not None and (quote.tier == "premium") != premium:
        raise RegistrarError(PricingError.QUOTE_MISMATCH, detail={"fields": ["tier"]})
    return fee if premium else None


def _epp_ids(contacts: dict[str, Contact], role: str) -> tuple[str, ...]:
    return (contacts[role].epp_id,) if role in contacts else ()


async def _verify_name_free(ctx: RequestContext, name: str) -> None:
    """A cheap early answer; the partial unique index is what actually guards the name."""
    async with ctx.db.read() as session:
        taken = (await session.exec(select(Domain.id).where(Domain.name == name, Domain.state != "deleted"))).first()
    if taken is not None:
        raise RegistrarError(DomainError.DOMAIN_UNAVAILABLE, detail={"name": name})


async def get_domain(ctx: RequestContext, access: TenantAccess, name: str) -> Domain:
    """The tenant's live domain by name (A-label or U-label).

    Errors: insufficient_scope; not_found.
    """
    access.require_scope("read")
    async with ctx.db.read() as session:
        return await find_domain(session, access, name)
