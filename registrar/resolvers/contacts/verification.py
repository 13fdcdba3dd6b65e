"""Contact verification challenges: a random token sent to the contact, kept as its SHA-256.

`issue_challenge` runs inside the caller's transaction (contact creation, or an explicit
request), so the challenge row and the outbox message commit together. `consume_challenge`
marks a live challenge used with one conditional UPDATE, so a token works exactly once even
when two requests present it at the same time. An unknown tenant or handle is answered like
a wrong token (`load_contact_to_verify`), so the unauthenticated endpoint enumerates nothing.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import update
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from registrar.context import RequestContext
from registrar.crypto import random_token, sha256_hex
from registrar.models import Contact, ContactVerification, Tenant
from registrar.resolvers._shared.outbox import NotificationKind, enqueue

CHANNELS = ("email", "sms")
ISSUABLE_CHANNELS = ("email",)  # the outbox delivers email; SMS tokens come from elsewhere
CHALLENGE_TTL = timedelta(days=15)  # the RAA's 15-day verification window
MESSAGE = "Please confirm the contact details registered for {name}.\n\n{action}\n\nThe code expires in 15 days."


def _action(tenant: Tenant, token: str) -> str:
    template = tenant.verification_url_template
    if template and "{{token}}" in template:
        return "Open this link to confirm: " + template.replace("{{token}}", token)
    return f"Your verification code: {token}"


def issue_challenge(session: AsyncSession, ctx: RequestContext, tenant: Tenant, contact: Contact, channel: str) -> str:
    """Add a challenge for `contact` and queue its message; returns the plain token."""
    token = random_token()
    now = ctx.clock.now()
    session.add(
        ContactVerification(
            contact_id=contact.id,
            channel=channel,
            token_hash=sha256_hex(token),
            expires_at=now + CHALLENGE_TTL,
            inserted_at=now,
        )
    )
    enqueue(
        session,
        ctx,
        kind=NotificationKind.CONTACT_VERIFICATION,
        recipient=contact.email,
        subject="Please verify your contact details",
        body=MESSAGE.format(name=contact.name, action=_action(tenant, token)),
        tenant_id=tenant.id,
    )
    return token


async def load_contact_to_verify(session: AsyncSession, tenant_id: str, handle: str) -> Contact | None:
    """The contact of an active tenant by handle, row-locked; None when either is unknown, so
    the caller can answer exactly as for a wrong token and reveal no handle or tenant."""
    tenant = await session.get(Tenant, tenant_id)
    if tenant is None or tenant.status != "active":
        return None
    statement = select(Contact).where(Contact.tenant_id == tenant_id, Contact.handle == handle)
    return (await session.exec(statement.with_for_update())).first()


async def consume_challenge(
    session: AsyncSession, ctx: RequestContext, contact: Contact, channel: str, token: str
) -> bool:
    """Mark the matching live challenge consumed; False when none matched."""
    now = ctx.clock.now()
    result = await session.exec(
        update(ContactVerification)
        .where(
            ContactVerification.contact_id == contact.id,
            ContactVerification.channel == channel,
            ContactVerification.token_hash == sha256_hex(token),
            ContactVerification.consumed_at.is_(None),
            ContactVerification.expires_at > now,
        )
        .values(consumed_at=now)
    )
    return result.rowcount == 1
