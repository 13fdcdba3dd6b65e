"""Loads and checks of agreement versions: by id, in the expected state, the current published one."""

from __future__ import annotations

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from registrar.context import RequestContext
from registrar.errors import CommonError, RegistrarError
from registrar.models import AgreementVersion
from registrar.resolvers.auth.guard import TenantAccess


async def find_agreement_version(
    session: AsyncSession, access: TenantAccess, version_id: str, *, lock: bool = False
) -> AgreementVersion:
    """Errors: not_found (also for another tenant's)."""
    statement = select(AgreementVersion).where(
        AgreementVersion.tenant_id == access.tenant_id, AgreementVersion.id == version_id
    )
    version = (await session.exec(statement.with_for_update() if lock else statement)).first()
    if version is None:
        raise RegistrarError(CommonError.NOT_FOUND)
    return version


def verify_version_state(version: AgreementVersion, expected: str) -> None:
    if version.state != expected:
        raise RegistrarError(CommonError.WRONG_STATE, detail={"state": version.state, "allowed": [expected]})


async def current_agreement_version(ctx: RequestContext, access: TenantAccess) -> AgreementVersion | None:
    """The published version registrants accept now, if any."""
    async with ctx.db.read() as session:
        published = await published_versions(session, access)
    return max(published, key=lambda version: version.published_at or version.inserted_at, default=None)


async def published_versions(session: AsyncSession, access: TenantAccess) -> list[AgreementVersion]:
    rows = await session.exec(
        select(AgreementVersion).where(
            AgreementVersion.tenant_id == access.tenant_id, AgreementVersion.state == "published"
        )
    )
    return list(rows.all())
