"""Outbox delivery: the worker job that sends queued notifications.

Rows are claimed in a short transaction (`FOR UPDATE SKIP LOCKED` on PostgreSQL; SQLite's
IMMEDIATE write transactions serialize claimers) and leased by pushing `next_attempt_at`
forward, so several workers never send the same row at once and a worker that dies mid-send
only delays it. Sending happens outside any transaction: over SMTP when
`REGISTRAR_SMTP_URL` is set, otherwise into `data_dir/outbox/<id>.eml` (mode 0600) for a
developer to read. Failures are retried with exponential backoff and marked `failed` after
`MAX_ATTEMPTS`. Bodies carry one-time tokens, so neither they nor SMTP error text are ever
logged or stored: the log names the notification id, kind and recipient only, and
`last_error` keeps the exception type and SMTP status code. Nor is a token kept once it can
no longer be sent: a row marked `sent` or `failed` keeps its body with every token replaced
by `[redacted]` (`redaction.redact_tokens`), enough to tell what was sent, not to use it.
"""

from __future__ import annotations

import asyncio
import logging
import os
import smtplib
from dataclasses import dataclass
from datetime import timedelta
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path
from urllib.parse import unquote, urlsplit

from sqlmodel import select

from registrar.context import Services
from registrar.models import Notification
from registrar.redaction import redact_tokens

log = logging.getLogger("registrar.jobs.delivery")

BATCH_SIZE = 50
MAX_ATTEMPTS = 5
LEASE = timedelta(minutes=5)
FIRST_RETRY = timedelta(minutes=1)
LAST_RETRY = timedelta(hours=1)
SMTP_TIMEOUT_SECONDS = 30


@dataclass(frozen=True)
class Outgoing:
    """What a sender needs, detached from the session that claimed the row."""

    id: str
    kind: str
    recipient: str
    subject: str
    body: str
    attempts: int


def retry_delay(attempts: int) -> timedelta:
    """1 min, 2 min, 4 min, … capped at an hour, after the `attempts`-th failure."""
    return min(FIRST_RETRY * 2 ** max(attempts - 1, 0), LAST_RETRY)


async def _claim(services: Services) -> list[Outgoing]:
    now = services.clock.now()
    async with services.db.transaction() as session:
        rows = (
            await session.exec(
                select(Notification)
                .where(Notification.state == "pending", Notification.next_attempt_at <= now)
                .order_by(Notification.next_attempt_at, Notification.id)
                .limit(BATCH_SIZE)
                .with_for_update(skip_locked=True)
            )
        ).all()
        for row in rows:
            row.attempts += 1
            row.next_attempt_at = now + LEASE
            session.add(row)
        return [Outgoing(row.id, row.kind, row.recipient, row.subject, row.body, row.attempts) for row in rows]


def _message(services: Services, item: Outgoing) -> EmailMessage:
    message = EmailMessage()
    message["From"] = services.settings.smtp_from
    message["To"] = item.recipient
    # A line break would end the header (and was refused by the mail library): rows queued
    # before stored names were refused control characters still go out, on one line.
    message["Subject"] = " ".join(item.subject.split())
    message["Date"] = format_datetime(services.clock.now())
    message["Message-ID"] = make_msgid(idstring=item.id, domain="registrar.invalid")
    message.set_content(item.body)
    return message


def _send_smtp(url: str, message: EmailMessage) -> None:
    """`smtp://host:port` (plain, a local relay) or `smtps://user:password@host:port`."""
    parts = urlsplit(url)
    if parts.scheme not in {"smtp", "smtps"} or not parts.hostname:
        raise ValueError("REGISTRAR_SMTP_URL must be smtp://host:port or smtps://host:port")
    client_class = smtplib.SMTP_SSL if parts.scheme == "smtps" else smtplib.SMTP
    port = parts.port or (465 if parts.scheme == "smtps" else 25)
    with client_class(parts.hostname, port, timeout=SMTP_TIMEOUT_SECONDS) as client:
        if parts.username:
            client.login(unquote(parts.username), unquote(parts.password or ""))
        client.send_message(message)


def _write_spool(directory: Path, item: Outgoing, message: EmailMessage) -> Path:
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    path = directory / f"{item.id}.eml"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(message.as_bytes())
    return path


def _error_summary(exc: BaseException) -> str:
    """The exception type and SMTP status code: never its text, which may quote the body."""
    code = getattr(exc, "smtp_code", None)
    return f"{type(exc).__name__} {code}" if code else type(exc).__name__


async def _send(services: Services, item: Outgoing) -> str:
    settings = services.settings
    message = _message(services, item)
    if settings.smtp_url:
        await asyncio.to_thread(_send_smtp, settings.smtp_url, message)
        return "smtp"
    await asyncio.to_thread(_write_spool, settings.data_dir / "outbox", item, message)
    return "spool"


async def _record(services: Services, item: Outgoing, error: BaseException | None) -> None:
    now = services.clock.now()
    async with services.db.transaction() as session:
        row = await session.get(Notification, item.id)
        if row is None:
            return
        if error is None:
            row.state, row.sent_at, row.last_error = "sent", now, None
        else:
            row.last_error = _error_summary(error)
            if item.attempts >= MAX_ATTEMPTS:
                row.state = "failed"
            else:
                row.next_attempt_at = now + retry_delay(item.attempts)
        if row.state != "pending":  # sent or given up: the tokens it carries have no further use
            row.body = redact_tokens(row.body)
        session.add(row)


async def deliver_notifications(services: Services) -> int:
    """Send every due pending notification; returns how many were delivered."""
    delivered = 0
    for item in await _claim(services):
        try:
            channel = await _send(services, item)
        except Exception as exc:  # one undeliverable message must not hold up the rest
            log.warning(
                "notification %s (%s) to %s: attempt %d failed: %s",
                item.id,
                item.kind,
                item.recipient,
                item.attempts,
                _error_summary(exc),
            )
            await _record(services, item, exc)
            continue
        await _record(services, item, None)
        delivered += 1
        log.info(
            "notification %s (%s) to %s delivered via %s",
            item.id,
            item.kind,
            item.recipient,
            channel,
        )
    return delivered
