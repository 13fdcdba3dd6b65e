"""The notification outbox: rows written in the same transaction as the change they report."""

from __future__ import annotations

from sqlmodel.ext.asyncio.session import AsyncSession

from registrar.context import RequestContext
from registrar.models import Notification


def enqueue(
    session: AsyncSession,
    ctx: RequestContext,
    *,
    kind: str,
    recipient: str,
    subject: str,
    body: str,
    tenant_id: str | None = None,
) -> Notification:
    now = ctx.clock.now()
    notification = Notification(
        tenant_id=tenant_id,
        kind=kind,
        recipient=recipient,
        subject=subject,
        body=body,
        next_attempt_at=now,
        inserted_at=now,
    )
    session.add(notification)
    return notification
