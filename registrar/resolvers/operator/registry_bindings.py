"""The operator's registry bindings: where each registry is, what it speaks and serves, and
the limits it imposes (DESIGN §5) — create, update, list, show, and a connectivity test.

A binding's name is its primary key, so two concurrent creates of one name leave one row and
the other caller gets `already_exists`. Every change is one transaction with its audit entry;
an update to the values already held changes nothing and records nothing. A TLD that an
active TLD association on the binding still uses cannot be dropped from its `tlds`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from registrar.context import RequestContext
from registrar.epp.gateway import ConnectivityReport
from registrar.epp.objects import Greeting
from registrar.errors import CommonError, FieldErrors, RegistrarError, validation_error
from registrar.models import RegistryAccount, RegistryBinding, TldAssociation
from registrar.resolvers._shared.patch import Patch
from registrar.resolvers.operator.audit import diff, record
from registrar.resolvers.operator.binding_fields import (
    BINDING_DEFAULTS,
    RULES,
    audited,
    validated_name,
)
from registrar.resolvers.operator.errors import OperatorError
from registrar.resolvers.operator.guard import OperatorAccess
from registrar.resolvers.registry.accounts import endpoint_of, login_of
from registrar.resolvers.registry.errors import RegistryError

UPDATABLE_FIELDS = tuple(RULES)


# --- reads ----------------------------------------------------------------------------------


async def list_registry_bindings(ctx: RequestContext, operator: OperatorAccess) -> list[RegistryBinding]:
    """Every binding, by name."""
    async with ctx.db.read() as session:
        return list((await session.exec(select(RegistryBinding).order_by(col(RegistryBinding.name)))).all())


async def get_registry_binding(ctx: RequestContext, operator: OperatorAccess, name: str) -> RegistryBinding:
    """One binding by name. Errors: not_found."""
    async with ctx.db.read() as session:
        return await load_binding(session, name)


async def load_binding(session: AsyncSession, name: object, *, lock: bool = False) -> RegistryBinding:
    """Errors: not_found."""
    if not isinstance(name, str) or not name:
        raise RegistrarError(CommonError.NOT_FOUND)
    binding = await session.get(RegistryBinding, name, with_for_update=lock)
    if binding is None:
        raise RegistrarError(CommonError.NOT_FOUND)
    return binding


# --- create and update ----------------------------------------------------------------------


def _validated(patch: Patch, *, creating: bool) -> dict[str, Any]:
    """The supplied fields, validated and normalised; every bad field reported at once."""
    errors = FieldErrors()
    patch.report_unknown(("name", *UPDATABLE_FIELDS) if creating else UPDATABLE_FIELDS, errors)
    values = {name: rule(value, errors) for name, value in patch.items() if (rule := RULES.get(name)) is not None}
    if creating:
        values["name"] = validated_name(patch.get("name"), errors)
        if "host" not in patch:
            errors.add("host", "can't be blank")
    errors.raise_if_any()
    return values


async def create_registry_binding(ctx: RequestContext, operator: OperatorAccess, data: Patch) -> RegistryBinding:
    """Create a binding. `name` and `host` are required; `port` defaults to 700 (EPP),
    `names_per_check` to 5, `max_connections` to 2, `commands_per_minute` to none (no
    limit), `extensions` and `tlds` to empty lists.

    Errors: unprocessable_entity (each bad field); already_exists (the name is taken).
    """
    values = _validated(data, creating=True)
    now = ctx.clock.now()
    binding = RegistryBinding(**{**BINDING_DEFAULTS, **values}, inserted_at=now, updated_at=now)
    try:
        async with ctx.db.transaction() as session:
            if await session.get(RegistryBinding, binding.name) is not None:
                raise RegistrarError(OperatorError.ALREADY_EXISTS, detail={"name": binding.name})
            session.add(binding)
            await session.flush()
            await record(
                session,
                ctx,
                operator,
                "registry_binding.create",
                ("registry_binding", binding.name),
                changes=diff(None, audited(binding)),
            )
    except IntegrityError as error:  # a concurrent create of the same name won
        raise RegistrarError(OperatorError.ALREADY_EXISTS, detail={"name": binding.name}) from error
    return binding


async def update_registry_binding(
    ctx: RequestContext, operator: OperatorAccess, name: str, patch: Patch
) -> RegistryBinding:
    """Change the supplied fields (a partial update); `name` cannot change. `ca_pem` or
    `commands_per_minute` supplied as null clear them.

    Errors: not_found; unprocessable_entity (each bad field); in_use (a TLD dropped from `tlds`
    that an active TLD association on the binding still uses).
    """
    values = _validated(patch, creating=False)
    async with ctx.db.transaction() as session:
        binding = await load_binding(session, name, lock=True)
        before = audited(binding)
        if "tlds" in values:
            await verify_tlds_unused(session, binding, set(binding.tlds) - set(values["tlds"]))
        for field, value in values.items():
            setattr(binding, field, value)
        changes = diff(before, audited(binding))
        if not changes:
            return binding
        binding.updated_at = ctx.clock.now()
        session.add(binding)
        await record(
            session, ctx, operator, "registry_binding.update", ("registry_binding", binding.name), changes=changes
        )
    return binding


async def verify_tlds_unused(session: AsyncSession, binding: RegistryBinding, dropped: set[str]) -> None:
    """Errors: in_use (with the TLDs still associated and how many associations use them)."""
    if not dropped:
        return
    rows = (
        await session.exec(
            select(TldAssociation.tld).where(
                TldAssociation.registry_binding == binding.name,
                TldAssociation.state == "active",
                col(TldAssociation.tld).in_(sorted(dropped)),
            )
        )
    ).all()
    if rows:
        raise RegistrarError(
            OperatorError.IN_USE,
            detail={"tlds": sorted(set(rows)), "tld_associations": len(rows)},
        )


# --- connectivity test ----------------------------------------------------------------------


@dataclass(frozen=True)
class BindingTest:
    """What `test_registry_binding` found: the report and whom it logged in as."""

    binding: str
    registry_account_id: str | None
    report: ConnectivityReport

    @property
    def greeting(self) -> Greeting | None:
        return self.report.greeting


async def test_registry_binding(
    ctx: RequestContext, operator: OperatorAccess, name: str, registry_account_id: object = None
) -> BindingTest:
    """Connect to the binding's registry once, read its greeting, and log in and out once as
    `registry_account_id` (any state) or, without one, as the first active account on the
    binding by name; with no account at all, only the greeting is read. The registry being
    down, refusing TLS or refusing the login is the report's `error`, not this action's.
    Changes nothing, so it records no audit entry.

    Errors: not_found (no such binding); unprocessable_entity (an unknown account id);
    registry_binding_mismatch (an account of another binding).
    """
    async with ctx.db.read() as session:
        binding = await load_binding(session, name)
        account = await _account_to_test(session, binding, registry_account_id)
    endpoint = endpoint_of(binding, ctx.services.settings.registry_command_timeout_seconds)
    login = login_of(ctx, account) if account is not None else None
    report = await ctx.services.registry.check_connectivity(endpoint, login)
    return BindingTest(binding=binding.name, registry_account_id=account.id if account else None, report=report)


async def _account_to_test(
    session: AsyncSession, binding: RegistryBinding, requested: object
) -> RegistryAccount | None:
    if requested is not None:
        account = await session.get(RegistryAccount, requested) if isinstance(requested, str) and requested else None
        if account is None:
            raise validation_error({"registry_account_id": ["does not exist"]})
        if account.registry_binding != binding.name:
            raise RegistrarError(RegistryError.REGISTRY_BINDING_MISMATCH, detail={"expected_binding": binding.name})
        return account
    return (
        await session.exec(
            select(RegistryAccount)
            .where(RegistryAccount.registry_binding == binding.name, RegistryAccount.state == "active")
            .order_by(col(RegistryAccount.name), col(RegistryAccount.id))
        )
    ).first()
