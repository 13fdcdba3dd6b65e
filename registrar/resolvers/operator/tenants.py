"""The operator's tenants: list, show, create, update, suspend, reactivate, and approve (or stop
approving) a tenant as a reseller.

Every change is one transaction holding the tenant's row lock, with its audit entry; an action
that finds nothing to change (suspending a suspended tenant, approving an approved reseller,
an update to the values already held) changes nothing and records nothing. Slugs and IANA
registrar ids are unique by the database's constraints, so two concurrent requests for the
same value cannot both succeed: the loser gets `has already been taken`.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from email_validator import EmailNotValidError, validate_email
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from registrar.context import RequestContext
from registrar.errors import CommonError, FieldErrors, RegistrarError, validation_error
from registrar.models import Tenant
from registrar.resolvers._shared.input_text import check_single_line
from registrar.resolvers._shared.pagination import Page, after_keyset, decode_cursor, make_page, parse_limit
from registrar.resolvers._shared.patch import Patch
from registrar.resolvers.auth.tokens import revoke_credentials
from registrar.resolvers.operator.audit import diff, record, snapshot
from registrar.resolvers.operator.guard import OperatorAccess, load_tenant

SLUG = re.compile(r"[a-z0-9][a-z0-9-]{0,61}[a-z0-9]")
STATUSES = ("active", "suspended")
MAX_IANA_REGISTRAR_ID = 2**31 - 1  # the column is a 32-bit integer
UPDATABLE_FIELDS = ("name", "iana_registrar_id", "abuse_email", "abuse_form_url", "transfer_lock_opt_out")
UNIQUE_FIELDS = ("slug", "iana_registrar_id")
AUDITED_FIELDS = ("name", "slug", "status", *UPDATABLE_FIELDS[1:], "reseller_approved_at")
TAKEN = "has already been taken"
URL_RULE = "must be an https URL (at most 500 characters)"


@dataclass(frozen=True)
class TenantFilter:
    status: str | None = None
    slug: str | None = None
    name: str | None = None  # a case-insensitive substring of the name


@dataclass
class NewTenant:
    name: object = None
    slug: object = None
    iana_registrar_id: object = None
    abuse_email: object = None
    abuse_form_url: object = None
    transfer_lock_opt_out: object = False
    extra: dict[str, object] = field(default_factory=dict)


# --- field rules ----------------------------------------------------------------------------


def _name(value: object, errors: FieldErrors) -> object:
    if not isinstance(value, str) or not value.strip() or len(value) > 200:
        errors.add("name", "can't be blank (at most 200 characters)")
        return None
    return value.strip() if check_single_line(errors, "name", value) else None


def _iana_registrar_id(value: object, errors: FieldErrors) -> object:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_IANA_REGISTRAR_ID:
        errors.add("iana_registrar_id", f"must be a positive integer (at most {MAX_IANA_REGISTRAR_ID})")
    return value


def _abuse_email(value: object, errors: FieldErrors) -> object:
    if value is None or value == "":
        return None
    if not isinstance(value, str) or len(value) > 320:
        errors.add("abuse_email", "has invalid format")
        return None
    if not check_single_line(errors, "abuse_email", value):
        return None
    try:
        return validate_email(value.strip(), check_deliverability=False).normalized
    except EmailNotValidError:
        errors.add("abuse_email", "has invalid format")
        return None


def _abuse_form_url(value: object, errors: FieldErrors) -> object:
    if value is None or value == "":
        return None
    if not isinstance(value, str) or len(value) > 500:
        errors.add("abuse_form_url", URL_RULE)
        return None
    if not check_single_line(errors, "abuse_form_url", value):
        return None
    try:
        parts = urlsplit(value.strip())
        well_formed = parts.scheme == "https" and bool(parts.hostname) and " " not in value.strip()
    except ValueError:  # e.g. an invalid port or IPv6 literal
        well_formed = False
    if not well_formed:
        errors.add("abuse_form_url", URL_RULE)
    return value.strip()


def _transfer_lock_opt_out(value: object, errors: FieldErrors) -> object:
    if not isinstance(value, bool):
        errors.add("transfer_lock_opt_out", "must be true or false")
    return value


RULES: dict[str, Callable[[object, FieldErrors], object]] = {
    "name": _name,
    "iana_registrar_id": _iana_registrar_id,
    "abuse_email": _abuse_email,
    "abuse_form_url": _abuse_form_url,
    "transfer_lock_opt_out": _transfer_lock_opt_out,
}


def _validated_new_tenant(data: NewTenant) -> dict[str, object]:
    errors = FieldErrors()
    for unknown in data.extra:
        errors.add(unknown, "is not a known field")
    values = {name: rule(getattr(data, name), errors) for name, rule in RULES.items()}
    if not isinstance(data.slug, str) or not SLUG.fullmatch(data.slug):
        errors.add("slug", "must be 2-63 lower-case letters, digits and hyphens, not starting or ending with one")
    errors.raise_if_any()
    return {**values, "slug": data.slug}


def _validated_changes(patch: Patch) -> dict[str, object]:
    errors = FieldErrors()
    patch.report_unknown(UPDATABLE_FIELDS, errors)
    changes = {name: RULES[name](value, errors) for name, value in patch.items() if name in RULES}
    errors.raise_if_any()
    return changes


async def _taken(ctx: RequestContext, values: dict[str, object], exclude_id: str | None = None) -> RegistrarError:
    """After a unique violation: which of the unique values another tenant holds."""
    details: dict[str, list[str]] = {}
    async with ctx.db.read() as session:
        for name in UNIQUE_FIELDS:
            if values.get(name) is None:
                continue
            statement = select(Tenant.id).where(getattr(Tenant, name) == values[name])
            if exclude_id is not None:
                statement = statement.where(Tenant.id != exclude_id)
            if (await session.exec(statement)).first() is not None:
                details[name] = [TAKEN]
    if not details:  # the holder changed its value again in between: a retry will settle it
        return RegistrarError(CommonError.CONFLICT, detail={"reason": "retry the request"})
    return validation_error(details)


# --- reads ----------------------------------------------------------------------------------


def _filtered(statement, filters: TenantFilter):
    if filters.status is not None:
        if filters.status not in STATUSES:
            raise validation_error({"status": [f"must be one of {', '.join(STATUSES)}"]})
        statement = statement.where(Tenant.status == filters.status)
    if filters.slug is not None:
        statement = statement.where(Tenant.slug == filters.slug)
    if filters.name is not None:
        statement = statement.where(col(Tenant.name).icontains(filters.name, autoescape=True))
    return statement


async def list_tenants(
    ctx: RequestContext,
    operator: OperatorAccess,
    filters: TenantFilter = TenantFilter(),
    *,
    limit: object = None,
    cursor: str | None = None,
) -> Page[Tenant]:
    """Tenants by slug, keyset-paginated, filtered by exact status and slug and by a
    case-insensitive substring of the name.

    Errors: unprocessable_entity (an unknown status, a bad limit or cursor).
    """
    size = parse_limit(limit)
    statement = _filtered(select(Tenant), filters)
    if cursor:
        slug, tenant_id = decode_cursor(cursor, 2)
        statement = statement.where(after_keyset([Tenant.slug, Tenant.id], [slug, tenant_id]))
    statement = statement.order_by(col(Tenant.slug), col(Tenant.id)).limit(size + 1)
    async with ctx.db.read() as session:
        rows = list((await session.exec(statement)).all())
    return make_page(rows, size, lambda tenant: (tenant.slug, tenant.id))


async def get_tenant(ctx: RequestContext, operator: OperatorAccess, reference: object) -> Tenant:
    """A tenant by id or slug. Errors: not_found."""
    async with ctx.db.read() as session:
        return await load_tenant(session, reference)


# --- changes --------------------------------------------------------------------------------


async def create_tenant(ctx: RequestContext, operator: OperatorAccess, data: NewTenant) -> Tenant:
    """A new active tenant, audited as `tenant.create`.

    Errors: unprocessable_entity (a bad field, or a slug or IANA registrar id another tenant
    holds: `has already been taken`); conflict (the clash vanished before it could be named).
    """
    values = _validated_new_tenant(data)
    now = ctx.clock.now()
    tenant = Tenant(**values, inserted_at=now, updated_at=now)
    try:
        async with ctx.db.transaction() as session:
            session.add(tenant)
            await session.flush()
            await record(
                session,
                ctx,
                operator,
                "tenant.create",
                ("tenant", tenant.id),
                tenant_id=tenant.id,
                changes=diff(None, snapshot(tenant, AUDITED_FIELDS)),
            )
    except IntegrityError:
        raise await _taken(ctx, values) from None
    return tenant


async def _change_tenant(
    ctx: RequestContext,
    operator: OperatorAccess,
    reference: object,
    action: str,
    apply: Callable[[AsyncSession, Tenant], Awaitable[None]],
) -> Tenant:
    """Lock the tenant, `apply` the change, and audit it as `action` if anything changed."""
    async with ctx.db.transaction() as session:
        tenant = await load_tenant(session, reference, lock=True)
        before = snapshot(tenant, AUDITED_FIELDS)
        await apply(session, tenant)
        changes = diff(before, snapshot(tenant, AUDITED_FIELDS))
        if not changes:
            return tenant
        tenant.updated_at = ctx.clock.now()
        session.add(tenant)
        await session.flush()
        await record(session, ctx, operator, action, ("tenant", tenant.id), tenant_id=tenant.id, changes=changes)
    return tenant


async def update_tenant(ctx: RequestContext, operator: OperatorAccess, reference: object, patch: Patch) -> Tenant:
    """Change a tenant's name, IANA registrar id, abuse contacts or transfer-lock opt-out;
    null (or "") clears the optional ones. Audited as `tenant.update`.

    Errors: not_found; unprocessable_entity (a bad or unknown field, or an IANA registrar id
    another tenant holds: `has already been taken`); conflict.
    """
    changes = _validated_changes(patch)

    async def apply(_session: AsyncSession, tenant: Tenant) -> None:
        for name, value in changes.items():
            setattr(tenant, name, value)

    try:
        return await _change_tenant(ctx, operator, reference, "tenant.update", apply)
    except IntegrityError:
        tenant = await get_tenant(ctx, operator, reference)
        raise await _taken(ctx, changes, exclude_id=tenant.id) from None


async def set_tenant_status(ctx: RequestContext, operator: OperatorAccess, reference: object, status: str) -> Tenant:
    """Suspend (`tenant.suspend`) or reactivate (`tenant.reactivate`) a tenant. Suspending
    revokes every credential of the tenant — its members' and its clients' tokens, sessions,
    unused codes and API keys — so reactivation restores none of them.

    Errors: not_found; unprocessable_entity (a status that is neither).
    """
    if status not in STATUSES:
        raise validation_error({"status": [f"must be one of {', '.join(STATUSES)}"]})

    async def apply(session: AsyncSession, tenant: Tenant) -> None:
        if tenant.status == status:
            return
        if status == "suspended":
            await revoke_credentials(session, ctx, tenant_id=tenant.id)
        tenant.status = status

    action = "tenant.suspend" if status == "suspended" else "tenant.reactivate"
    return await _change_tenant(ctx, operator, reference, action, apply)


async def approve_reseller(ctx: RequestContext, operator: OperatorAccess, reference: object) -> Tenant:
    """Approve the tenant as a reseller (`reseller_approved_at`, kept from the first approval),
    audited as `tenant.approve_reseller`.

    Errors: not_found.
    """

    async def apply(_session: AsyncSession, tenant: Tenant) -> None:
        tenant.reseller_approved_at = tenant.reseller_approved_at or ctx.clock.now()

    return await _change_tenant(ctx, operator, reference, "tenant.approve_reseller", apply)


async def revoke_reseller_approval(ctx: RequestContext, operator: OperatorAccess, reference: object) -> Tenant:
    """Withdraw the tenant's reseller approval, audited as `tenant.revoke_reseller`.

    Errors: not_found.
    """

    async def apply(_session: AsyncSession, tenant: Tenant) -> None:
        tenant.reseller_approved_at = None

    return await _change_tenant(ctx, operator, reference, "tenant.revoke_reseller", apply)
