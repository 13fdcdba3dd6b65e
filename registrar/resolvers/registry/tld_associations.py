"""Tenant reads of its TLD associations and the per-association notification settings.

Associations are created and configured by the operator; a tenant lists them, looks one up
by id or TLD label, and (owner or admin) sets where low-balance alerts go. Credentials and
certificate material are never part of an association.
"""

from __future__ import annotations

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import or_
from sqlmodel import col, select

from registrar.context import RequestContext
from registrar.errors import CommonError, FieldErrors, RegistrarError, validation_error
from registrar.models import TldAssociation
from registrar.resolvers._shared.patch import Patch
from registrar.resolvers.auth.guard import TenantAccess

ACCREDITATION_TYPES = ("icann_accredited", "non_icann")
NOTIFICATION_FIELDS = ("low_balance_notification_email",)


async def list_tld_associations(
    ctx: RequestContext,
    access: TenantAccess,
    *,
    state: str | None = None,
    accreditation_type: str | None = None,
    registry_account_id: str | None = None,
) -> list[TldAssociation]:
    """The tenant's associations by TLD, optionally filtered.

    Errors: insufficient_scope; unprocessable_entity (unknown accreditation_type).
    """
    access.require_scope("read")
    statement = select(TldAssociation).where(TldAssociation.tenant_id == access.tenant_id)
    if accreditation_type:
        if accreditation_type not in ACCREDITATION_TYPES:
            raise validation_error({"accreditation_type": [f"must be one of {', '.join(ACCREDITATION_TYPES)}"]})
        statement = statement.where(TldAssociation.accreditation_type == accreditation_type)
    if state:
        statement = statement.where(TldAssociation.state == state)
    if registry_account_id:
        statement = statement.where(TldAssociation.registry_account_id == registry_account_id)
    async with ctx.db.read() as session:
        return list((await session.exec(statement.order_by(col(TldAssociation.tld)))).all())


async def get_tld_association(ctx: RequestContext, access: TenantAccess, id_or_tld: str) -> TldAssociation:
    """By association id or exact TLD label, within the tenant.

    Errors: insufficient_scope; not_found.
    """
    access.require_scope("read")
    async with ctx.db.read() as session:
        association = (
            await session.exec(
                select(TldAssociation).where(
                    TldAssociation.tenant_id == access.tenant_id,
                    or_(TldAssociation.id == id_or_tld, TldAssociation.tld == id_or_tld),
                )
            )
        ).first()
    if association is None:
        raise RegistrarError(CommonError.NOT_FOUND)
    return association


def _notification_changes(patch: Patch) -> dict[str, str]:
    errors = FieldErrors()
    values: dict[str, str] = {}
    for name, value in patch.items():
        if name not in NOTIFICATION_FIELDS:
            errors.add(name, "is not a known field")
        elif not isinstance(value, str):
            errors.add(name, "must be a string")
        elif value == "":
            values[name] = ""
        else:
            try:
                values[name] = validate_email(value, check_deliverability=False).normalized
            except EmailNotValidError:
                errors.add(name, "has invalid format")
    errors.raise_if_any()
    return values


async def update_notification_settings(
    ctx: RequestContext, access: TenantAccess, association_id: str, patch: Patch
) -> TldAssociation:
    """Set (or, with "", clear) the association's notification settings; owner or admin.

    Errors: insufficient_scope; forbidden; not_found; unprocessable_entity (malformed email,
    unknown field).
    """
    access.require_scope("write")
    access.require_role("admin")
    values = _notification_changes(patch)
    async with ctx.db.transaction() as session:
        association = (
            await session.exec(
                select(TldAssociation)
                .where(
                    TldAssociation.tenant_id == access.tenant_id,
                    TldAssociation.id == association_id,
                )
                .with_for_update()
            )
        ).first()
        if association is None:
            raise RegistrarError(CommonError.NOT_FOUND)
        config = dict(association.config)
        for name, value in values.items():
            if value:
                config[name] = value
            else:
                config.pop(name, None)
        if config != association.config:
            association.config = config  # a new dict, so the JSON column is written
            association.updated_at = ctx.clock.now()
            session.add(association)
    return association
