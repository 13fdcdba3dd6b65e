"""Registrant agreement versions: drafted, published (one at a time), retired; never edited.

Publishing retires the previously published version, under a lock on the tenant row so two
concurrent publications still leave exactly one published version. A version's body is
fixed at creation and its SHA-256 is what acceptance records carry as evidence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import NoReturn

from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select

from registrar.context import RequestContext
from registrar.crypto import sha256_hex
from registrar.errors import CommonError, FieldErrors, RegistrarError, validation_error
from registrar.models import AgreementVersion, Tenant
from registrar.resolvers.agreements.guard import find_agreement_version, published_versions, verify_version_state
from registrar.resolvers.auth.guard import TenantAccess

STATES = ("draft", "published", "retired")
MAX_BODY_LENGTH = 1_000_000


@dataclass
class AgreementVersionInput:
    """Weakly typed input, exactly as a client sent it; validated into field errors."""

    version: object = None
    title: object = None
    body: object = None
    url: object = None
    material_change: object = None
    effective_at: object = None
    extra: dict[str, object] = field(default_factory=dict)


def _text(errors: FieldErrors, name: str, value: object, max_len: int, *, required: bool = True) -> str | None:
    if value is None or value == "":
        if required:
            errors.add(name, "can't be blank")
        return None
    if not isinstance(value, str) or not value.strip():
        errors.add(name, "must be a non-blank string")
        return None
    if len(value) > max_len:
        errors.add(name, f"should be at most {max_len} character(s)")
        return None
    return value


def _timestamp(errors: FieldErrors, name: str, value: object) -> datetime | None:
    if value is None:
        return None
    try:
        parsed = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        parsed = None
    if parsed is None or parsed.tzinfo is None:
        errors.add(name, "must be an RFC 3339 timestamp with a time zone")
        return None
    return parsed


def _validate(data: AgreementVersionInput) -> dict[str, object]:
    errors = FieldErrors()
    for unknown in data.extra:
        errors.add(unknown, "is not a known field")
    url = _text(errors, "url", data.url, 2000, required=False)
    if url is not None and not url.startswith(("https://", "http://")):
        errors.add("url", "must be an http(s) URL")
    if data.material_change is not None and not isinstance(data.material_change, bool):
        errors.add("material_change", "must be a boolean")
    values: dict[str, object] = {
        "version": _text(errors, "version", data.version, 50),
        "title": _text(errors, "title", data.title, 200),
        "body": _text(errors, "body", data.body, MAX_BODY_LENGTH),
        "url": url,
        "material_change": data.material_change is True,
        "effective_at": _timestamp(errors, "effective_at", data.effective_at),
    }
    errors.raise_if_any()
    return values


async def create_agreement_version(
    ctx: RequestContext, access: TenantAccess, data: AgreementVersionInput
) -> AgreementVersion:
    """Create a draft version.

    Errors: insufficient_scope; unprocessable_entity (fields; a version label already used).
    """
    access.require_scope("write")
    values = _validate(data)
    now = ctx.clock.now()
    version = AgreementVersion(
        tenant_id=access.tenant_id,
        content_hash=sha256_hex(str(values["body"])),
        state="draft",
        inserted_at=now,
        updated_at=now,
        **values,
    )
    try:
        async with ctx.db.transaction() as session:
            session.add(version)
    except IntegrityError as exc:
        raise validation_error({"version": ["has already been taken"]}) from exc
    return version


async def list_agreement_versions(
    ctx: RequestContext,
    access: TenantAccess,
    *,
    state: str | None = None,
    version: str | None = None,
) -> list[AgreementVersion]:
    """Newest first. Errors: insufficient_scope; unprocessable_entity (unknown state)."""
    access.require_scope("read")
    statement = select(AgreementVersion).where(AgreementVersion.tenant_id == access.tenant_id)
    if state:
        if state not in STATES:
            raise validation_error({"state": [f"must be one of {', '.join(STATES)}"]})
        statement = statement.where(AgreementVersion.state == state)
    if version:
        statement = statement.where(AgreementVersion.version == version)
    statement = statement.order_by(col(AgreementVersion.inserted_at).desc(), col(AgreementVersion.id).desc())
    async with ctx.db.read() as session:
        return list((await session.exec(statement)).all())


async def get_agreement_version(ctx: RequestContext, access: TenantAccess, version_id: str) -> AgreementVersion:
    """Errors: insufficient_scope; not_found."""
    access.require_scope("read")
    async with ctx.db.read() as session:
        return await find_agreement_version(session, access, version_id)


async def publish_agreement_version(ctx: RequestContext, access: TenantAccess, version_id: str) -> AgreementVersion:
    """Publish a draft; it becomes the version registrants accept, and the previously
    published one is retired. `effective_at` defaults to now.

    Errors: insufficient_scope; not_found; wrong_state (not a draft).
    """
    access.require_scope("write")
    now = ctx.clock.now()
    async with ctx.db.transaction() as session:
        await session.exec(select(Tenant.id).where(Tenant.id == access.tenant_id).with_for_update())
        version = await find_agreement_version(session, access, version_id, lock=True)
        verify_version_state(version, "draft")
        for previous in await published_versions(session, access):
            previous.state, previous.retired_at, previous.updated_at = "retired", now, now
            session.add(previous)
        version.state, version.published_at, version.updated_at = "published", now, now
        version.effective_at = version.effective_at or now
        session.add(version)
    return version


async def retire_agreement_version(ctx: RequestContext, access: TenantAccess, version_id: str) -> AgreementVersion:
    """Retire the published version. Errors: insufficient_scope; not_found; wrong_state."""
    access.require_scope("write")
    now = ctx.clock.now()
    async with ctx.db.transaction() as session:
        version = await find_agreement_version(session, access, version_id, lock=True)
        verify_version_state(version, "published")
        version.state, version.retired_at, version.updated_at = "retired", now, now
        session.add(version)
    return version


async def refuse_agreement_version_update(access: TenantAccess) -> NoReturn:
    """Versions are immutable: create a new one. Errors: insufficient_scope;
    method_not_allowed."""
    access.require_scope("write")
    raise RegistrarError(
        CommonError.METHOD_NOT_ALLOWED,
        detail={"reason": "agreement versions are immutable; create a new version"},
    )
