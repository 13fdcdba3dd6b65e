"""Shared checks and effects of every action on an existing domain.

An action loads the domain locked for update inside its transaction (`FOR UPDATE` on
PostgreSQL; SQLite's IMMEDIATE transaction already serializes writers), verifies state and
prohibitions, talks to the registry through the domain's own registry account, then writes
the row and a DomainEvent in the same transaction.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from registrar.context import RequestContext
from registrar.epp.commands.session import RegistrySession
from registrar.errors import CommonError, RegistrarError
from registrar.models import Domain, DomainNameserver, Host, RegistryAccount
from registrar.names import InvalidName, normalize_name
from registrar.resolvers.auth.guard import TenantAccess
from registrar.resolvers.domains.errors import DomainError
from registrar.resolvers.registry.accounts import registry_session
from registrar.resolvers.registry.errors import RegistryError

LIVE_STATES = ("registered", "on_hold")
RENEWABLE_STATES = ("registered", "on_hold", "expired")  # also the states a delete accepts


async def locked_domain(session: AsyncSession, access: TenantAccess, name: str) -> Domain:
    """The tenant's live domain by name, row-locked. Errors: not_found."""
    return await find_domain(session, access, name, lock=True)


async def find_domain(session: AsyncSession, access: TenantAccess, name: str, *, lock: bool = False) -> Domain:
    """The tenant's live domain by name (A- or U-label). Errors: not_found."""
    try:
        ascii_name = normalize_name(name)
    except InvalidName as exc:
        raise RegistrarError(CommonError.NOT_FOUND) from exc
    statement = select(Domain).where(
        Domain.tenant_id == access.tenant_id, Domain.name == ascii_name, Domain.state != "deleted"
    )
    domain = (await session.exec(statement.with_for_update() if lock else statement)).first()
    if domain is None:
        raise RegistrarError(CommonError.NOT_FOUND)
    return domain


def verify_state(domain: Domain, allowed: Iterable[str]) -> None:
    allowed = tuple(allowed)
    if domain.state not in allowed:
        raise RegistrarError(CommonError.WRONG_STATE, detail={"state": domain.state, "allowed": list(allowed)})


def verify_updatable(domain: Domain) -> None:
    """clientUpdateProhibited / serverUpdateProhibited block every content update."""
    blocking = {"clientUpdateProhibited", "serverUpdateProhibited"} & set(domain.epp_statuses)
    if blocking:
        raise RegistrarError(DomainError.UPDATE_PROHIBITED, detail={"statuses": sorted(blocking)})


async def domain_registry(ctx: RequestContext, domain: Domain) -> RegistrySession:
    """The EPP session of the account persisted on the domain (it binds every command)."""
    async with ctx.db.read() as session:
        account = await session.get(RegistryAccount, domain.registry_account_id)
    if account is None or account.state != "active":
        raise RegistrarError(RegistryError.REGISTRY_ACCOUNT_UNAVAILABLE, detail={"id": domain.registry_account_id})
    return await registry_session(ctx, account)


def with_statuses(current: list[str], add: Iterable[str] = (), remove: Iterable[str] = ()) -> list[str]:
    """EPP status arithmetic: `ok` stands alone and only when nothing else is set."""
    statuses = [status for status in current if status != "ok" and status not in set(remove)]
    statuses += [status for status in add if status not in statuses]
    return sorted(statuses) or ["ok"]


async def nameserver_names(session: AsyncSession, domain_id: str) -> list[str]:
    """The domain's name servers, in order."""
    rows = await session.exec(
        select(Host.name)
        .join(DomainNameserver, DomainNameserver.host_id == Host.id)
        .where(DomainNameserver.domain_id == domain_id)
        .order_by(DomainNameserver.position)
    )
    return list(rows.all())
