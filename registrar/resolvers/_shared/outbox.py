"""The notification outbox: rows written in the same transaction as the change they report."""

from __future__ import annotations

from enum import StrEnum

from sqlmodel.ext.asyncio.session import AsyncSession

from registrar.context import RequestContext
from registrar.models import Notification


class NotificationKind(StrEnum):
    """What a queued notification is about, as `Notification.kind` stores it."""

    INVITATION = "invitation"
    VERIFY_EMAIL = "verify_email"
    RESET_PASSWORD = "reset_password"
    CONTACT_VERIFICATION = "contact_verification"


def enqueue(
    session: AsyncSession,
    ctx: RequestContext,
    *,
    kind: NotificationKind,
    recipient: str,
    subject: str,
    body: str,
    tenant_id: str | None = None,
) -> Notification:
    now = ctx.clock.now()
    notification = Notification(
        tenant_id=tenant_id,
        kind=NotificationKind(kind).value,
        recipient=recipient,
        subject=subject,
        body=body,
        next_attempt_at=now,
        inserted_at=now,
    )
    session.add(notification)
    return notification
