"""`/api/v1/user/totp…` and `verify_second_factor`."""

from __future__ import annotations

import base64
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import httpx
from sqlmodel import select

from registrar.app import create_app
from registrar.crypto import sha256_hex
from registrar.models import RecoveryCode
from registrar.resolvers.auth.totp import verify_second_factor
from tests.support.factories import make_tenant
from tests.support.users import code_at, context, load_user, with_settings

TOTP_URL = "/api/v1/user/totp"


async def enroll(client, headers) -> str:
    response = await client.post(f"{TOTP_URL}/enrollments", headers=headers)
    assert response.status_code == 201, response.text
    return response.json()["data"]["secret"]


async def enroll_and_confirm(client, services, headers) -> tuple[str, list[str]]:
    secret = await enroll(client, headers)
    response = await client.post(
        f"{TOTP_URL}/enrollments/confirm",
        json={"code": code_at(secret, services.clock.now())},
        headers=headers,
    )
    assert response.status_code == 200, response.text
    return secret, response.json()["data"]["recovery_codes"]


async def test_status_of_a_new_user_is_not_enrolled(client, services):
    user = await make_tenant(services, slug="totpco")

    response = await client.get(TOTP_URL, headers=user.headers)

    assert response.status_code == 200
    assert response.json() == {"data": {"status": "not_enrolled", "enrolled_at": None, "recovery_codes_remaining": 0}}


async def test_enrollment_returns_a_secret_and_uri_and_stores_the_secret_encrypted(client, services):
    user = await make_tenant(services, slug="totpco")

    response = await client.post(f"{TOTP_URL}/enrollments", headers=user.headers)

    assert response.status_code == 201
    data = response.json()["data"]
    assert len(base64.b32decode(data["secret"])) == 20
    uri = urlsplit(data["otpauth_uri"])
    assert (uri.scheme, uri.netloc) == ("otpauth", "totp")
    assert "totpco%40example.org" in uri.path
    assert parse_qs(uri.query)["secret"] == [data["secret"]]
    stored = await load_user(services, user.user_id)
    assert stored.totp_state == "pending"
    assert data["secret"] not in stored.totp_secret_encrypted
    assert services.encryptor.decrypt(stored.totp_secret_encrypted) == data["secret"]
    status = (await client.get(TOTP_URL, headers=user.headers)).json()["data"]
    assert status["status"] == "pending"


async def test_enrollment_is_idempotent_while_pending(client, services):
    user = await make_tenant(services, slug="totpco")
    assert await enroll(client, user.headers) == await enroll(client, user.headers)


async def test_confirm_enrolls_and_returns_ten_recovery_codes_stored_hashed(client, services):
    user = await make_tenant(services, slug="totpco")

    _, codes = await enroll_and_confirm(client, services, user.headers)

    assert len(codes) == 10 and len(set(codes)) == 10
    async with services.db.read() as session:
        rows = (await session.exec(select(RecoveryCode).where(RecoveryCode.user_id == user.user_id))).all()
    assert {row.code_hash for row in rows} == {sha256_hex(code.replace("-", "")) for code in codes}
    status = (await client.get(TOTP_URL, headers=user.headers)).json()["data"]
    now = services.clock.now().strftime("%Y-%m-%dT%H:%M:%SZ")
    assert status == {"status": "enrolled", "enrolled_at": now, "recovery_codes_remaining": 10}


async def test_enrollment_after_confirmation_is_already_enrolled(client, services):
    user = await make_tenant(services, slug="totpco")
    await enroll_and_confirm(client, services, user.headers)

    response = await client.post(f"{TOTP_URL}/enrollments", headers=user.headers)

    assert response.status_code == 409
    assert response.json() == {"error": "already_enrolled"}


async def test_confirm_with_a_wrong_code_is_invalid_totp_code(client, services):
    user = await make_tenant(services, slug="totpco")
    secret = await enroll(client, user.headers)
    wrong = f"{(int(code_at(secret, services.clock.now())) + 1) % 1_000_000:06d}"

    response = await client.post(f"{TOTP_URL}/enrollments/confirm", json={"code": wrong}, headers=user.headers)

    assert response.status_code == 422
    assert response.json() == {"error": "invalid_totp_code"}
    assert (await load_user(services, user.user_id)).totp_state == "pending"


async def test_confirm_without_code_is_unprocessable(client, services):
    user = await make_tenant(services, slug="totpco")
    await enroll(client, user.headers)

    response = await client.post(f"{TOTP_URL}/enrollments/confirm", json={}, headers=user.headers)

    assert response.status_code == 422
    assert response.json()["details"] == {"code": ["can't be blank"]}


async def test_confirm_accepts_one_step_of_drift_but_not_two(client, services, clock):
    user = await make_tenant(services, slug="totpco")
    secret = await enroll(client, user.headers)
    url = f"{TOTP_URL}/enrollments/confirm"
    start = clock.now()
    clock.advance(seconds=60)
    try:
        two_back = code_at(secret, start)
        stale = await client.post(url, json={"code": two_back}, headers=user.headers)
        one_back = code_at(secret, start + timedelta(seconds=30))
        fresh = await client.post(url, json={"code": one_back}, headers=user.headers)
    finally:
        clock.advance(seconds=-60)
    assert stale.json() == {"error": "invalid_totp_code"}
    assert fresh.status_code == 200


async def test_a_replayed_code_is_refused(client, services, clock):
    user = await make_tenant(services, slug="totpco")
    secret, _ = await enroll_and_confirm(client, services, user.headers)
    used = code_at(secret, clock.now())

    replay = await client.request("DELETE", TOTP_URL, json={"code": used}, headers=user.headers)

    assert replay.status_code == 422
    assert replay.json() == {"error": "invalid_totp_code"}
    clock.advance(seconds=30)
    try:
        fresh = code_at(secret, clock.now())
        response = await client.request("DELETE", TOTP_URL, json={"code": fresh}, headers=user.headers)
    finally:
        clock.advance(seconds=-30)
    assert response.status_code == 204
    stored = await load_user(services, user.user_id)
    assert (stored.totp_state, stored.totp_secret_encrypted) == ("not_enrolled", None)


async def test_disable_with_a_recovery_code_clears_enrollment_and_codes(client, services):
    user = await make_tenant(services, slug="totpco")
    _, codes = await enroll_and_confirm(client, services, user.headers)

    response = await client.request("DELETE", TOTP_URL, json={"recovery_code": codes[3].upper()}, headers=user.headers)

    assert response.status_code == 204
    assert (await client.get(TOTP_URL, headers=user.headers)).json()["data"]["status"] == ("not_enrolled")
    async with services.db.read() as session:
        assert (await session.exec(select(RecoveryCode))).all() == []


async def test_disable_without_proof_is_unprocessable_and_with_a_bad_one_refused(client, services):
    user = await make_tenant(services, slug="totpco")
    await enroll_and_confirm(client, services, user.headers)

    missing = await client.request("DELETE", TOTP_URL, json={}, headers=user.headers)
    wrong = await client.request("DELETE", TOTP_URL, json={"recovery_code": "aaaaa-aaaaa"}, headers=user.headers)

    assert missing.status_code == 422 and missing.json()["error"] == "unprocessable_entity"
    assert "code" in missing.json()["details"]
    assert wrong.status_code == 422 and wrong.json() == {"error": "invalid_totp_code"}
    assert (await load_user(services, user.user_id)).totp_state == "enrolled"


async def test_recovery_code_is_single_use_for_second_factor(client, services):
    user = await make_tenant(services, slug="totpco")
    _, codes = await enroll_and_confirm(client, services, user.headers)
    stored = await load_user(services, user.user_id)

    assert await verify_second_factor(context(services), stored, codes[0]) is True
    assert await verify_second_factor(context(services), stored, codes[0]) is False

    remaining = (await client.get(TOTP_URL, headers=user.headers)).json()["data"]
    assert remaining["recovery_codes_remaining"] == 9
    refused = await client.request("DELETE", TOTP_URL, json={"recovery_code": codes[0]}, headers=user.headers)
    assert refused.json() == {"error": "invalid_totp_code"}


async def test_second_factor_accepts_a_totp_code_once(client, services, clock):
    user = await make_tenant(services, slug="totpco")
    secret, _ = await enroll_and_confirm(client, services, user.headers)
    clock.advance(seconds=30)
    try:
        code = code_at(secret, clock.now())
        stored = await load_user(services, user.user_id)
        first = await verify_second_factor(context(services), stored, code)
        second = await verify_second_factor(context(services), stored, code)
    finally:
        clock.advance(seconds=-30)
    assert (first, second) == (True, False)


async def test_second_factor_is_false_for_a_user_without_enrollment(services):
    user = await make_tenant(services, slug="totpco")
    stored = await load_user(services, user.user_id)
    assert await verify_second_factor(context(services), stored, "123456") is False


async def test_code_attempts_are_rate_limited_per_user(services):
    tight = with_settings(services, totp_attempt_limit=2)
    user = await make_tenant(tight, slug="totpco")
    transport = httpx.ASGITransport(app=create_app(services=tight))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        await enroll(client, user.headers)
        url = f"{TOTP_URL}/enrollments/confirm"
        for _ in range(2):
            response = await client.post(url, json={"code": "000000"}, headers=user.headers)
            assert response.status_code == 422
        limited = await client.post(url, json={"code": "000000"}, headers=user.headers)
    assert limited.status_code == 429
    assert int(limited.headers["Retry-After"]) > 0


async def test_totp_endpoints_need_a_token_with_the_right_scope(client, services):
    reader = await make_tenant(services, slug="readonly", scope="read")

    anonymous = await client.get(TOTP_URL)
    read_only = await client.post(f"{TOTP_URL}/enrollments", headers=reader.headers)

    assert anonymous.status_code == 401 and anonymous.json() == {"error": "unauthorized"}
    assert read_only.status_code == 403 and read_only.json()["error"] == "insufficient_scope"
    assert (await client.get(TOTP_URL, headers=reader.headers)).status_code == 200
