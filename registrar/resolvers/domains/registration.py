"""Domains: registration, reads and the list.

Registration follows the spec's order of checks: input, TLD association, registry-account
selector, payment assurance, contacts, name servers — all before the first registry call —
then contacts and hosts are provisioned at the registry, and one transaction consumes the
quote, claims the name, creates the domain at the registry and records the event. A registry
failure rolls the whole transaction back: no row, no consumed quote.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy.exc import IntegrityError
from sqlmodel import select

from registrar.context import RequestContext
from registrar.crypto import random_token, sha256_hex
from registrar.epp.commands.session import RegistrySession
from registrar.epp.objects import DomainCreateRequest, FeeQuote
from registrar.errors import FieldErrors, RegistrarError, UpstreamError
from registrar.models import Contact, Domain, DomainNameserver, Quote
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
    subordinate_host_missing; domain_unavailable; registry errors (422 / 502 / 503 / 504).
    """
    access.require_scope("write")
    request = _validate_registration(data)
    association = await association_for_name(ctx, access, request.name)
    account = await select_registry_account(ctx, access, association, data.registry_account_id)
    quote = None
    if association.accreditation_type == "icann_accredited" or data.quote_id not in (None, ""):
        quote = await verify_quote(ctx, access, data.quote_id, PricedRequest(request.name, "register", request.years))
    elif data.payment_assured is not True:
        raise RegistrarError(PricingError.PAYMENT_NOT_ASSURED)
    contacts = await load_contacts_by_handle(ctx, access, request.handles)
    plan = await plan_nameservers(ctx, access, request.nameservers, own_domain=request.name)
    await _verify_name_free(ctx, request.name)

    registry = await registry_session(ctx, account)
    create_fee = await _registry_create_fee(registry, request, quote)
    for contact in {contact.id: contact for contact in contacts.values()}.values():
        await ensure_contact_at_registry(ctx, contact, account, registry)
    await ensure_external_hosts_at_registry(registry, plan.external)

    now = ctx.clock.now()
    auth_code = random_token(12)
    domain = Domain(
        tenant_id=access.tenant_id,
        name=request.name,
        unicode_name=unicode_name(request.name),
        tld=association.tld,
        state="registered",
        epp_statuses=["ok"],
        registrant_contact_id=contacts["registrant"].id,
        admin_contact_id=contacts["admin"].id if "admin" in contacts else None,
        tech_contact_id=contacts["tech"].id if "tech" in contacts else None,
        billing_contact_id=contacts["billing"].id if "billing" in contacts else None,
        registry_account_id=account.id,
        auth_code_hash=sha256_hex(auth_code),
        registered_at=now,
        expires_at=now + timedelta(days=365 * request.years),
        inserted_at=now,
        updated_at=now,
    )
    try:
        async with ctx.db.transaction() as session:
            if quote is not None:
                await consume_quote(session, quote, now=now, domain_id=domain.id)
            session.add(domain)
            await session.flush()
            hosts = await upsert_external_hosts(session, ctx, access, plan.names)
            for position, name in enumerate(plan.names):
                session.add(DomainNameserver(domain_id=domain.id, host_id=hosts[name].id, position=position))
            created = await registry.create_domain(
                DomainCreateRequest(
                    name=request.name,
                    period_years=request.years,
                    registrant=contacts["registrant"].epp_id,
                    admin=_epp_ids(contacts, "admin"),
                    tech=_epp_ids(contacts, "tech"),
                    billing=_epp_ids(contacts, "billing"),
                    nameservers=tuple(plan.names),
                    auth_info=auth_code,
                    idn_language=request.idn_language,
                    fee_amount=create_fee.amount if create_fee else None,
                    fee_currency=create_fee.currency if create_fee else None,
                )
            )
            domain.registered_at = created.created_at or now
            domain.expires_at = created.expires_at or domain.expires_at
            record_event(
                session,
                ctx,
                access,
                domain,
                DomainEventType.REGISTERED,
                {
                    "name": domain.name,
                    "years": request.years,
                    "registry_account_id": account.id,
                    "quote_id": quote.id if quote else None,
                    "nameservers": plan.names,
                    "expires_at": domain.expires_at.isoformat(),
                },
            )
    except IntegrityError as exc:
        raise RegistrarError(DomainError.DOMAIN_UNAVAILABLE, detail={"name": request.name}) from exc
    except RegistrarError as exc:
        if exc.code == UpstreamError.OBJECT_EXISTS:
            raise RegistrarError(DomainError.DOMAIN_UNAVAILABLE, detail={"name": request.name}) from exc
        raise
    return domain


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
