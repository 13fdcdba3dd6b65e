"""Tenants as their members see them, and their own settings (the operator's actions on tenants
are in `registrar/resolvers/operator/tenants.py`)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from email_validator import EmailNotValidError, validate_email
from sqlmodel import select

from registrar.context import RequestContext
from registrar.errors import CommonError, FieldErrors, RegistrarError
from registrar.models import Membership, Tenant
from registrar.resolvers._shared.input_text import check_single_line
from registrar.resolvers._shared.patch import Patch
from registrar.resolvers.auth.guard import TenantAccess, require_principal, verify_scope

E164 = re.compile(r"^\+[1-9]\d{1,14}$")


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
        raise RegistrarError(CommonError.FORBIDDEN, detail={"reason": "token has no user"})
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


TENANT_FIELDS = (
    "name",
    "verification_from_email",
    "suspension_from_email",
    "renewal_from_email",
    "verification_from_phone",
    "suspension_from_phone",
    "verification_url_template",
    "transfer_out_mode",
)
EMAIL_FIELDS = ("verification_from_email", "suspension_from_email", "renewal_from_email")
PHONE_FIELDS = ("verification_from_phone", "suspension_from_phone")


def _validated_changes(patch: Patch) -> dict[str, object]:
    errors = FieldErrors()
    patch.report_unknown(TENANT_FIELDS, errors)
    changes = {name: _setting(name, value, errors) for name, value in patch.items() if name in TENANT_FIELDS}
    errors.raise_if_any()
    return changes


SETTING_RULES = {
    "verification_from_phone": "must be in E.164 format (+CCXXXXXXXXX)",
    "suspension_from_phone": "must be in E.164 format (+CCXXXXXXXXX)",
    "verification_url_template": "must be an https URL containing {{token}}",
    "transfer_out_mode": "must be auto or explicit",
}


def _well_formed(name: str, value: object) -> bool:
    if name in PHONE_FIELDS:
        return isinstance(value, str) and E164.match(value) is not None
    if name == "verification_url_template":
        return isinstance(value, str) and "{{token}}" in value and value.startswith("https://")
    return value in ("auto", "explicit")


def _setting(name: str, value: object, errors: FieldErrors) -> object:
    """One tenant setting, normalised; "" or null clears every setting but the name."""
    if name == "name":
        if not isinstance(value, str) or not value.strip() or len(value) > 200:
            errors.add("name", "can't be blank (at most 200 characters)")
            return None
        return value.strip() if check_single_line(errors, "name", value) else None
    if value in (None, ""):
        if name == "transfer_out_mode":
            errors.add(name, "must be auto or explicit")
        return None
    if isinstance(value, str) and not check_single_line(errors, name, value):  # names and links go into mails
        return None
    if name in EMAIL_FIELDS:
        try:
            return validate_email(str(value), check_deliverability=False).normalized
        except EmailNotValidError:
            errors.add(name, "has invalid format")
    elif not _well_formed(name, value):
        errors.add(name, SETTING_RULES[name])
    return value


async def update_tenant(ctx: RequestContext, access: TenantAccess, patch: Patch) -> Tenant:
    """Change the tenant's own settings (owner/admin).

    Errors: insufficient_scope, forbidden, unprocessable_entity.
    """
    access.require_scope("write")
    access.require_role("admin")
    changes = _validated_changes(patch)
    async with ctx.db.transaction() as session:
        tenant = await session.get(Tenant, access.tenant_id)
        for name, value in changes.items():
            setattr(tenant, name, value)
        tenant.updated_at = ctx.clock.now()
        session.add(tenant)
    return tenant
