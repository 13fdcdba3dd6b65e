"""Host objects a tenant manages directly: check, list, read, create, address changes,
rename, delete and reconcile.

A host under one of the tenant's live domains is subordinate: it needs glue addresses and
exists at the registry behind that domain's account (kept on the row). Any other host is
external: no addresses, and it reaches a registry only when a domain delegates to it (see
`hosts.ensure_external_hosts_at_registry`). Registry calls run inside the transaction that
writes the row, so a refusal leaves the row as it was.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable

from sqlalchemy import delete
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from registrar.context import RequestContext
from registrar.epp.commands.session import RegistrySession
from registrar.errors import RegistrarError, UpstreamError, validation_error
from registrar.models import Domain, DomainNameserver, Host, RegistryOperation
from registrar.models.base import new_id
from registrar.resolvers._shared.pagination import Page, after_keyset, decode_cursor, make_page
from registrar.resolvers.auth.guard import TenantAccess
from registrar.resolvers.hosts.errors import HostError
from registrar.resolvers.hosts.guard import (
    MAX_ADDRESSES,
    find_host,
    parent_domain,
    parse_addresses,
    parse_host_name,
    reject_unknown,
)
from registrar.resolvers.operations.journal import (
    CommandHandler,
    Executed,
    Facts,
    NotExecuted,
    OperationPlan,
    Outcome,
    execute,
    start,
)
from registrar.resolvers.registry.accounts import account_registry


async def check_host(ctx: RequestContext, access: TenantAccess, name: object) -> tuple[str, bool]:
    """Whether the name is free for a new host in the tenant: `(name, available)`.

    Errors: insufficient_scope; unprocessable_entity (malformed name).
    """
    access.require_scope("read")
    host_name = parse_host_name(name)
    async with ctx.db.read() as session:
        taken = (
            await session.exec(select(Host.id).where(Host.tenant_id == access.tenant_id, Host.name == host_name))
        ).first()
    return host_name, taken is None


async def get_host(ctx: RequestContext, access: TenantAccess, name: str) -> Host:
    """Errors: insufficient_scope; not_found."""
    access.require_scope("read")
    async with ctx.db.read() as session:
        return await find_host(session, access, name)


async def list_hosts(ctx: RequestContext, access: TenantAccess, *, limit: int, cursor: str | None = None) -> Page[Host]:
    """Hosts by name, keyset-paginated. Errors: insufficient_scope; unprocessable_entity."""
    access.require_scope("read")
    statement = select(Host).where(Host.tenant_id == access.tenant_id)
    if cursor:
        name, host_id = decode_cursor(cursor, 2)
        statement = statement.where(after_keyset([Host.name, Host.id], [name, host_id]))
    async with ctx.db.read() as session:
        rows = list((await session.exec(statement.order_by(Host.name, Host.id).limit(limit + 1))).all())
    return make_page(rows, limit, lambda host: (host.name, host.id))


async def create_host(
    ctx: RequestContext,
    access: TenantAccess,
    name: object,
    addresses: object = None,
    unknown: Iterable[str] = (),
) -> Host:
    """Create a host; a subordinate one also at its parent domain's registry, through the
    operations journal (the row is written once the registry has the host).

    Errors: insufficient_scope; unprocessable_entity (name, addresses: a subordinate host
    needs at least one, an external host has none; a taken name); operation_pending;
    registry errors.
    """
    access.require_scope("write")
    reject_unknown(unknown)
    host_name = parse_host_name(name)
    glue = parse_addresses(addresses, "addresses")
    async with ctx.db.transaction() as session:
        parent = await _verify_creatable(session, access, host_name, glue)
        if parent is None:
            return _external_host(session, ctx, access, host_name)

    async def reserve(session: AsyncSession) -> OperationPlan:
        domain = await _verify_creatable(session, access, host_name, glue)
        return OperationPlan(
            command=HOST_CREATE,
            object_type="host",
            object_name=host_name,
            object_id=new_id(),
            registry_account_id=domain.registry_account_id,
            request={"addresses": glue},
        )

    operation = await start(ctx, access, reserve)
    registry = await account_registry(ctx, operation.registry_account_id)

    async def send(cltrid: str) -> Facts:
        await registry.create_host(host_name, glue, cltrid=cltrid)
        return {}

    return await execute(ctx, access, operation, HOST_CREATE_HANDLER, send)


async def _verify_creatable(session: AsyncSession, access: TenantAccess, host_name: str, glue: list[str]):
    """The parent domain of a new host (None for an external one), once its name is free and
    its addresses fit. Errors: unprocessable_entity."""
    taken = (
        await session.exec(select(Host.id).where(Host.tenant_id == access.tenant_id, Host.name == host_name))
    ).first()
    if taken is not None:
        raise validation_error({"name": ["has already been taken"]})
    parent = await parent_domain(session, access, host_name)
    if parent is None and glue:
        raise validation_error({"addresses": ["an external host has no addresses"]})
    if parent is not None and not glue:
        raise validation_error({"addresses": ["a subordinate host needs at least one address"]})
    return parent


def _external_host(session: AsyncSession, ctx: RequestContext, access: TenantAccess, host_name: str) -> Host:
    now = ctx.clock.now()
    host = Host(tenant_id=access.tenant_id, name=host_name, statuses=["ok"], inserted_at=now, updated_at=now)
    session.add(host)
    return host


async def _apply_host_creation(
    session: AsyncSession, ctx: RequestContext, access: TenantAccess, operation: RegistryOperation, _facts: Facts
) -> None:
    now = ctx.clock.now()
    session.add(
        Host(
            id=operation.object_id,
            tenant_id=operation.tenant_id,
            name=operation.object_name,
            subordinate=True,
            addresses=operation.request["addresses"],
            statuses=["ok"],
            registry_account_id=operation.registry_account_id,
            inserted_at=now,
            updated_at=now,
        )
    )


async def _probe_host_creation(
    _ctx: RequestContext, registry: RegistrySession, operation: RegistryOperation
) -> Outcome:
    """Executed when the registry has the host, sponsored by us."""
    try:
        info = await registry.host_info(operation.object_name)
    except RegistrarError as exc:
        if exc.code == UpstreamError.NOT_AT_REGISTRY:
            return NotExecuted("the registry has no such host")
        raise
    if info.sponsor != registry.login.clid:
        return NotExecuted("the host is held by someone else")
    return Executed({})


HOST_CREATE = "host_create"
HOST_CREATE_HANDLER = CommandHandler(probe=_probe_host_creation, apply=_apply_host_creation)


def _subordinate_account(host: Host) -> str:
    if not host.subordinate or host.registry_account_id is None:
        raise RegistrarError(HostError.NOT_SUBORDINATE, detail={"name": host.name})
    return host.registry_account_id


async def update_host_addresses(
    ctx: RequestContext,
    access: TenantAccess,
    name: str,
    add: object = None,
    rem: object = None,
    unknown: Iterable[str] = (),
) -> Host:
    """Add and remove glue addresses of a subordinate host, here and at its registry.

    Errors: insufficient_scope; not_found; not_subordinate; unprocessable_entity (an added
    address already present, a removed one absent, none left, more than 13); registry
    errors.
    """
    access.require_scope("write")
    reject_unknown(unknown)
    added, removed = parse_addresses(add, "add"), parse_addresses(rem, "rem")
    async with ctx.db.transaction() as session:
        host = await find_host(session, access, name, lock=True)
        account_id = _subordinate_account(host)
        present = [address for address in added if address in host.addresses]
        if present:
            raise validation_error({"add": [f"{', '.join(present)} already assigned"]})
        absent = [address for address in removed if address not in host.addresses]
        if absent:
            raise validation_error({"rem": [f"{', '.join(absent)} not assigned"]})
        addresses = [address for address in host.addresses if address not in removed] + added
        if not addresses:
            raise validation_error({"rem": ["a subordinate host keeps at least one address"]})
        if len(addresses) > MAX_ADDRESSES:
            raise validation_error({"add": [f"at most {MAX_ADDRESSES} addresses"]})
        if not (added or removed):
            return host
        host.addresses, host.updated_at = addresses, ctx.clock.now()
        session.add(host)
        registry = await account_registry(ctx, account_id)
        await registry.update_host(host.name, add_addresses=added, rem_addresses=removed)
    return host


async def rename_host(ctx: RequestContext, access: TenantAccess, name: str, new_name: object) -> Host:
    """Rename a subordinate host within the domains of its registry account; domains that
    delegate to it follow the new name.

    Errors: insufficient_scope; not_found; not_subordinate; unprocessable_entity (new_name
    malformed, unchanged, taken, or not under a live domain of the same registry account);
    registry errors.
    """
    access.require_scope("write")
    target = parse_host_name(new_name, "new_name")
    async with ctx.db.transaction() as session:
        host = await find_host(session, access, name, lock=True)
        account_id = _subordinate_account(host)
        if target == host.name:
            raise validation_error({"new_name": ["is the current name"]})
        taken = (
            await session.exec(select(Host.id).where(Host.tenant_id == access.tenant_id, Host.name == target))
        ).first()
        if taken is not None:
            raise validation_error({"new_name": ["has already been taken"]})
        parent = await parent_domain(session, access, target)
        if parent is None or parent.registry_account_id != account_id:
            raise validation_error({"new_name": ["must be under a live domain of the same registry account"]})
        previous = host.name
        host.name, host.updated_at = target, ctx.clock.now()
        session.add(host)
        await session.flush()
        registry = await account_registry(ctx, account_id)
        await registry.update_host(previous, new_name=target)
    return host


async def delete_host(ctx: RequestContext, access: TenantAccess, name: str) -> None:
    """Delete a host no live domain delegates to; a subordinate one also at its registry.

    Errors: insufficient_scope; not_found; host_in_use (with up to ten domain names);
    registry errors.
    """
    access.require_scope("write")
    async with ctx.db.transaction() as session:
        host = await find_host(session, access, name, lock=True)
        links = (
            await session.exec(
                select(DomainNameserver.id, Domain.name, Domain.state)
                .join(Domain, Domain.id == DomainNameserver.domain_id)
                .where(DomainNameserver.host_id == host.id)
                .order_by(Domain.name)
            )
        ).all()
        users = [domain for _, domain, state in links if state != "deleted"]
        if users:
            raise RegistrarError(HostError.HOST_IN_USE, detail={"domains": users[:10]})
        if links:  # only deleted domains still point at it
            await session.exec(
                delete(DomainNameserver).where(col(DomainNameserver.id).in_([link for link, _, _ in links]))
            )
        await session.delete(host)
        await session.flush()
        if host.subordinate and host.registry_account_id is not None:
            registry = await account_registry(ctx, host.registry_account_id)
            try:
                await registry.delete_host(host.name)
            except RegistrarError as error:
                if error.code != UpstreamError.NOT_AT_REGISTRY:
                    raise


async def reconcile_host(ctx: RequestContext, access: TenantAccess, name: str) -> Host:
    """Write the registry's statuses and addresses of a subordinate host onto its row.

    Errors: insufficient_scope; not_found; not_subordinate; not_at_registry and other
    registry errors.
    """
    access.require_scope("write")
    async with ctx.db.transaction() as session:
        host = await find_host(session, access, name, lock=True)
        registry = await account_registry(ctx, _subordinate_account(host))
        info = await registry.host_info(host.name)
        statuses = sorted(info.statuses) or ["ok"]
        addresses = [str(ipaddress.ip_address(address)) for address in info.addresses]
        if statuses != host.statuses or addresses != host.addresses:
            host.statuses, host.addresses, host.updated_at = statuses, addresses, ctx.clock.now()
            session.add(host)
    return host
