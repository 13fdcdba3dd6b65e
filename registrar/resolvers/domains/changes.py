"""Content updates of a domain: name servers, admin/tech/billing contacts, DS records.

Each is a full-set replacement (contacts: per supplied role); an empty diff is a no-op that
does not contact the registry. clientUpdateProhibited / serverUpdateProhibited refuse all.
"""

from __future__ import annotations

import re

from sqlalchemy import delete
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from registrar.context import RequestContext
from registrar.epp.commands.session import RegistrySession
from registrar.epp.objects import DomainUpdateRequest, DsData
from registrar.errors import CommonError, RegistrarError
from registrar.models import Contact, Domain, DomainNameserver, RegistryAccount, RegistryOperation
from registrar.resolvers._shared.patch import Patch
from registrar.resolvers.auth.guard import TenantAccess
from registrar.resolvers.contacts.records import ensure_contact_at_registry
from registrar.resolvers.domains.errors import DomainError
from registrar.resolvers.domains.events import DomainEventType, record_event
from registrar.resolvers.domains.guard import (
    LIVE_STATES,
    domain_registry,
    find_domain,
    locked_domain,
    nameserver_names,
    verify_state,
    verify_updatable,
)
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
    OperationPlan,
    Outcome,
    execute,
    start,
)
from registrar.resolvers.registry.guard import policy

HEX = re.compile(r"^[0-9A-Fa-f]+$")
DIGEST_LENGTHS = {1: 40, 2: 64, 4: 96}  # SHA-1, SHA-256, SHA-384 (RFC 4034/4509/6605)
CONTACT_ROLES = ("admin", "tech", "billing")


async def update_nameservers(ctx: RequestContext, access: TenantAccess, name: str, raw: object) -> Domain:
    """Replace the name-server set, through the operations journal. Errors: insufficient_scope,
    not_found, wrong_state, update_prohibited, empty_nameservers, invalid_nameservers,
    duplicate_nameserver, subordinate_host_missing, operation_pending, registry errors."""
    access.require_scope("write")
    target = parse_nameservers(raw, allow_empty=False)
    async with ctx.db.read() as session:
        domain = await find_domain(session, access, name)
        current = await nameserver_names(session, domain.id)
    verify_state(domain, LIVE_STATES)
    verify_updatable(domain)
    if sorted(current) == sorted(target):
        return domain
    plan = await plan_nameservers(ctx, access, target, own_domain=domain.name)
    registry = await domain_registry(ctx, domain)
    await ensure_external_hosts_at_registry(registry, [host for host in plan.external if host not in current])

    async def reserve(session: AsyncSession) -> OperationPlan:
        locked = await locked_domain(session, access, name)
        verify_state(locked, LIVE_STATES)
        verify_updatable(locked)
        before = await nameserver_names(session, locked.id)
        return OperationPlan(
            command=NAMESERVER_UPDATE,
            object_type="domain",
            object_name=locked.name,
            object_id=locked.id,
            registry_account_id=locked.registry_account_id,
            request={"from": before, "to": target},
        )

    operation = await start(ctx, access, reserve)

    async def send(cltrid: str) -> Facts:
        before, after = operation.request["from"], operation.request["to"]
        change = DomainUpdateRequest(
            name=domain.name,
            add_nameservers=tuple(host for host in after if host not in before),
            rem_nameservers=tuple(host for host in before if host not in after),
        )
        await registry.update_domain(change, cltrid=cltrid)
        return {}

    return await execute(ctx, access, operation, NAMESERVER_UPDATE_HANDLER, send)


async def _apply_nameservers(
    session: AsyncSession, ctx: RequestContext, access: TenantAccess, operation: RegistryOperation, _facts: Facts
) -> None:
    domain = await session.get(Domain, operation.object_id, with_for_update=True)
    before, after = operation.request["from"], operation.request["to"]
    await replace_nameserver_links(session, ctx, access, domain, after)
    domain.updated_at = ctx.clock.now()
    session.add(domain)
    record_event(
        session,
        ctx,
        access,
        domain,
        DomainEventType.NAMESERVERS_UPDATED,
        {"added": [h for h in after if h not in before], "removed": [h for h in before if h not in after]},
    )


async def _probe_nameservers(_ctx: RequestContext, registry: RegistrySession, operation: RegistryOperation) -> Outcome:
    """Executed when the registry delegates to exactly the new set."""
    info = await registry.domain_info(operation.object_name)
    if sorted(info.nameservers) == sorted(operation.request["to"]):
        return Executed({})
    return NotExecuted("the registry still delegates to another set")


NAMESERVER_UPDATE = "domain_update_nameservers"
NAMESERVER_UPDATE_HANDLER = CommandHandler(probe=_probe_nameservers, apply=_apply_nameservers)


async def replace_nameserver_links(
    session, ctx: RequestContext, access: TenantAccess, domain: Domain, names: list[str]
) -> None:
    hosts = await upsert_external_hosts(session, ctx, access, names)
    await session.exec(delete(DomainNameserver).where(DomainNameserver.domain_id == domain.id))
    for position, host_name in enumerate(names):
        session.add(DomainNameserver(domain_id=domain.id, host_id=hosts[host_name].id, position=position))


def _wanted_contacts(patch: Patch) -> dict[str, str | None]:
    """The supplied roles (`admin_handle`, …) and their new handles; "" or null clears a role.
    Other fields of the patch are not this action's and are left alone."""
    wanted: dict[str, str | None] = {}
    for role in CONTACT_ROLES:
        if f"{role}_handle" in patch:
            value = patch.get(f"{role}_handle")
            if value is not None and not isinstance(value, str):
                raise RegistrarError(CommonError.UNPROCESSABLE_ENTITY, details={f"{role}_handle": ["must be a string"]})
            wanted[role] = value or None
    return wanted


def _contact_changes(
    wanted: dict[str, str | None], found: dict[str, Contact], current: dict[str, Contact | None]
) -> tuple[list[tuple[str, str]], list[tuple[str, str]], dict[str, object]]:
    """The registry's add and rem lists and the event diff, for the roles that change."""
    add, rem, diff = [], [], {}
    for role, handle in wanted.items():
        new = found[handle] if handle else None
        old = current[role]
        if (new.id if new else None) == (old.id if old else None):
            continue
        if old is not None:
            rem.append((role, old.epp_id))
        if new is not None:
            add.append((role, new.epp_id))
        diff[f"{role}_handle"] = {"from": old.handle if old else None, "to": handle}
    return add, rem, diff


async def _contacts_by_handle(session: AsyncSession, access: TenantAccess, handles: set[str]) -> dict[str, Contact]:
    statement = select(Contact).where(Contact.tenant_id == access.tenant_id, col(Contact.handle).in_(handles))
    found = {contact.handle: contact for contact in (await session.exec(statement)).all()}
    missing = handles - set(found)
    if missing:
        raise RegistrarError(CommonError.NOT_FOUND, detail={"handle": sorted(missing)[0]})
    return found


async def _current_contacts(session: AsyncSession, domain: Domain) -> dict[str, Contact | None]:
    current_ids = {role: getattr(domain, f"{role}_contact_id") for role in CONTACT_ROLES}
    statement = select(Contact).where(col(Contact.id).in_([i for i in current_ids.values() if i]))
    by_id = {contact.id: contact for contact in (await session.exec(statement)).all()}
    return {role: by_id.get(contact_id) if contact_id else None for role, contact_id in current_ids.items()}


async def update_contacts(ctx: RequestContext, access: TenantAccess, name: str, patch: Patch) -> Domain:
    """Errors: insufficient_scope, not_found (domain or handle), wrong_state,
    update_prohibited, unprocessable_entity, registry errors.

    New contacts are provisioned at the registry before the domain's transaction opens (as
    registration does), so that transaction only holds its lock for the update itself.
    """
    access.require_scope("write")
    wanted = _wanted_contacts(patch)
    async with ctx.db.read() as session:
        domain = await find_domain(session, access, name)
        found = await _contacts_by_handle(session, access, {handle for handle in wanted.values() if handle})
        account = await session.get(RegistryAccount, domain.registry_account_id)
    verify_state(domain, LIVE_STATES)
    verify_updatable(domain)
    registry = await domain_registry(ctx, domain)
    for contact in found.values():
        await ensure_contact_at_registry(ctx, contact, account, registry)
    async with ctx.db.transaction() as session:
        domain = await locked_domain(session, access, name)
        verify_state(domain, LIVE_STATES)
        verify_updatable(domain)
        add, rem, diff = _contact_changes(wanted, found, await _current_contacts(session, domain))
        if not diff:
            return domain
        await registry.update_domain(
            DomainUpdateRequest(name=domain.name, add_contacts=tuple(add), rem_contacts=tuple(rem))
        )
        for role, handle in wanted.items():
            setattr(domain, f"{role}_contact_id", found[handle].id if handle else None)
        domain.updated_at = ctx.clock.now()
        session.add(domain)
        record_event(session, ctx, access, domain, DomainEventType.CONTACTS_UPDATED, diff)
    return domain


def parse_ds_records(raw: object) -> list[dict]:
    """Errors: invalid_ds_records, duplicate_ds_record, inconsistent_max_sig_life."""
    if not isinstance(raw, list):
        raise RegistrarError(DomainError.INVALID_DS_RECORDS, detail={"reason": "ds_records must be a list"})
    records: list[dict] = []
    for index, item in enumerate(raw):
        if not isinstance(item, dict) or set(item) - {
            "key_tag",
            "algorithm",
            "digest_type",
            "digest",
            "max_sig_life",
        }:
            raise RegistrarError(
                DomainError.INVALID_DS_RECORDS, detail={"index": index, "reason": "unknown or missing fields"}
            )
        try:
            record = {
                "key_tag": _ranged(item.get("key_tag"), 0, 65535),
                "algorithm": _ranged(item.get("algorithm"), 0, 255),
                "digest_type": _ranged(item.get("digest_type"), 0, 255),
                "digest": _digest(item.get("digest"), item.get("digest_type")),
                "max_sig_life": None
                if item.get("max_sig_life") is None
                else _ranged(item.get("max_sig_life"), 1, 2**31 - 1),
            }
        except ValueError as exc:
            raise RegistrarError(DomainError.INVALID_DS_RECORDS, detail={"index": index, "reason": str(exc)}) from exc
        key = (record["key_tag"], record["algorithm"], record["digest_type"], record["digest"])
        if any((r["key_tag"], r["algorithm"], r["digest_type"], r["digest"]) == key for r in records):
            raise RegistrarError(DomainError.DUPLICATE_DS_RECORD, detail={"index": index})
        records.append(record)
    lives = {record["max_sig_life"] for record in records if record["max_sig_life"] is not None}
    if len(lives) > 1:
        raise RegistrarError(DomainError.INCONSISTENT_MAX_SIG_LIFE)
    return records


def _ranged(value: object, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValueError(f"must be an integer from {low} to {high}")
    return value


def _digest(value: object, digest_type: object) -> str:
    if not isinstance(value, str) or not HEX.match(value) or len(value) % 2:
        raise ValueError("digest must be an even-length hexadecimal string")
    expected = DIGEST_LENGTHS.get(digest_type) if isinstance(digest_type, int) else None
    if expected is not None and len(value) != expected:
        raise ValueError(f"a digest of type {digest_type} has {expected} hexadecimal characters")
    return value.upper()


def _ds(record: dict) -> DsData:
    return DsData(record["key_tag"], record["algorithm"], record["digest_type"], record["digest"])


async def update_ds_records(
    ctx: RequestContext, access: TenantAccess, name: str, raw: object, *, remove_all: bool = False
) -> Domain:
    """Replace the DS set (`remove_all`: `<secDNS:rem><secDNS:all>` as DELETE does).

    Errors: insufficient_scope, not_found, wrong_state, update_prohibited, tld_not_dnssec,
    invalid_ds_records, duplicate_ds_record, inconsistent_max_sig_life, registry errors.
    """
    access.require_scope("write")
    target = [] if remove_all else parse_ds_records(raw)
    async with ctx.db.transaction() as session:
        domain = await locked_domain(session, access, name)
        verify_state(domain, LIVE_STATES)
        verify_updatable(domain)
        association = await ctx.loaders.tld_association_by_tld.load((access.tenant_id, domain.tld))
        if association is None or not policy(association, "dnssec_supported"):
            raise RegistrarError(DomainError.TLD_NOT_DNSSEC, detail={"tld": domain.tld})
        current = list(domain.ds_records)
        if current == target or (remove_all and not current):
            return domain
        registry = await domain_registry(ctx, domain)
        if remove_all or not target:
            request = DomainUpdateRequest(name=domain.name, ds_rem_all=True)
        else:
            request = DomainUpdateRequest(
                name=domain.name,
                ds_add=tuple(_ds(r) for r in target if r not in current),
                ds_rem=tuple(_ds(r) for r in current if r not in target),
                max_sig_life=next((r["max_sig_life"] for r in target if r["max_sig_life"]), None),
            )
        await registry.update_domain(request)
        domain.ds_records = target
        domain.updated_at = ctx.clock.now()
        session.add(domain)
        record_event(session, ctx, access, domain, DomainEventType.DS_RECORDS_UPDATED, {"from": current, "to": target})
    return domain
