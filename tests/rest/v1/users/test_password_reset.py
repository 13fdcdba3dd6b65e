"""`POST /api/v1/users/reset_password` and `…/complete`."""

from __future__ import annotations

import httpx
from sqlmodel import select

from registrar.app import create_app
from registrar.crypto import sha256_hex, verify_password
from registrar.models import OAuthToken, UserSession, UserToken
from tests.support.credentials import api_key
from tests.support.factories import make_tenant
from tests.support.tenancy import bearer
from tests.support.users import PASSWORD, link_token, load_user, make_user, outbox, with_settings

NEW_PASSWORD = "a brand new passphrase"


async def request_reset(client, email: str):
    return await client.post("/api/v1/users/reset_password", json={"email": email})


async def reset_token(client, services, email: str) -> str:
    assert (await request_reset(client, email)).status_code == 200
    return link_token((await outbox(services, "reset_password"))[-1])


async def complete(client, token, password=NEW_PASSWORD):
    return await client.post("/api/v1/users/reset_password/complete", json={"token": token, "password": password})


async def test_request_for_a_known_email_stores_a_hashed_token_and_mails_the_link(client, services):
    user = await make_user(services, "forgetful@example.org")

    response = await request_reset(client, "Forgetful@Example.org")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    [mail] = await outbox(services, "reset_password")
    assert mail.recipient == "forgetful@example.org"
    token = link_token(mail)
    assert f"{services.settings.public_url}/reset-password?token={token}" in mail.body
    async with services.db.read() as session:
        [row] = (await session.exec(select(UserToken))).all()
    assert (row.user_id, row.purpose, row.token_hash) == (
        user.id,
        "reset_password",
        sha256_hex(token),
    )
    assert (row.expires_at - services.clock.now()).total_seconds() == 24 * 3600


async def test_request_for_an_unknown_email_answers_the_same_and_stores_nothing(client, services):
    response = await request_reset(client, "nobody@example.org")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert response.headers.keys() == (await request_reset(client, "other@example.org")).headers.keys()
    assert await outbox(services) == []
    async with services.db.read() as session:
        assert (await session.exec(select(UserToken))).all() == []


async def test_request_with_a_malformed_email_is_invalid_email_format(client, services):
    for email in ["not-an-email", "", None, 42, "a@" + "b" * 400 + ".com"]:
        response = await request_reset(client, email)
        assert response.status_code == 400, email
        assert response.json() == {"error": "invalid_email_format"}


async def test_request_is_rate_limited_per_email_with_retry_after(client, services):
    for _ in range(services.settings.reset_email_rate_limit):
        assert (await request_reset(client, "target@example.org")).status_code == 200

    response = await request_reset(client, "TARGET@example.org")

    assert response.status_code == 429
    assert response.json()["error"] == "rate_limited"
    assert int(response.headers["Retry-After"]) > 0
    assert (await request_reset(client, "someone-else@example.org")).status_code == 200


async def test_request_is_rate_limited_per_ip(services):
    tight = with_settings(services, account_rate_limit=2)
    transport = httpx.ASGITransport(app=create_app(services=tight))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        assert (await request_reset(client, "a@example.org")).status_code == 200
        assert (await request_reset(client, "b@example.org")).status_code == 200
        response = await request_reset(client, "c@example.org")
    assert response.status_code == 429
    assert "Retry-After" in response.headers


async def test_complete_sets_the_password_and_consumes_the_token(client, services):
    user = await make_user(services, "forgetful@example.org")
    token = await reset_token(client, services, "forgetful@example.org")

    response = await complete(client, token)

    assert response.status_code == 200, response.text
    assert response.json() == {"data": {"user": {"id": user.id}}}
    stored = await load_user(services, user.id)
    assert verify_password(stored.password_hash, NEW_PASSWORD)
    assert not verify_password(stored.password_hash, PASSWORD)
    assert stored.password_hash.startswith("$argon2id$")
    again = await complete(client, token, "yet another passphrase")
    assert again.status_code == 400
    assert again.json() == {"error": "invalid_token"}


async def test_complete_revokes_every_token_and_session_so_old_tokens_stop_working(client, services):
    # given a user with a live token and a session
    other = await make_tenant(services, slug="resetco")
    now = services.clock.now()
    async with services.db.transaction() as session:
        session.add(UserSession(user_id=other.user_id, expires_at=now.replace(year=now.year + 1), inserted_at=now))
    assert (await client.get("/api/v1/user/tenants", headers=other.headers)).status_code == 200
    token = await reset_token(client, services, "resetco@example.org")
    # when
    assert (await complete(client, token)).status_code == 200
    # then
    blocked = await client.get("/api/v1/user/tenants", headers=other.headers)
    assert blocked.status_code == 401
    assert blocked.json() == {"error": "unauthorized"}
    async with services.db.read() as session:
        tokens = (await session.exec(select(OAuthToken).where(OAuthToken.user_id == other.user_id))).all()
        sessions = (await session.exec(select(UserSession).where(UserSession.user_id == other.user_id))).all()
    assert tokens and all(row.revoked_at == now for row in tokens)
    assert sessions and all(row.revoked_at == now for row in sessions)


async def test_complete_revokes_the_users_api_keys(client, services):
    # given a user holding an API key
    other = await make_tenant(services, slug="keyreset")
    key = await api_key(client, other.tenant_id, other.headers, ["read"])
    assert (await client.get(f"/api/v1/tenants/{other.tenant_id}/domains", headers=bearer(key))).status_code == 200
    token = await reset_token(client, services, "keyreset@example.org")
    # when
    assert (await complete(client, token)).status_code == 200
    # then
    blocked = await client.get(f"/api/v1/tenants/{other.tenant_id}/domains", headers=bearer(key))
    assert (blocked.status_code, blocked.json()) == (401, {"error": "unauthorized"})


async def test_complete_consumes_every_other_outstanding_reset_token(client, services):
    await make_user(services, "forgetful@example.org")
    first = await reset_token(client, services, "forgetful@example.org")
    second = await reset_token(client, services, "forgetful@example.org")

    assert (await complete(client, second)).status_code == 200

    assert (await complete(client, first)).json() == {"error": "invalid_token"}


async def test_complete_preserves_totp_enrollment(client, services):
    user = await make_user(services, "totp-user@example.org")
    async with services.db.transaction() as session:
        row = await session.get(type(user), user.id)
        row.totp_state, row.totp_secret_encrypted = "enrolled", services.encryptor.encrypt("A" * 32)
        row.totp_enrolled_at = services.clock.now()
        session.add(row)
    token = await reset_token(client, services, "totp-user@example.org")

    assert (await complete(client, token)).status_code == 200

    stored = await load_user(services, user.id)
    assert stored.totp_state == "enrolled" and stored.totp_secret_encrypted is not None


async def test_complete_refuses_an_expired_token(client, services, clock):
    await make_user(services, "forgetful@example.org")
    token = await reset_token(client, services, "forgetful@example.org")
    clock.advance(hours=24, seconds=1)
    try:
        response = await complete(client, token)
    finally:
        clock.advance(hours=-24, seconds=-1)
    assert response.status_code == 400
    assert response.json() == {"error": "invalid_token"}


async def test_complete_answers_invalid_token_for_malformed_and_unknown_tokens(client, services):
    for token in [None, "", "short", "x" * 43, 7, "../../etc"]:
        response = await complete(client, token)
        assert response.status_code == 400, token
        assert response.json() == {"error": "invalid_token"}


async def test_complete_with_a_weak_password_is_unprocessable_and_keeps_the_token(client, services):
    user = await make_user(services, "forgetful@example.org")
    token = await reset_token(client, services, "forgetful@example.org")

    response = await complete(client, token, "short")

    assert response.status_code == 422
    assert response.json() == {
        "error": "unprocessable_entity",
        "details": {"password": ["should be at least 12 character(s)"]},
    }
    assert verify_password((await load_user(services, user.id)).password_hash, PASSWORD)
    assert (await complete(client, token)).status_code == 200
