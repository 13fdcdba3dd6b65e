"""Tenants: as their members see them, their own settings, and the operator's actions."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from email_validator import EmailNotValidError, validate_email
from sqlalchemy.exc import IntegrityError
from sqlmodel import select

from registrar.context import RequestContext
from registrar.errors import FieldErrors, RegistrarError
from registrar.models import Membership, Tenant
from registrar.resolvers.auth.guard import TenantAccess, require_principal, verify_scope

E164 = re.compile(r"^\+[1-9]\d{1,14}$")
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,61}[a-z0-9]$")


@dataclass(frozen=True)
class TenantMembership:
    tenant: Tenant
    membership: Membership


async def list_my_tenants(ctx: RequestContext) -> list[TenantMembership]:
    """Every active tenant where the calling user holds an active membership.

    Needs the `read` scope and a user token (a client token has no user: `forbidden`).
    """
    principal = require_principal(ctx)
    verify_scope(principal, "read")
    if principal.user_id is None:
        raise RegistrarError("forbidden", detail={"reason": "token has no user"})
    async with ctx.db.read() as session:
        rows = await session.exec(
            select(Tenant, Membership)
            .join(Membership, Membership.tenant_id == Tenant.id)
            .where(
                Membership.user_id == principal.user_id,
                Membership.state == "active",
                Tenant.status == "active",
            )
            .order_by(Tenant.name, Tenant.id)
        )
        return [TenantMembership(tenant, membership) for tenant, membership in rows.all()]


@dataclass
class TenantUpdate:
    name: object = None
    verification_from_email: object = None
    suspension_from_email: object = None
    renewal_from_email: object = None
    verification_from_phone: object = None
    suspension_from_phone: object = None
    verification_url_template: object = None
    transfer_out_mode: object = None
    extra: dict[str, object] = field(default_factory=dict)
    present: frozenset[str] = frozenset()


EMAIL_FIELDS = ("verification_from_email", "suspension_from_email", "renewal_from_email")
PHONE_FIELDS = ("verification_from_phone", "suspension_from_phone")


def _validated_changes(data: TenantUpdate) -> dict[str, object]:
    errors = FieldErrors()
    for unknown in data.extra:
        errors.add(unknown, "is not a known field")
    changes: dict[str, object] = {}
    for name in data.present:
        value = getattr(data, name)
        if name == "name":
            if not isinstance(value, str) or not value.strip() or len(value) > 200:
                errors.add("name", "can't be blank (at most 200 characters)")
                continue
            value = value.strip()
        elif value in (None, ""):
            if name == "transfer_out_mode":
                errors.add(name, "must be auto or explicit")
            value = None
        elif name in EMAIL_FIELDS:
            try:
                value = validate_email(str(value), check_deliverability=False).normalized
            except EmailNotValidError:
                errors.add(name, "has invalid format")
        elif name in PHONE_FIELDS:
            if not isinstance(value, str) or not E164.match(value):
                errors.add(name, "must be in E.164 format (+CCXXXXXXXXX)")
        elif name == "verification_url_template":
            if not isinstance(value, str) or "{{token}}" not in value or not value.startswith("https://"):
                errors.add(name, "must be an https URL containing {{token}}")
        elif name == "transfer_out_mode" and value not in ("auto", "explicit"):
            errors.add(name, "must be auto or explicit")
        changes[name] = value
    errors.raise_if_any()
    return changes


async def update_tenant(ctx: RequestContext, access: TenantAccess, data: TenantUpdate) -> Tenant:
    """Change the tenant's own settings (owner/admin).

    Errors: insufficient_scope, forbidden, unprocessable_entity.
    """
    access.require_scope("write")
    access.require_role("admin")
    changes = _validated_changes(data)
    async with ctx.db.transaction() as session:
        tenant = await session.get(Tenant, access.tenant_id)
        for name, value in changes.items():
            setattr(tenant, name, value)
        tenant.updated_at = ctx.clock.now()
        session.add(tenant)
    return tenant


async def create_tenant(ctx: RequestContext, name: object, slug: object) -> Tenant:
    """Operator: a new active tenant. Errors: unprocessable_entity (bad or taken slug)."""
    errors = FieldErrors()
    if not isinstance(name, str) or not name.strip():
        errors.add("name", "can't be blank")
    if not isinstance(slug, str) or not SLUG.match(slug):
        errors.add("slug", "must be 2-63 lower-case letters, digits and hyphens")
    errors.raise_if_any()
    now = ctx.clock.now()
    tenant = Tenant(name=str(name).strip(), slug=str(slug), inserted_at=now, updated_at=now)
    try:
        async with ctx.db.transaction() as session:
            session.add(tenant)
    except IntegrityError as exc:
        raise RegistrarError("unprocessable_entity", details={"slug": ["has already been taken"]}) from exc
    return tenant


async def set_tenant_status(ctx: RequestContext, slug: str, status: str) -> Tenant:
    """Operator: suspend or reactivate a tenant. Errors: not_found."""
    async with ctx.db.transaction() as session:
        tenant = (await session.exec(select(Tenant).where(Tenant.slug == slug))).first()
        if tenant is None:
            raise RegistrarError("not_found")
        tenant.status = status
        tenant.updated_at = ctx.clock.now()
        session.add(tenant)
    return tenant


async def tenant_by_slug(ctx: RequestContext, slug: str) -> Tenant:
    async with ctx.db.read() as session:
        tenant = (await session.exec(select(Tenant).where(Tenant.slug == slug))).first()
    if tenant is None:
        raise RegistrarError("not_found")
    return tenant
