"""Rotation of a registry account's password: RFC 5730 `<login>` with `<newPW>` at the
registry, then stored here, through the operations journal (DESIGN §6).

1. A `pending` operation (`account_password`, object `account` = the account id) is committed
   first; its `request` holds the new password encrypted with the services' encryptor, never
   in plaintext.
2. The login with `<newPW>` goes out; on success the settle transaction stores the new
   password (encrypted), sets `rotated_at` and writes the audit entry. A refusal (2200) closes
   the operation `failed` and the old password stays.
3. An unknown outcome (a timeout, a dropped answer) stays pending; once its lease has run out
   the worker logs in with the new password: accepted → adopted as above; refused → failed.

Once settled either way, the operation forgets the encrypted new password.
"""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import update
from sqlmodel.ext.asyncio.session import AsyncSession

from registrar.context import RequestContext
from registrar.epp.commands.session import RegistrySession
from registrar.errors import RegistrarError, UpstreamError, validation_error
from registrar.models import RegistryAccount, RegistryBinding, RegistryOperation, Tenant
from registrar.resolvers.auth.guard import TenantAccess
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
from registrar.resolvers.operator.audit import REDACTED, record
from registrar.resolvers.operator.guard import OperatorAccess
from registrar.resolvers.operator.registry_accounts import load_account, password_problem
from registrar.resolvers.registry.accounts import endpoint_of, login_of

ACCOUNT_PASSWORD = "account_password"
NEW_PASSWORD_KEY = "new_password_encrypted"


async def rotate_registry_password(
    ctx: RequestContext, operator: OperatorAccess, account_id: object, new_password: object, *, tenant: object = None
) -> RegistryAccount:
    """Change the account's password at its registry, then here (see the module docstring).

    Errors: unprocessable_entity (`new_password`: not 6-16 characters without spaces, or the
    current one); not_found; operation_pending (a rotation of this account is still open);
    registry_authorization_error (the registry refused: the old password stays);
    registry_unavailable, registry_timeout, registry_bad_response (with `outcome: unknown` the
    worker settles it).
    """
    problem = password_problem(new_password)
    if problem:
        raise validation_error({"new_password": [problem]})
    password = str(new_password)
    async with ctx.db.read() as session:
        account = await load_account(session, account_id, tenant=tenant)
        owner = await session.get(Tenant, account.tenant_id)
        binding = await session.get(RegistryBinding, account.registry_binding)
    access = operator.on(owner)
    locked: list[RegistryAccount] = []

    async def reserve(session: AsyncSession) -> OperationPlan:
        row = await load_account(session, account.id, lock=True)
        if ctx.services.encryptor.decrypt(row.password_encrypted) == password:
            raise validation_error({"new_password": ["is the current password"]})
        locked.append(row)
        return OperationPlan(
            command=ACCOUNT_PASSWORD,
            object_type="account",
            object_name=row.id,
            object_id=row.id,
            registry_account_id=row.id,
            request={
                NEW_PASSWORD_KEY: ctx.services.encryptor.encrypt(password),
                "operator": {"actor_type": operator.actor_type, "actor_id": operator.actor_id},
            },
        )

    operation = await start(ctx, access, reserve)
    endpoint = endpoint_of(binding, ctx.services.settings.registry_command_timeout_seconds)
    login = login_of(ctx, locked[0])

    async def send(cltrid: str) -> Facts:
        await ctx.services.registry.change_password(endpoint, login, password, cltrid=cltrid)
        return {}

    return await execute(ctx, access, operation, ACCOUNT_PASSWORD_HANDLER, send)


async def _apply_password(
    session: AsyncSession, ctx: RequestContext, access: TenantAccess, operation: RegistryOperation, _facts: Facts
) -> None:
    account = await session.get(RegistryAccount, operation.object_id, with_for_update=True)
    account.password_encrypted = operation.request[NEW_PASSWORD_KEY]
    account.rotated_at = account.updated_at = ctx.clock.now()
    session.add(account)
    await _forget_new_password(session, operation)
    actor = operation.request["operator"]
    await record(
        session,
        ctx,
        OperatorAccess(principal=access.principal, actor_type=actor["actor_type"], actor_id=actor["actor_id"]),
        "registry_account.rotate_password",
        ("registry_account", account.id),
        tenant_id=account.tenant_id,
        changes={"password": {"from": REDACTED, "to": REDACTED}},
    )


async def _forget_new_password(session: AsyncSession, operation: RegistryOperation) -> None:
    """A settled operation keeps who asked, not the password it carried."""
    kept = {key: value for key, value in operation.request.items() if key != NEW_PASSWORD_KEY}
    await session.exec(update(RegistryOperation).where(RegistryOperation.id == operation.id).values(request=kept))


async def _probe_password(ctx: RequestContext, registry: RegistrySession, operation: RegistryOperation) -> Outcome:
    """Executed when the registry accepts a login with the new password; not executed when it
    refuses it; anything else (the registry still unreachable) keeps the operation pending."""
    new_password = ctx.services.encryptor.decrypt(operation.request[NEW_PASSWORD_KEY])
    report = await ctx.services.registry.check_connectivity(
        registry.endpoint, replace(registry.login, password=new_password)
    )
    if report.logged_in:
        return Executed({})
    if report.error is not None and report.error.code == UpstreamError.REGISTRY_AUTHORIZATION_ERROR:
        return NotExecuted("the registry refuses the new password")
    raise report.error or RegistrarError(UpstreamError.REGISTRY_UNAVAILABLE)


ACCOUNT_PASSWORD_HANDLER = CommandHandler(probe=_probe_password, apply=_apply_password, on_failure=_forget_new_password)
