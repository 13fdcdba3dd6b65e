"""The authorization-code + PKCE flow end to end through the sign-in page, with a real
HTTP client talking to a real server socket."""

from __future__ import annotations

import asyncio
import re
import socket
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
import uvicorn
from sqlalchemy import update

from registrar.app import create_app
from registrar.crypto import hash_password
from registrar.models import User
from tests.support.tenancy import REDIRECT, create_client, pkce_pair

PASSWORD = "correct horse battery staple"


@pytest.fixture
async def server(services):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    config = uvicorn.Config(
        create_app(services=services),
        host="127.0.0.1",
        port=port,
        log_level="warning",
        lifespan="off",
    )
    instance = uvicorn.Server(config)
    task = asyncio.create_task(instance.serve())
    while not instance.started:
        await asyncio.sleep(0.01)
    yield f"http://127.0.0.1:{port}"
    instance.should_exit = True
    await task


async def set_owner_password(services, demo) -> str:
    async with services.db.transaction() as session:
        await session.exec(
            update(User).where(User.email == "owner@demo.example").values(password_hash=hash_password(PASSWORD))
        )
    return "owner@demo.example"


def hidden_fields(html: str) -> dict[str, str]:
    return dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', html))


async def test_pkce_flow_through_the_sign_in_page(server, client, demo, services):
    # given a registered client and an owner with a password
    oauth_client = await create_client(client, demo, client_type="public", allowed_flows=["authorization_code"])
    email = await set_owner_password(services, demo)
    verifier, challenge = pkce_pair()
    params = {
        "response_type": "code",
        "client_id": oauth_client["client_id"],
        "redirect_uri": REDIRECT,
        "code_challenge": challenge,
        "code_challenge_method": "S256",
        "state": "s-123",
    }
    async with httpx.AsyncClient(base_url=server) as browser:
        # when the browser opens the authorize URL it gets a sign-in form
        page = await browser.get("/oauth/authorize", params=params)
        assert page.status_code == 200
        assert "<form" in page.text and page.headers["x-frame-options"] == "DENY"
        fields = hidden_fields(page.text)
        # a wrong password re-renders the form
        wrong = await browser.post("/oauth/authorize", data={**fields, "email": email, "password": "wrong password!!"})
        assert wrong.status_code == 401 and "not right" in wrong.text
        # the right one redirects to the client with a code
        fields = hidden_fields(wrong.text)
        signed_in = await browser.post("/oauth/authorize", data={**fields, "email": email, "password": PASSWORD})
        assert signed_in.status_code == 302
        location = urlsplit(signed_in.headers["location"])
        assert f"{location.scheme}://{location.netloc}{location.path}" == REDIRECT
        query = parse_qs(location.query)
        assert query["state"] == ["s-123"]
        # then the client exchanges it with its verifier
        tokens = await browser.post(
            "/oauth/token",
            data={
                "grant_type": "authorization_code",
                "code": query["code"][0],
                "code_verifier": verifier,
                "redirect_uri": REDIRECT,
                "client_id": oauth_client["client_id"],
            },
        )
        assert tokens.status_code == 200, tokens.text
        access = tokens.json()["access_token"]
        listing = await browser.get(
            f"/api/v1/tenants/{demo.tenant_id}/domains",
            headers={"Authorization": f"Bearer {access}"},
        )
        assert listing.status_code == 200
        sessions = await browser.get(
            f"/api/v1/tenants/{demo.tenant_id}/sessions",
            headers={"Authorization": f"Bearer {access}"},
        )
        assert len(sessions.json()["data"]) == 1


async def test_sign_in_post_without_the_csrf_cookie_is_refused(server, client, demo, services):
    oauth_client = await create_client(client, demo, client_type="public", allowed_flows=["authorization_code"])
    email = await set_owner_password(services, demo)
    params = {
        "response_type": "code",
        "client_id": oauth_client["client_id"],
        "redirect_uri": REDIRECT,
        "code_challenge": pkce_pair()[1],
        "code_challenge_method": "S256",
    }
    async with httpx.AsyncClient(base_url=server) as attacker:
        response = await attacker.post(
            "/oauth/authorize",
            data={**params, "csrf_token": "forged", "email": email, "password": PASSWORD},
        )
    assert response.status_code == 403
    assert "location" not in response.headers


async def test_authorize_page_refuses_an_unregistered_redirect_without_redirecting(server, client, demo):
    oauth_client = await create_client(client, demo, client_type="public", allowed_flows=["authorization_code"])
    async with httpx.AsyncClient(base_url=server) as browser:
        page = await browser.get(
            "/oauth/authorize",
            params={
                "response_type": "code",
                "client_id": oauth_client["client_id"],
                "redirect_uri": "https://evil.example/cb",
                "code_challenge": pkce_pair()[1],
                "code_challenge_method": "S256",
            },
        )
    assert page.status_code == 400
    assert "location" not in page.headers


def totp_code(secret: str, clock) -> str:
    import base64

    from cryptography.hazmat.primitives.hashes import SHA1
    from cryptography.hazmat.primitives.twofactor.totp import TOTP

    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    return TOTP(key, 6, SHA1(), 30, enforce_key_length=False).generate(int(clock.now().timestamp())).decode()


async def test_sign_in_requires_the_second_factor_once_enrolled(server, client, demo, services, clock):
    oauth_client = await create_client(client, demo, client_type="public", allowed_flows=["authorization_code"])
    email = await set_owner_password(services, demo)
    enrollment = await client.post("/api/v1/user/totp/enrollments", headers=demo.headers)
    secret = enrollment.json()["data"]["secret"]
    confirmed = await client.post(
        "/api/v1/user/totp/enrollments/confirm",
        json={"code": totp_code(secret, clock)},
        headers=demo.headers,
    )
    assert confirmed.status_code == 200, confirmed.text
    clock.advance(seconds=30)  # the confirming step cannot be replayed
    try:
        await _sign_in_with_second_factor(server, oauth_client, email, secret, clock)
    finally:
        clock.advance(seconds=-30)


async def _sign_in_with_second_factor(server, oauth_client, email, secret, clock) -> None:
    params = {
        "response_type": "code",
        "client_id": oauth_client["client_id"],
        "redirect_uri": REDIRECT,
        "code_challenge": pkce_pair()[1],
        "code_challenge_method": "S256",
    }
    async with httpx.AsyncClient(base_url=server) as browser:
        page = await browser.get("/oauth/authorize", params=params)
        without = await browser.post(
            "/oauth/authorize",
            data={**hidden_fields(page.text), "email": email, "password": PASSWORD},
        )
        assert without.status_code == 401 and "authenticator" in without.text
        with_code = await browser.post(
            "/oauth/authorize",
            data={
                **hidden_fields(without.text),
                "email": email,
                "password": PASSWORD,
                "otp": totp_code(secret, clock),
            },
        )
        assert with_code.status_code == 302
