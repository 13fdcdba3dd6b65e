"""Registry accounts: the selector rule, the EPP session bound to an account, the tenant's
read access to its accounts and the per-(tenant, binding) default flag."""

from __future__ import annotations

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from registrar.context import RequestContext
from registrar.epp.commands.account import RegistryEndpoint, RegistryLogin
from registrar.epp.commands.session import RegistrySession
from registrar.errors import CommonError, RegistrarError, UpstreamError
from registrar.models import RegistryAccount, RegistryBinding, TldAssociation
from registrar.resolvers.auth.guard import TenantAccess
from registrar.resolvers.registry.errors import RegistryError


async def select_registry_account(
    ctx: RequestContext,
    access: TenantAccess,
    association: TldAssociation,
    requested_id: object = None,
) -> RegistryAccount:
    """The selector rule.

    An explicit `registry_account_id` must be the tenant's (else `not_found`), on the TLD's
    binding (`registry_binding_mismatch`) and active (`registry_account_unavailable`).
    Without one: the single active account on the binding, else the binding's default, else
    `registry_account_required` with `meta.candidates`; none at all is
    `registry_account_unavailable`.
    """
    async with ctx.db.read() as session:
        if requested_id not in (None, ""):
            account = await session.get(RegistryAccount, str(requested_id))
            if account is None or account.tenant_id != access.tenant_id:
                raise RegistrarError(
                    RegistryError.REGISTRY_ACCOUNT_UNAVAILABLE, detail={"registry_account_id": requested_id}
                )
            if account.registry_binding != association.registry_binding:
                raise RegistrarError(
                    RegistryError.REGISTRY_BINDING_MISMATCH,
                    detail={"expected_binding": association.registry_binding},
                )
            if account.state != "active":
                raise RegistrarError(RegistryError.REGISTRY_ACCOUNT_UNAVAILABLE, detail={"id": account.id})
            return account
        candidates = list(
            (
                await session.exec(
                    select(RegistryAccount)
                    .where(
                        RegistryAccount.tenant_id == access.tenant_id,
                        RegistryAccount.registry_binding == association.registry_binding,
                        RegistryAccount.state == "active",
                    )
                    .order_by(RegistryAccount.name, RegistryAccount.id)
                )
            ).all()
        )
    if not candidates:
        raise RegistrarError(
            RegistryError.REGISTRY_ACCOUNT_UNAVAILABLE,
            detail={"registry_binding": association.registry_binding},
        )
    if len(candidates) == 1:
        return candidates[0]
    defaults = [account for account in candidates if account.is_default]
    if defaults:
        return defaults[0]
    raise RegistrarError(
        RegistryError.REGISTRY_ACCOUNT_REQUIRED,
        meta={"candidates": [{"id": a.id, "name": a.name} for a in candidates]},
    )


async def registry_session(ctx: RequestContext, account: RegistryAccount) -> RegistrySession:
    """An EPP session for the account, credentials decrypted only in memory."""
    async with ctx.db.read() as session:
        binding = await session.get(RegistryBinding, account.registry_binding)
    if binding is None:
        raise RegistrarError(UpstreamError.REGISTRY_UNAVAILABLE, detail={"binding": account.registry_binding})
    endpoint = endpoint_of(binding, ctx.services.settings.registry_command_timeout_seconds)
    return ctx.services.registry.session(endpoint, login_of(ctx, account))


def endpoint_of(binding: RegistryBinding, command_timeout: float) -> RegistryEndpoint:
    return RegistryEndpoint(
        binding=binding.name,
        host=binding.host,
        port=binding.port,
        ca_pem=binding.ca_pem.encode() if binding.ca_pem else None,
        max_connections=binding.max_connections,
        names_per_check=binding.names_per_check,
        commands_per_minute=binding.commands_per_minute,
        command_timeout=command_timeout,
    )


def login_of(ctx: RequestContext, account: RegistryAccount) -> RegistryLogin:
    decrypt = ctx.services.encryptor.decrypt
    return RegistryLogin(
        account_id=account.id,
        clid=account.clid,
        password=decrypt(account.password_encrypted),
        cert_pem=decrypt(account.cert_pem_encrypted).encode() if account.cert_pem_encrypted else None,
        key_pem=decrypt(account.key_pem_encrypted).encode() if account.key_pem_encrypted else None,
    )


async def account_registry(ctx: RequestContext, account_id: str) -> RegistrySession:
    """The EPP session of a stored account, which must still be active.

    Errors: registry_account_unavailable.
    """
    async with ctx.db.read() as session:
        account = await session.get(RegistryAccount, account_id)
    if account is None or account.state != "active":
        raise RegistrarError(RegistryError.REGISTRY_ACCOUNT_UNAVAILABLE, detail={"id": account_id})
    return await registry_session(ctx, account)


async def find_registry_account(session: AsyncSession, access: TenantAccess, account_id: str) -> RegistryAccount:
    """The tenant's account by id. Errors: not_found (also for another tenant's)."""
    account = await session.get(RegistryAccount, account_id)
    if account is None or account.tenant_id != access.tenant_id:
        raise RegistrarError(CommonError.NOT_FOUND)
    return account


async def list_registry_accounts(
    ctx: RequestContext,
    access: TenantAccess,
    *,
    registry_binding: str | None = None,
    state: str | None = None,
) -> list[RegistryAccount]:
    """The tenant's accounts by binding and name, optionally filtered. Errors:
    insufficient_scope."""
    access.require_scope("read")
    statement = select(RegistryAccount).where(RegistryAccount.tenant_id == access.tenant_id)
    if registry_binding:
        statement = statement.where(RegistryAccount.registry_binding == registry_binding)
    if state:
        statement = statement.where(RegistryAccount.state == state)
    statement = statement.order_by(
        col(RegistryAccount.registry_binding), col(RegistryAccount.name), col(RegistryAccount.id)
    )
    async with ctx.db.read() as session:
        return list((await session.exec(statement)).all())


async def set_default_registry_account(ctx: RequestContext, access: TenantAccess, account_id: str) -> RegistryAccount:
    """Make the account the default of its binding, clearing any other default there.

    Every account of the (tenant, binding) is row-locked first, so concurrent calls
    serialize and leave exactly one default. Errors: insufficient_scope; forbidden (owner
    or admin only); not_found; registry_account_unavailable (disabled account).
    """
    return await _toggle_default(ctx, access, account_id, make_default=True)


async def clear_default_registry_account(ctx: RequestContext, access: TenantAccess, account_id: str) -> RegistryAccount:
    """Clear the account's default flag (idempotent). Errors: insufficient_scope;
    forbidden; not_found."""
    return await _toggle_default(ctx, access, account_id, make_default=False)


async def _toggle_default(
    ctx: RequestContext, access: TenantAccess, account_id: str, *, make_default: bool
) -> RegistryAccount:
    async with ctx.db.transaction() as session:
        account, _changed = await toggle_default_in(session, ctx, access, account_id, make_default=make_default)
    return account


async def toggle_default_in(
    session: AsyncSession, ctx: RequestContext, access: TenantAccess, account_id: str, *, make_default: bool
) -> tuple[RegistryAccount, bool]:
    """The default flag change inside the caller's transaction (the operator's action adds
    its audit entry there): the account, and whether any row changed. Errors:
    insufficient_scope; forbidden; not_found; registry_account_unavailable (disabled account)."""
    access.require_scope("write")
    access.require_role("admin")
    now = ctx.clock.now()
    changed = False
    account = await find_registry_account(session, access, account_id)
    siblings = (
        await session.exec(
            select(RegistryAccount)
            .where(
                RegistryAccount.tenant_id == access.tenant_id,
                RegistryAccount.registry_binding == account.registry_binding,
            )
            .order_by(col(RegistryAccount.id))
            .with_for_update()
            .execution_options(populate_existing=True)
        )
    ).all()
    account = next(row for row in siblings if row.id == account_id)
    if make_default and account.state != "active":
        raise RegistrarError(RegistryError.REGISTRY_ACCOUNT_UNAVAILABLE, detail={"id": account.id})
    for row in siblings:
        wanted = make_default and row.id == account.id
        if row.is_default != wanted and (make_default or row.id == account.id):
            row.is_default = wanted
            row.updated_at = now
            session.add(row)
            changed = True
    return account, changed
