"""Secrets stay out of logs and out of readable storage: the access log of a real uvicorn
server after the flows that put tokens in URLs, failed-statement errors, the SQLite files'
modes, and the responses the idempotency middleware stores for replay."""

from __future__ import annotations

import asyncio
import logging
import os
import re
import stat
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
import uvicorn
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlmodel import select

from registrar.app import create_app
from registrar.bootstrap import DEMO_OWNER_EMAIL
from registrar.db import Database
from registrar.models import IdempotencyRecord, User
from registrar.redaction import REDACTED, redact_tokens, redact_url
from registrar.resolvers.auth.users import issue_email_verification
from tests.support.tenancy import authorization_code, create_client, pkce_pair
from tests.support.users import context, link_token, outbox

INVITATION = re.compile(r"/invitations/([A-Za-z0-9_-]+)/accept")


@pytest.fixture
async def served(services) -> AsyncIterator[httpx.AsyncClient]:
    """The app behind a real uvicorn server on a free port, as `registrar run` serves it
    (uvicorn writes the access log; `log_config=None` leaves the test's logging alone)."""
    config = uvicorn.Config(
        create_app(services=services), host="127.0.0.1", port=0, log_config=None, ws="none", lifespan="on"
    )
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve())
    while not server.started:
        await asyncio.sleep(0.01)
    port = server.servers[0].sockets[0].getsockname()[1]
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as http:
        yield http
    server.should_exit = True
    await task


async def owner_id(services) -> str:
    async with services.db.read() as session:
        owner = (await session.exec(select(User).where(User.email == DEMO_OWNER_EMAIL))).one()
    return owner.id


async def test_the_access_log_never_holds_a_reset_verification_invitation_token_or_code(served, demo, services, caplog):
    caplog.set_level(logging.INFO, logger="uvicorn.access")
    # given: a reset link, a verification link, an invitation and an authorization code
    assert (await served.post("/api/v1/users/reset_password", json={"email": DEMO_OWNER_EMAIL})).status_code == 200
    reset = link_token((await outbox(services, "reset_password"))[-1])
    verification = await issue_email_verification(context(services), await owner_id(services))
    invited = await served.post(
        demo.url("/invitations"), json={"email": "new@example.net", "role": "member"}, headers=demo.headers
    )
    assert invited.status_code == 201, invited.text
    invitation = INVITATION.search((await outbox(services, "invitation"))[-1].body)[1]
    oauth_client = await create_client(served, demo)
    code = await authorization_code(served, demo, oauth_client, pkce_pair()[1])
    # when: each is followed as a browser or a client would
    await served.get("/reset-password", params={"token": reset})
    await served.get("/verify/user", params={"token": verification})
    await served.post(f"/api/v1/invitations/{invitation}/accept", json={"password": "a long enough password 1"})
    await served.get("/callback", params={"code": code, "state": "xyz"})  # a redirect URI on this host
    # then
    access = "\n".join(record.getMessage() for record in caplog.records if record.name == "uvicorn.access")
    for secret in (reset, verification, invitation, code):
        assert secret not in caplog.text
    assert f"/reset-password?token={REDACTED}" in access
    assert f"/verify/user?token={REDACTED}" in access
    assert f"/api/v1/invitations/{REDACTED}/accept" in access
    assert f"/callback?code={REDACTED}&state=xyz" in access


def test_redaction_keeps_what_is_not_secret():
    assert redact_url("/api/v1/tenants/0b6f6c3e-6c1f-4a53-9d43-1f1a1c0de001/domains?limit=5&cursor=abc") == (
        "/api/v1/tenants/0b6f6c3e-6c1f-4a53-9d43-1f1a1c0de001/domains?limit=5&cursor=abc"
    )
    assert redact_url("/oauth/token?client_id=cli&client_secret=s&Code=c") == (
        f"/oauth/token?client_id=cli&client_secret={REDACTED}&Code={REDACTED}"
    )
    assert redact_url("/oauth/authorize?client_id=" + "c" * 40 + "&code_challenge=" + "h" * 43) == (
        "/oauth/authorize?client_id=" + "c" * 40 + "&code_challenge=" + "h" * 43
    )
    assert redact_url("/api/v1/things/" + "t" * 43 + "/x") == f"/api/v1/things/{REDACTED}/x"
    assert redact_tokens("Your verification code: " + "A" * 43 + ".") == f"Your verification code: {REDACTED}."


async def test_a_failed_statement_never_shows_its_parameters(services):
    secret = "a-secret-that-must-not-be-printed"
    with pytest.raises(DBAPIError) as failure:
        async with services.db.read() as session:
            await session.exec(text("SELECT * FROM no_such_table WHERE secret = :secret"), params={"secret": secret})
    assert secret not in str(failure.value)
    assert "[SQL parameters hidden due to hide_parameters=True]" in str(failure.value)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


async def test_the_sqlite_database_and_its_wal_and_shm_files_are_private(tmp_path):
    # given: a permissive umask, and a new database
    previous = os.umask(0o022)
    try:
        path = tmp_path / "fresh.db"
        database = Database(f"sqlite+aiosqlite:///{path}")
        # when: a write creates the WAL and its index
        async with database.transaction() as session:
            await session.exec(text("CREATE TABLE t (x TEXT)"))
            await session.exec(text("INSERT INTO t VALUES ('x')"))
        # then
        companions = [Path(f"{path}{suffix}") for suffix in ("", "-wal", "-shm")]
        assert all(companion.exists() for companion in companions)
        assert {companion.name: mode(companion) for companion in companions} == {
            companion.name: 0o600 for companion in companions
        }
        await database.dispose()
    finally:
        os.umask(previous)


async def test_an_existing_readable_sqlite_database_is_made_private_on_connect(tmp_path):
    # given: a database file an older version left world-readable
    path = tmp_path / "old.db"
    path.touch(mode=0o644)
    os.chmod(path, 0o644)
    database = Database(f"sqlite+aiosqlite:///{path}")
    # when
    assert await database.ping()
    # then
    assert mode(path) == 0o600
    await database.dispose()


async def idempotency_rows(services) -> list[IdempotencyRecord]:
    async with services.db.read() as session:
        return list((await session.exec(select(IdempotencyRecord))).all())


async def test_a_stored_response_carrying_a_secret_is_encrypted_and_replayed_intact(client, demo, services):
    # given
    headers = {**demo.headers, "Idempotency-Key": "key-with-a-secret"}
    body = {"name": "ci", "scopes": ["read"]}
    first = await client.post(demo.url("/api_keys"), json=body, headers=headers)
    secret = first.json()["data"]["api_key"]
    # when
    again = await client.post(demo.url("/api_keys"), json=body, headers=headers)
    # then
    assert again.headers["idempotent-replayed"] == "true"
    assert again.json()["data"]["api_key"] == secret
    (row,) = await idempotency_rows(services)
    assert secret not in (row.response_body or "")
    assert '"data"' not in (row.response_body or "")
    assert services.encryptor.decrypt(row.response_body or "") == first.text


async def test_a_stored_path_has_its_invitation_token_redacted(client, services):
    # when: a keyed request to a path that carries a token
    token = "T" * 43
    await client.post(
        f"/api/v1/invitations/{token}/accept", json={"password": "x" * 20}, headers={"Idempotency-Key": "k"}
    )
    # then
    (row,) = await idempotency_rows(services)
    assert token not in row.path
    assert row.path == f"/api/v1/invitations/{REDACTED}/accept"
