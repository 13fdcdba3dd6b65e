"""The operator's registry accounts of a tenant: create, list, show, disable, enable, delete
and set default (password rotation talks to the registry: `registry_passwords`).

Secrets (password, client key) are encrypted at rest with the services' encryptor, returned by
nothing and audited only as redacted. Creating or enabling an account holds the tenant's row
lock, so concurrent creates of one name leave one account and the first active account on a
(tenant, binding) becomes its default exactly once. Deleting is refused while anything still
references the account: domains, hosts, contacts created at the registry through it, registry
operations or TLD associations.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from sqlalchemy import func
from sqlalchemy.exc import IntegrityError
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from registrar.context import RequestContext
from registrar.errors import CommonError, FieldErrors, RegistrarError, validation_error
from registrar.models import (
    ContactRegistryObject,
    Domain,
    Host,
    RegistryAccount,
    RegistryBinding,
    RegistryOperation,
    Tenant,
    TldAssociation,
)
from registrar.resolvers._shared.input_text import check_single_line
from registrar.resolvers.operator.audit import REDACTED, diff, record, snapshot
from registrar.resolvers.operator.errors import OperatorError
from registrar.resolvers.operator.guard import OperatorAccess, load_tenant
from registrar.resolvers.registry import accounts as tenant_accounts
from registrar.resolvers.registry.certificates import parse_pair

AUDITED_FIELDS = ("registry_binding", "name", "clid", "state", "is_default")
PASSWORD_RULE = "must be 6-16 characters without spaces (EPP pwType)"
REFERENCES: tuple[tuple[str, Any], ...] = (
    ("domains", Domain),
    ("hosts", Host),
    ("contact_registry_objects", ContactRegistryObject),
    ("registry_operations", RegistryOperation),
    ("tld_associations", TldAssociation),
)


@dataclass
class NewRegistryAccount:
    registry_binding: object = None
    name: object = None
    clid: object = None
    password: object = None
    cert_pem: object = None
    key_pem: object = None
    extra: dict[str, object] = field(default_factory=dict)


def password_problem(value: object) -> str | None:
    """Why `value` is no EPP login password (RFC 5730 pwType: 6-16 characters; we also refuse
    whitespace and control characters), or None."""
    if not isinstance(value, str) or not 6 <= len(value) <= 16:
        return PASSWORD_RULE
    if not value.isprintable() or any(char.isspace() for char in value):
        return PASSWORD_RULE
    return None


def _validated(data: NewRegistryAccount, errors: FieldErrors) -> None:
    for unknown in data.extra:
        errors.add(unknown, "is not a known field")
    if not isinstance(data.registry_binding, str) or not data.registry_binding:
        errors.add("registry_binding", "can't be blank")
    if not isinstance(data.name, str) or not data.name.strip() or len(data.name.strip()) > 100:
        errors.add("name", "can't be blank (at most 100 characters)")
    else:
        check_single_line(errors, "name", data.name)
    clid = data.clid
    if not (
        isinstance(clid, str) and 3 <= len(clid) <= 16 and clid.isprintable() and not any(c.isspace() for c in clid)
    ):
        errors.add("clid", "must be 3-16 characters without spaces (EPP clIDType)")
    problem = password_problem(data.password)
    if problem:
        errors.add("password", problem)


def _client_certificate(data: NewRegistryAccount) -> tuple[str, str] | None:
    """Errors: cert_pem_required, key_pem_required, invalid_pem, key_mismatch."""
    if data.cert_pem in (None, "") and data.key_pem in (None, ""):
        return None
    return parse_pair(data.cert_pem, data.key_pem)


def audited(account: RegistryAccount, cert_pem: str | None = None) -> dict[str, Any]:
    """The account as its audit entries show it: secrets only as redacted, the public
    certificate as its fingerprint."""
    values = snapshot(account, AUDITED_FIELDS)
    values["password"] = REDACTED
    if cert_pem is not None:
        values["cert_sha256"] = x509.load_pem_x509_certificate(cert_pem.encode()).fingerprint(hashes.SHA256()).hex()
        values["key_pem"] = REDACTED
    return values


async def create_registry_account(
    ctx: RequestContext, operator: OperatorAccess, tenant: object, data: NewRegistryAccount
) -> RegistryAccount:
    """Create a tenant's account on a binding (client id, password, optional client
    certificate and key); the first active account on the (tenant, binding) becomes its
    default. Nothing is sent to the registry: `test_registry_binding` tries the credentials.

    Errors: not_found (no such tenant); unprocessable_entity (each bad field, an unknown
    binding); cert_pem_required; key_pem_required; invalid_pem; key_mismatch; already_exists
    (the name is taken on that binding for the tenant).
    """
    errors = FieldErrors()
    _validated(data, errors)
    errors.raise_if_any()
    pair = _client_certificate(data)
    async with ctx.db.transaction() as session:
        owner = await load_tenant(session, tenant, lock=True)
        siblings = await _verify_name_free(session, owner, data)
        account = _new_account(ctx, owner, data, pair)
        account.is_default = not any(row.state == "active" for row in siblings)
        session.add(account)
        changes = diff(None, audited(account, pair[0] if pair else None))
        await _record(session, ctx, operator, "registry_account.create", account, changes)
    return account


async def _verify_name_free(session: AsyncSession, owner: Tenant, data: NewRegistryAccount) -> list[RegistryAccount]:
    """The tenant's accounts on the binding. Errors: unprocessable_entity (no such binding);
    already_exists (one of them has the name)."""
    if await session.get(RegistryBinding, data.registry_binding) is None:
        raise validation_error({"registry_binding": ["does not exist"]})
    siblings = await _accounts_on(session, owner.id, str(data.registry_binding))
    name = str(data.name).strip()
    if any(row.name == name for row in siblings):
        raise RegistrarError(
            OperatorError.ALREADY_EXISTS, detail={"name": name, "registry_binding": data.registry_binding}
        )
    return siblings


def _new_account(
    ctx: RequestContext, owner: Tenant, data: NewRegistryAccount, pair: tuple[str, str] | None
) -> RegistryAccount:
    encrypt = ctx.services.encryptor.encrypt
    now = ctx.clock.now()
    return RegistryAccount(
        tenant_id=owner.id,
        registry_binding=str(data.registry_binding),
        name=str(data.name).strip(),
        clid=str(data.clid),
        password_encrypted=encrypt(str(data.password)),
        cert_pem_encrypted=encrypt(pair[0]) if pair else None,
        key_pem_encrypted=encrypt(pair[1]) if pair else None,
        inserted_at=now,
        updated_at=now,
    )


async def _accounts_on(session: AsyncSession, tenant_id: str, binding: str) -> list[RegistryAccount]:
    rows = await session.exec(
        select(RegistryAccount).where(
            RegistryAccount.tenant_id == tenant_id, RegistryAccount.registry_binding == binding
        )
    )
    return list(rows.all())


async def load_account(
    session: AsyncSession, account_id: object, *, tenant: object = None, lock: bool = False
) -> RegistryAccount:
    """An account by id; with `tenant` (id or slug) it must be that tenant's.

    Errors: not_found (also an account of another tenant)."""
    if not isinstance(account_id, str) or not account_id:
        raise RegistrarError(CommonError.NOT_FOUND)
    account = await session.get(RegistryAccount, account_id, with_for_update=lock)
    if account is None:
        raise RegistrarError(CommonError.NOT_FOUND)
    if tenant is not None and (await load_tenant(session, tenant)).id != account.tenant_id:
        raise RegistrarError(CommonError.NOT_FOUND)
    return account


async def list_tenant_registry_accounts(
    ctx: RequestContext, operator: OperatorAccess, tenant: object
) -> list[RegistryAccount]:
    """A tenant's accounts by binding and name. Errors: not_found (no such tenant)."""
    async with ctx.db.read() as session:
        owner = await load_tenant(session, tenant)
    return await tenant_accounts.list_registry_accounts(ctx, operator.on(owner))


async def get_tenant_registry_account(
    ctx: RequestContext, operator: OperatorAccess, account_id: object, *, tenant: object = None
) -> RegistryAccount:
    """One account (of `tenant`, when given). Errors: not_found."""
    async with ctx.db.read() as session:
        return await load_account(session, account_id, tenant=tenant)


async def disable_registry_account(
    ctx: RequestContext, operator: OperatorAccess, account_id: object, *, tenant: object = None
) -> RegistryAccount:
    """Stop the account's use (the selector refuses a disabled account); it stops being its
    binding's default. Disabling a disabled account changes nothing.

    Errors: not_found.
    """
    async with ctx.db.transaction() as session:
        account = await load_account(session, account_id, tenant=tenant, lock=True)
        if account.state == "disabled":
            return account
        before = audited(account)
        account.state, account.is_default, account.updated_at = "disabled", False, ctx.clock.now()
        session.add(account)
        await _record(session, ctx, operator, "registry_account.disable", account, diff(before, audited(account)))
    return account


async def enable_registry_account(
    ctx: RequestContext, operator: OperatorAccess, account_id: object, *, tenant: object = None
) -> RegistryAccount:
    """Make a disabled account usable again; it becomes its binding's default when it is the
    tenant's only active account there. Enabling an active account changes nothing.

    Errors: not_found.
    """
    async with ctx.db.transaction() as session:
        account = await load_account(session, account_id, tenant=tenant)
        await load_tenant(session, account.tenant_id, lock=True)  # serializes with creates
        account = await load_account(session, account.id, lock=True)
        if account.state == "active":
            return account
        before = audited(account)
        siblings = await _accounts_on(session, account.tenant_id, account.registry_binding)
        account.state, account.updated_at = "active", ctx.clock.now()
        account.is_default = not any(row.state == "active" for row in siblings if row.id != account.id)
        session.add(account)
        await _record(session, ctx, operator, "registry_account.enable", account, diff(before, audited(account)))
    return account


async def set_default_registry_account(
    ctx: RequestContext, operator: OperatorAccess, account_id: object, *, tenant: object = None
) -> RegistryAccount:
    """Make the account its binding's default for the tenant (the tenant-side action, acting
    inside the tenant); setting the current default again changes nothing.

    Errors: not_found; registry_account_unavailable (a disabled account).
    """
    async with ctx.db.transaction() as session:
        account = await load_account(session, account_id, tenant=tenant)
        owner = await session.get(Tenant, account.tenant_id)
        before = audited(account)
        account, changed = await tenant_accounts.toggle_default_in(
            session, ctx, operator.on(owner), account.id, make_default=True
        )
        if changed:
            await _record(
                session, ctx, operator, "registry_account.set_default", account, diff(before, audited(account))
            )
    return account


async def delete_registry_account(
    ctx: RequestContext, operator: OperatorAccess, account_id: object, *, tenant: object = None
) -> None:
    """Delete the account and its credentials. Refused while any domain, host, contact
    registry object, registry operation or TLD association references it (`detail` counts
    them); the foreign keys refuse a reference added concurrently.

    Errors: not_found; in_use.
    """
    try:
        async with ctx.db.transaction() as session:
            account = await load_account(session, account_id, tenant=tenant, lock=True)
            users = await _references(session, account.id)
            if users:
                raise RegistrarError(OperatorError.IN_USE, detail=users)
            before = audited(account)
            await session.delete(account)
            await session.flush()
            await _record(session, ctx, operator, "registry_account.delete", account, diff(before, None))
    except IntegrityError as error:
        raise RegistrarError(OperatorError.IN_USE, detail={"reason": "referenced by a concurrent change"}) from error


async def _references(session: AsyncSession, account_id: str) -> dict[str, int]:
    counts = {}
    for name, model in REFERENCES:
        count = (
            await session.exec(select(func.count()).select_from(model).where(model.registry_account_id == account_id))
        ).one()
        if count:
            counts[name] = count
    return counts


async def _record(
    session: AsyncSession,
    ctx: RequestContext,
    operator: OperatorAccess,
    action: str,
    account: RegistryAccount,
    changes: dict[str, Any],
) -> None:
    await record(
        session, ctx, operator, action, ("registry_account", account.id), tenant_id=account.tenant_id, changes=changes
    )
