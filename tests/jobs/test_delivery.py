"""Outbox delivery: SMTP against a real local server, the spool file, retries, claiming."""

from __future__ import annotations

import asyncio
import logging
import socket
import stat
from collections.abc import Iterator
from email import message_from_bytes

import pytest
from aiosmtpd.controller import Controller
from sqlmodel import select

from registrar.jobs.delivery import MAX_ATTEMPTS, deliver_notifications, retry_delay
from registrar.jobs.worker import run_due_jobs
from registrar.models import Notification
from registrar.resolvers.auth.users import issue_email_verification
from tests.support.users import context, make_user, outbox, with_settings


class Inbox:
    """An aiosmtpd handler that keeps every message it accepts."""

    def __init__(self) -> None:
        self.envelopes: list = []

    async def handle_DATA(self, server, session, envelope) -> str:
        self.envelopes.append(envelope)
        return "250 OK"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_server() -> Iterator[tuple[Inbox, int]]:
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield inbox, port
    controller.stop()


async def queue_verification(services, email: str = "mail-me@example.org") -> str:
    user = await make_user(services, email, password=None)
    return await issue_email_verification(context(services), user.id)


async def test_smtp_delivery_reaches_a_real_smtp_server(services, smtp_server):
    inbox, port = smtp_server
    smtp = with_settings(services, smtp_url=f"smtp://127.0.0.1:{port}", smtp_from="noreply@reg.test")
    token = await queue_verification(smtp)

    assert await deliver_notifications(smtp) == 1

    [envelope] = inbox.envelopes
    assert envelope.mail_from == "noreply@reg.test"
    assert envelope.rcpt_tos == ["mail-me@example.org"]
    message = message_from_bytes(envelope.content)
    assert message["Subject"] == "Confirm your email address"
    assert token in message.get_payload(decode=True).decode()
    [row] = await outbox(services)
    assert (row.state, row.attempts, row.sent_at) == ("sent", 1, services.clock.now())


async def test_without_smtp_the_message_is_spooled_0600_and_only_its_id_logged(services, tmp_path, caplog):
    spool = with_settings(services, smtp_url=None, data_dir=tmp_path)
    token = await queue_verification(spool)
    caplog.set_level(logging.DEBUG)

    assert await deliver_notifications(spool) == 1

    [row] = await outbox(services)
    path = tmp_path / "outbox" / f"{row.id}.eml"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert token in message_from_bytes(path.read_bytes()).get_payload(decode=True).decode()
    assert row.state == "sent"
    assert row.id in caplog.text and "verify_email" in caplog.text
    assert token not in caplog.text and "/verify/user" not in caplog.text


async def test_failed_sends_back_off_then_fail_without_leaking_the_body(services, clock, caplog):
    unreachable = with_settings(services, smtp_url=f"smtp://127.0.0.1:{free_port()}")
    token = await queue_verification(unreachable)
    caplog.set_level(logging.DEBUG)
    start = clock.now()
    try:
        for attempt in range(1, MAX_ATTEMPTS + 1):
            assert await deliver_notifications(unreachable) == 0
            [row] = await outbox(services)
            assert row.attempts == attempt
            assert row.last_error == "ConnectionRefusedError"
            if attempt < MAX_ATTEMPTS:
                assert row.state == "pending"
                assert row.next_attempt_at == clock.now() + retry_delay(attempt)
                assert await deliver_notifications(unreachable) == 0  # not due yet
                clock.set(row.next_attempt_at)
    finally:
        clock.set(start)
    assert row.state == "failed"
    assert token not in caplog.text


def test_retry_delay_doubles_and_is_capped():
    assert [retry_delay(n).total_seconds() for n in (1, 2, 3, 10)] == [60, 120, 240, 3600]


async def test_concurrent_workers_deliver_each_notification_once(services, tmp_path):
    spool = with_settings(services, smtp_url=None, data_dir=tmp_path)
    for index in range(6):
        await queue_verification(spool, f"user{index}@example.org")

    counts = await asyncio.gather(*(deliver_notifications(spool) for _ in range(3)))

    assert sum(counts) == 6
    rows = await outbox(services)
    assert {(row.state, row.attempts) for row in rows} == {("sent", 1)}
    assert len(list((tmp_path / "outbox").iterdir())) == 6


async def test_a_worker_pass_delivers_the_outbox(services, tmp_path):
    spool = with_settings(services, smtp_url=None, data_dir=tmp_path)
    await queue_verification(spool)

    done = await run_due_jobs(spool)

    assert done["deliver_notifications"] == 1


async def test_a_delivered_notification_keeps_no_token(services, tmp_path):
    # given
    spool = with_settings(services, smtp_url=None, data_dir=tmp_path)
    token = await queue_verification(spool)
    # when
    assert await deliver_notifications(spool) == 1
    # then: what was sent is still told, the token is not kept
    [row] = await outbox(services)
    assert row.state == "sent"
    assert token not in row.body
    assert "/verify/user?token=[redacted]" in row.body


async def test_a_notification_given_up_keeps_no_token(services, clock):
    unreachable = with_settings(services, smtp_url=f"smtp://127.0.0.1:{free_port()}")
    token = await queue_verification(unreachable)
    start = clock.now()
    try:
        for _ in range(MAX_ATTEMPTS):
            await deliver_notifications(unreachable)
            [row] = await outbox(services)
            clock.set(row.next_attempt_at)
    finally:
        clock.set(start)
    assert row.state == "failed"
    assert token not in row.body


async def test_a_subject_with_a_line_break_is_sent_on_one_line(services, tmp_path):
    # given: a row written before tenant names were refused line breaks
    spool = with_settings(services, smtp_url=None, data_dir=tmp_path)
    await queue_verification(spool)
    async with services.db.transaction() as session:
        [row] = (await session.exec(select(Notification))).all()
        row.subject = "You are invited to Acme\r\nBcc: victim@example.net"
        session.add(row)
    # when
    assert await deliver_notifications(spool) == 1
    # then
    message = message_from_bytes((tmp_path / "outbox" / f"{row.id}.eml").read_bytes())
    assert message["Subject"] == "You are invited to Acme Bcc: victim@example.net"
    assert message["Bcc"] is None
