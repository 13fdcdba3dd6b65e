"""Everything a domain's documented shape needs beyond its own row, loaded in batches.

Both transports render from these: the REST list builds `DomainView`s through the
request's dataloaders; GraphQL fields call the same functions one field at a time.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from decimal import Decimal

from registrar.context import RequestContext
from registrar.models import Contact, Domain, RegistryAccount, TldAssociation
from registrar.resolvers.domains.acceptance_summary import AcceptanceView, acceptance_view
from registrar.resolvers.registry.guard import policy

RENEWING_MODES = {"AUTORENEW", "RENEWONCE"}


@dataclass(frozen=True)
class AutoRenewal:
    enabled: bool
    mode: str
    grace_period_days: int | None
    renewal_fee: tuple[Decimal, str] | None
    opt_out_url: str | None = None


@dataclass(frozen=True)
class DomainView:
    domain: Domain
    nameservers: list[str]
    registry_account: RegistryAccount | None
    contacts: dict[str, Contact | None]
    auto_renewal: AutoRenewal
    acceptance: AcceptanceView | None


def resolve_auto_renewal(
    domain: Domain, association: TldAssociation | None, renewal_fee: tuple[Decimal, str] | None
) -> AutoRenewal:
    """The per-domain override when set, else the TLD default; fee only when enabled."""
    tld_mode = str(policy(association, "auto_renewal_mode")) if association else "AUTOEXPIRE"
    resolved = tld_mode if domain.auto_renew_mode == "DEFAULT" else domain.auto_renew_mode
    enabled = resolved in RENEWING_MODES
    grace = policy(association, "auto_renewal_grace_period_days") if association else None
    return AutoRenewal(
        enabled=enabled,
        mode=domain.auto_renew_mode,
        grace_period_days=int(grace) if enabled and grace is not None else None,
        renewal_fee=renewal_fee if enabled else None,
    )


async def domain_contacts(ctx: RequestContext, domain: Domain) -> dict[str, Contact | None]:
    loader = ctx.loaders.contact_by_id
    ids = {
        "registrant": domain.registrant_contact_id,
        "admin": domain.admin_contact_id,
        "tech": domain.tech_contact_id,
        "billing": domain.billing_contact_id,
    }
    loaded = await asyncio.gather(*(loader.load((domain.tenant_id, cid)) if cid else _none() for cid in ids.values()))
    return dict(zip(ids, loaded, strict=True))


async def domain_auto_renewal(ctx: RequestContext, domain: Domain) -> AutoRenewal:
    association, price = await asyncio.gather(
        ctx.loaders.tld_association_by_tld.load((domain.tenant_id, domain.tld)),
        ctx.loaders.renewal_price_by_tld.load((domain.tenant_id, domain.tld)),
    )
    fee = (price.amount, price.currency) if price is not None else None
    return resolve_auto_renewal(domain, association, fee)


async def domain_nameservers(ctx: RequestContext, domain: Domain) -> list[str]:
    hosts = await ctx.loaders.nameservers_by_domain_id.load((domain.tenant_id, domain.id))
    return [host.name for host in hosts]


async def domain_registry_account(ctx: RequestContext, domain: Domain) -> RegistryAccount | None:
    return await ctx.loaders.registry_account_by_id.load((domain.tenant_id, domain.registry_account_id))


async def _none() -> None:
    return None


async def domain_view(ctx: RequestContext, domain: Domain) -> DomainView:
    nameservers, account, contacts, auto_renewal, acceptance = await asyncio.gather(
        domain_nameservers(ctx, domain),
        domain_registry_account(ctx, domain),
        domain_contacts(ctx, domain),
        domain_auto_renewal(ctx, domain),
        acceptance_view(ctx, domain),
    )
    return DomainView(domain, nameservers, account, contacts, auto_renewal, acceptance)


async def domain_views(ctx: RequestContext, domains: list[Domain]) -> list[DomainView]:
    """Views for a page of domains; the loaders batch them into a fixed number of queries."""
    return list(await asyncio.gather(*(domain_view(ctx, domain) for domain in domains)))
