"""Probes for the operator's tenant tests: the audit entries an action wrote, and a tenant as
the database holds it."""

from __future__ import annotations

from sqlmodel import col, select

from registrar.context import RequestContext, Services
from registrar.models import AuditLogEntry, Tenant
from registrar.resolvers.operator.guard import OperatorAccess, cli_operator


def as_operator(services: Services) -> tuple[RequestContext, OperatorAccess]:
    """The context and operator the CLI acts with."""
    return RequestContext(services=services), cli_operator()


async def audit_actions(services: Services, target_id: str | None = None) -> list[AuditLogEntry]:
    """Audit entries, oldest first; only those on `target_id` when given."""
    statement = select(AuditLogEntry).order_by(col(AuditLogEntry.id))
    if target_id is not None:
        statement = statement.where(AuditLogEntry.target_id == target_id)
    async with services.db.read() as session:
        return list((await session.exec(statement)).all())


async def stored_tenant(services: Services, slug: str) -> Tenant | None:
    async with services.db.read() as session:
        return (await session.exec(select(Tenant).where(Tenant.slug == slug))).first()
