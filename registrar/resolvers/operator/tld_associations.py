"""The operator's TLD associations: which TLDs a tenant sells, through which registry account,
under which policy. Tenants read them (`resolvers/registry/tld_associations.py`); only the
operator creates, configures, rebinds and deletes them, each change audited.

An association is bound to one of the tenant's registry accounts, and through it to that
account's binding, which must serve the TLD (a binding with an empty `tlds` list serves any).
While the tenant has a live domain under the TLD, the association stays on its binding and
cannot be deleted: those domains are sponsored there.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import func, or_
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from registrar.context import RequestContext
from registrar.errors import CommonError, FieldErrors, RegistrarError
from registrar.models import Domain, RegistryAccount, RegistryBinding, RegistryOperation, Tenant, TldAssociation
from registrar.names import InvalidName, normalize_tld
from registrar.resolvers.operator.audit import diff, record, snapshot
from registrar.resolvers.operator.errors import OperatorError
from registrar.resolvers.operator.guard import OperatorAccess, load_tenant
from registrar.resolvers.operator.tld_config import apply_config_patch, check_config_patch, validate_config_patch
from registrar.resolvers.registry.tld_associations import ACCREDITATION_TYPES

AUDITED_FIELDS = ("tld", "accreditation_type", "registry_binding", "registry_account_id", "state", "config")


@dataclass
class TldAssociationInput:
    tld: object = None
    accreditation_type: object = None
    registry_account_id: object = None
    config: object = None
    extra: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class _NewAssociation:
    tld: str
    accreditation_type: str
    registry_account_id: str
    config: dict[str, object]


def _validated(data: TldAssociationInput) -> _NewAssociation:
    errors = FieldErrors()
    for name in data.extra:
        errors.add(name, "is not a known field")
    tld = ""
    try:
        tld = normalize_tld(data.tld)
    except InvalidName as exc:
        errors.add("tld", str(exc))
    if data.accreditation_type not in ACCREDITATION_TYPES:
        errors.add("accreditation_type", f"must be one of {', '.join(ACCREDITATION_TYPES)}")
    if not isinstance(data.registry_account_id, str) or not data.registry_account_id:
        errors.add("registry_account_id", "can't be blank")
    config = {} if data.config is None else check_config_patch(data.config, errors, within="config")
    errors.raise_if_any()
    return _NewAssociation(
        tld, str(data.accreditation_type), str(data.registry_account_id), apply_config_patch({}, config)
    )


async def load_association(
    session: AsyncSession, tenant_id: str, id_or_tld: object, *, lock: bool = False
) -> TldAssociation:
    """The tenant's association by id or TLD label. Errors: not_found."""
    if not isinstance(id_or_tld, str) or not id_or_tld:
        raise RegistrarError(CommonError.NOT_FOUND)
    try:
        label = normalize_tld(id_or_tld)
    except InvalidName:
        label = id_or_tld
    statement = select(TldAssociation).where(
        TldAssociation.tenant_id == tenant_id,
        or_(TldAssociation.id == id_or_tld, TldAssociation.tld == label),
    )
    if lock:
        statement = statement.with_for_update()
    association = (await session.exec(statement)).first()
    if association is None:
        raise RegistrarError(CommonError.NOT_FOUND)
    return association


async def load_account_for(session: AsyncSession, tenant: Tenant, account_id: object) -> RegistryAccount:
    """The tenant's active registry account that an association may be bound to.

    Errors: unprocessable_entity (not an account of the tenant, or disabled).
    """
    account = await session.get(RegistryAccount, account_id) if isinstance(account_id, str) and account_id else None
    if account is None or account.tenant_id != tenant.id:
        raise RegistrarError(
            CommonError.UNPROCESSABLE_ENTITY,
            details={"registry_account_id": ["is not a registry account of the tenant"]},
        )
    if account.state != "active":
        raise RegistrarError(CommonError.UNPROCESSABLE_ENTITY, details={"registry_account_id": ["is disabled"]})
    return account


async def verify_served(session: AsyncSession, binding_name: str, tld: str) -> None:
    """The binding serves the TLD (any TLD when its list is empty). Errors: tld_not_served."""
    binding = await session.get(RegistryBinding, binding_name)
    served = {label.lower() for label in (binding.tlds if binding else [])}
    if served and tld not in served:
        raise RegistrarError(OperatorError.TLD_NOT_SERVED, detail={"tld": tld, "registry_binding": binding_name})


async def live_domain_count(session: AsyncSession, tenant_id: str, tld: str) -> int:
    """The tenant's domains under the TLD that are not deleted, plus registrations in flight."""
    domains = await session.exec(
        select(func.count()).where(Domain.tenant_id == tenant_id, Domain.tld == tld, Domain.state != "deleted")
    )
    in_flight = await session.exec(
        select(func.count()).where(
            RegistryOperation.tenant_id == tenant_id,
            RegistryOperation.command == "domain_create",
            RegistryOperation.state == "pending",
            col(RegistryOperation.object_name).endswith(f".{tld}"),
        )
    )
    return domains.one() + in_flight.one()


async def verify_not_in_use(session: AsyncSession, association: TldAssociation) -> None:
    """Errors: in_use (the tenant has live domains under the TLD)."""
    count = await live_domain_count(session, association.tenant_id, association.tld)
    if count:
        raise RegistrarError(OperatorError.IN_USE, detail={"tld": association.tld, "live_domains": count})


async def list_tld_associations(
    ctx: RequestContext, operator: OperatorAccess, tenant_ref: object
) -> list[TldAssociation]:
    """The tenant's associations by TLD, whatever their state.

    Errors: not_found (no such tenant).
    """
    async with ctx.db.read() as session:
        tenant = await load_tenant(session, tenant_ref)
        rows = await session.exec(
            select(TldAssociation).where(TldAssociation.tenant_id == tenant.id).order_by(col(TldAssociation.tld))
        )
        return list(rows.all())


async def get_tld_association(
    ctx: RequestContext, operator: OperatorAccess, tenant_ref: object, id_or_tld: object
) -> TldAssociation:
    """One association of the tenant, by id or TLD label.

    Errors: not_found (no such tenant or association).
    """
    async with ctx.db.read() as session:
        tenant = await load_tenant(session, tenant_ref)
        return await load_association(session, tenant.id, id_or_tld)


async def create_tld_association(
    ctx: RequestContext, operator: OperatorAccess, tenant_ref: object, data: TldAssociationInput
) -> TldAssociation:
    """Let the tenant sell a TLD through one of its active registry accounts, whose binding
    must serve the TLD; the policy starts from `config` (defaults for every key left out).
    Audited as `tld_association.create`.

    Errors: not_found (no such tenant); unprocessable_entity (a bad field, an account that is
    not the tenant's or is disabled); tld_not_served; already_exists (the tenant already has
    the TLD).
    """
    values = _validated(data)
    now = ctx.clock.now()
    try:
        async with ctx.db.transaction() as session:
            tenant = await load_tenant(session, tenant_ref)
            account = await load_account_for(session, tenant, values.registry_account_id)
            await verify_served(session, account.registry_binding, values.tld)
            association = TldAssociation(
                tenant_id=tenant.id,
                tld=values.tld,
                registry_binding=account.registry_binding,
                registry_account_id=account.id,
                accreditation_type=values.accreditation_type,
                config=values.config,
                inserted_at=now,
                updated_at=now,
            )
            session.add(association)
            await session.flush()
            await _audit(session, ctx, operator, "tld_association.create", association, None)
    except IntegrityError:  # the (tenant, tld) constraint: another request created it first
        raise RegistrarError(OperatorError.ALREADY_EXISTS, detail={"tld": values.tld}) from None
    return association


async def update_tld_config(
    ctx: RequestContext, operator: OperatorAccess, tenant_ref: object, id_or_tld: object, patch: object
) -> TldAssociation:
    """Set policy keys (`tld_config.POLICY_KEYS`); a null value puts a key back to its default,
    keys not named stay as they are. Audited as `tld_association.update_config` with the keys
    that changed; a change that changes nothing is not audited.

    Errors: not_found; unprocessable_entity (an unknown key, or a value of the wrong type or
    out of range).
    """
    values = validate_config_patch(patch)
    async with ctx.db.transaction() as session:
        tenant = await load_tenant(session, tenant_ref)
        association = await load_association(session, tenant.id, id_or_tld, lock=True)
        config = apply_config_patch(association.config, values)
        changes = diff(_policy(association.config, values), _policy(config, values))
        if not changes:
            return association
        association.config = config  # a new dict, so the JSON column is written
        association.updated_at = ctx.clock.now()
        session.add(association)
        await record(
            session,
            ctx,
            operator,
            "tld_association.update_config",
            ("tld_association", association.id),
            tenant_id=tenant.id,
            changes=changes,
        )
    return association


def _policy(config: dict[str, object], keys: Iterable[str]) -> dict[str, object]:
    """The named keys that the config sets, as `config.<key>` (an unset key is absent)."""
    return {f"config.{key}": config[key] for key in keys if key in config}


async def rebind_tld_association(
    ctx: RequestContext, operator: OperatorAccess, tenant_ref: object, id_or_tld: object, account_id: object
) -> TldAssociation:
    """Bind the association to another active account of the tenant. An account on the same
    binding is always allowed; one on another binding (which must serve the TLD) only while
    the tenant has no live domain under the TLD. Audited as `tld_association.rebind`.

    Errors: not_found; unprocessable_entity (an account that is not the tenant's or is
    disabled); in_use; tld_not_served.
    """
    async with ctx.db.transaction() as session:
        tenant = await load_tenant(session, tenant_ref)
        association = await load_association(session, tenant.id, id_or_tld, lock=True)
        account = await load_account_for(session, tenant, account_id)
        if account.id == association.registry_account_id:
            return association
        if account.registry_binding != association.registry_binding:
            await verify_not_in_use(session, association)
            await verify_served(session, account.registry_binding, association.tld)
        before = snapshot(association, AUDITED_FIELDS)
        association.registry_account_id = account.id
        association.registry_binding = account.registry_binding
        association.updated_at = ctx.clock.now()
        session.add(association)
        await _audit(session, ctx, operator, "tld_association.rebind", association, before)
    return association


async def delete_tld_association(
    ctx: RequestContext, operator: OperatorAccess, tenant_ref: object, id_or_tld: object
) -> None:
    """Stop the tenant selling the TLD; its rate-card rows stay (for a later re-association).
    Audited as `tld_association.delete`.

    Errors: not_found; in_use (the tenant has a domain under the TLD that is not deleted,
    or a registration in flight).
    """
    async with ctx.db.transaction() as session:
        tenant = await load_tenant(session, tenant_ref)
        association = await load_association(session, tenant.id, id_or_tld, lock=True)
        await verify_not_in_use(session, association)
        await record(
            session,
            ctx,
            operator,
            "tld_association.delete",
            ("tld_association", association.id),
            tenant_id=tenant.id,
            changes=diff(snapshot(association, AUDITED_FIELDS), None),
        )
        await session.delete(association)


async def _audit(
    session: AsyncSession,
    ctx: RequestContext,
    operator: OperatorAccess,
    action: str,
    association: TldAssociation,
    before: dict[str, object] | None,
) -> None:
    await record(
        session,
        ctx,
        operator,
        action,
        ("tld_association", association.id),
        tenant_id=association.tenant_id,
        changes=diff(before, snapshot(association, AUDITED_FIELDS)),
    )
