"""Hosts: name-server validation and provisioning shared by every domain action."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from registrar.context import RequestContext
from registrar.db import insert_ignoring_conflict
from registrar.epp.commands.session import RegistrySession
from registrar.errors import RegistrarError, UpstreamError
from registrar.models import Domain, Host
from registrar.models.base import new_id
from registrar.names import InvalidName, is_subordinate, normalize_name, parent_names
from registrar.resolvers.auth.guard import TenantAccess
from registrar.resolvers.hosts.errors import HostError

MAX_NAMESERVERS = 13


@dataclass(frozen=True)
class NameserverPlan:
    """Validated target name servers: which exist, which are external and may be created."""

    names: list[str]
    external: list[str]


def parse_nameservers(raw: object, *, allow_empty: bool) -> list[str]:
    """Syntax, duplicates and emptiness: invalid_nameservers, duplicate_nameserver,
    empty_nameservers."""
    if raw is None:
        raw = []
    if not isinstance(raw, list):
        raise RegistrarError(HostError.INVALID_NAMESERVERS, detail={"reason": "must be a list of host names"})
    if not raw and not allow_empty:
        raise RegistrarError(HostError.EMPTY_NAMESERVERS)
    if len(raw) > MAX_NAMESERVERS:
        raise RegistrarError(
            HostError.INVALID_NAMESERVERS, detail={"reason": f"at most {MAX_NAMESERVERS} name servers"}
        )
    names: list[str] = []
    for item in raw:
        try:
            name = normalize_name(item)
        except InvalidName as exc:
            raise RegistrarError(
                HostError.INVALID_NAMESERVERS, detail={"nameserver": str(item), "reason": str(exc)}
            ) from exc
        if name in names:
            raise RegistrarError(HostError.DUPLICATE_NAMESERVER, detail={"nameserver": name})
        names.append(name)
    return names


async def plan_nameservers(
    ctx: RequestContext, access: TenantAccess, names: list[str], *, own_domain: str
) -> NameserverPlan:
    """Subordinate names (under a live domain of this tenant, or under `own_domain`) must
    already exist as active hosts: `subordinate_host_missing` with the FQDN otherwise."""
    if not names:
        return NameserverPlan(names=[], external=[])
    async with ctx.db.read() as session:
        hosts = {
            host.name: host
            for host in (
                await session.exec(select(Host).where(Host.tenant_id == access.tenant_id, col(Host.name).in_(names)))
            ).all()
        }
        candidates = {parent for name in names for parent in parent_names(name)}
        managed = set(
            (
                await session.exec(
                    select(Domain.name).where(
                        Domain.tenant_id == access.tenant_id,
                        Domain.state != "deleted",
                        col(Domain.name).in_(candidates),
                    )
                )
            ).all()
        )
    managed.add(own_domain)
    external = []
    for name in names:
        subordinate = any(is_subordinate(name, domain) for domain in managed)
        host = hosts.get(name)
        if subordinate and (host is None or host.state != "active"):
            raise RegistrarError(HostError.SUBORDINATE_HOST_MISSING, detail={"nameserver": name})
        if not subordinate:
            external.append(name)
    return NameserverPlan(names=names, external=external)


async def ensure_external_hosts_at_registry(registry: RegistrySession, names: list[str]) -> None:
    """External hosts must exist as host objects before a domain can reference them."""
    if not names:
        return
    for availability in await registry.check_hosts(names):
        if availability.available:
            try:
                await registry.create_host(availability.name)
            except RegistrarError as exc:
                if exc.code != UpstreamError.OBJECT_EXISTS:  # created concurrently: fine
                    raise


async def upsert_external_hosts(
    session: AsyncSession, ctx: RequestContext, access: TenantAccess, names: list[str]
) -> dict[str, Host]:
    """Host rows for the names (auto-provisioned external hosts have no addresses)."""
    now = ctx.clock.now()
    await insert_ignoring_conflict(
        session,
        Host,
        [
            {
                "id": new_id(),
                "tenant_id": access.tenant_id,
                "name": name,
                "subordinate": False,
                "addresses": [],
                "statuses": ["ok"],
                "state": "active",
                "inserted_at": now,
                "updated_at": now,
            }
            for name in names
        ],
        ["tenant_id", "name"],
    )
    rows = await session.exec(select(Host).where(Host.tenant_id == access.tenant_id, col(Host.name).in_(names)))
    return {host.name: host for host in rows.all()}
