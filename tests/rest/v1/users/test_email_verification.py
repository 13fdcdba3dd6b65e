"""`POST /api/v1/users/verify` and `issue_email_verification`."""

from __future__ import annotations

from registrar.crypto import sha256_hex
from registrar.models import UserToken
from registrar.resolvers.auth.users import issue_email_verification
from tests.support.users import context, link_token, load_user, make_user, outbox


async def test_issued_verification_is_mailed_with_a_link_and_stored_only_as_hash(services):
    # given
    user = await make_user(services, "verify-me@example.org")
    # when
    token = await issue_email_verification(context(services), user.id)
    # then
    [mail] = await outbox(services, "verify_email")
    assert mail.recipient == "verify-me@example.org"
    assert f"{services.settings.public_url}/verify/user?token={token}" in mail.body
    assert link_token(mail) == token
    async with services.db.read() as session:
        [row] = (await session.exec(UserToken.__table__.select())).all()
    assert row.token_hash == sha256_hex(token) and token not in row.token_hash
    assert (row.expires_at - services.clock.now()).total_seconds() == 24 * 3600


async def test_verify_marks_email_verified_and_returns_the_user(client, services):
    user = await make_user(services, "verify-me@example.org")
    token = await issue_email_verification(context(services), user.id)

    response = await client.post("/api/v1/users/verify", json={"token": token})

    assert response.status_code == 200, response.text
    now = services.clock.now().strftime("%Y-%m-%dT%H:%M:%SZ")
    assert response.json() == {
        "data": {"user": {"email": "verify-me@example.org", "email_verified_at": now, "id": user.id}}
    }
    assert (await load_user(services, user.id)).email_verified_at == services.clock.now()


async def test_verify_token_is_single_use(client, services):
    user = await make_user(services, "verify-me@example.org")
    token = await issue_email_verification(context(services), user.id)
    assert (await client.post("/api/v1/users/verify", json={"token": token})).status_code == 200

    again = await client.post("/api/v1/users/verify", json={"token": token})

    assert again.status_code == 404
    assert again.json() == {"error": "not_found"}


async def test_verify_refuses_an_expired_token(client, services, clock):
    user = await make_user(services, "verify-me@example.org")
    token = await issue_email_verification(context(services), user.id)
    clock.advance(hours=24)
    try:
        response = await client.post("/api/v1/users/verify", json={"token": token})
    finally:
        clock.advance(hours=-24)
    assert response.status_code == 404
    assert (await load_user(services, user.id)).email_verified_at is None


async def test_verify_answers_404_for_unknown_or_malformed_tokens(client, services):
    for token in ["A" * 43, "not a token!", 12345]:
        response = await client.post("/api/v1/users/verify", json={"token": token})
        assert response.status_code == 404, token
        assert response.json() == {"error": "not_found"}


async def test_verify_without_token_is_unprocessable(client, services):
    response = await client.post("/api/v1/users/verify", json={})
    assert response.status_code == 422
    assert response.json() == {
        "error": "unprocessable_entity",
        "details": {"token": ["can't be blank"]},
    }


async def test_verify_is_rate_limited_per_ip_with_retry_after(client, services):
    limit = services.settings.account_rate_limit
    for _ in range(limit):
        assert (await client.post("/api/v1/users/verify", json={"token": "A" * 43})).status_code == 404

    response = await client.post("/api/v1/users/verify", json={"token": "A" * 43})

    assert response.status_code == 429
    assert response.json()["error"] == "rate_limited"
    assert int(response.headers["Retry-After"]) == services.settings.account_rate_window_seconds
