"""The HTML pages behind emailed links, and their CSRF protection."""

from __future__ import annotations

import re

import httpx

from registrar.app import create_app
from registrar.crypto import verify_password
from registrar.resolvers.auth.users import issue_email_verification
from registrar.rest_compat.pages.csrf import CSRF_COOKIE
from tests.support.users import (
    context,
    link_token,
    load_user,
    make_user,
    outbox,
    with_settings,
)

CSRF_FIELD = re.compile(r'name="csrf_token" value="([^"]+)"')


def csrf_of(page_html: str) -> str:
    found = CSRF_FIELD.search(page_html)
    assert found, "the page has no CSRF field"
    return found.group(1)


async def verification_page(client, services):
    user = await make_user(services, "page-user@example.org")
    token = await issue_email_verification(context(services), user.id)
    page = await client.get("/verify/user", params={"token": token})
    assert page.status_code == 200, page.text
    return user, token, page


async def test_verify_page_renders_a_self_contained_csrf_protected_form(client, services):
    _, token, page = await verification_page(client, services)

    assert page.headers["content-type"].startswith("text/html")
    assert '<form method="post" action="/verify/user">' in page.text
    assert f'name="token" value="{token}"' in page.text
    assert not re.search(r"<script|<link|<img|src=|https?://", page.text)
    cookie = page.headers["set-cookie"]
    assert cookie.startswith(f"{CSRF_COOKIE}={csrf_of(page.text)}")
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie
    assert page.headers["referrer-policy"] == "no-referrer"
    assert "frame-ancestors 'none'" in page.headers["content-security-policy"]


async def test_verify_page_submission_verifies_the_email(client, services):
    user, token, page = await verification_page(client, services)

    response = await client.post("/verify/user", data={"token": token, "csrf_token": csrf_of(page.text)})

    assert response.status_code == 200
    assert "page-user@example.org is now verified" in response.text
    assert (await load_user(services, user.id)).email_verified_at is not None


async def test_verify_page_rejects_a_mismatched_csrf_token_and_keeps_the_challenge(client, services):
    user, token, _ = await verification_page(client, services)

    response = await client.post("/verify/user", data={"token": token, "csrf_token": "forged"})

    assert response.status_code == 403
    assert "This form has expired" in response.text
    assert (await load_user(services, user.id)).email_verified_at is None
    assert (await client.post("/api/v1/users/verify", json={"token": token})).status_code == 200


async def test_verify_page_rejects_an_unsigned_double_submit(client, services):
    user, token, _ = await verification_page(client, services)
    client.cookies.set(CSRF_COOKIE, "abc.123.def")

    response = await client.post("/verify/user", data={"token": token, "csrf_token": "abc.123.def"})

    assert response.status_code == 403
    assert (await load_user(services, user.id)).email_verified_at is None


async def test_verify_page_rejects_a_csrf_token_older_than_two_hours(client, services, clock):
    _, token, page = await verification_page(client, services)
    clock.advance(hours=2, seconds=1)
    try:
        response = await client.post("/verify/user", data={"token": token, "csrf_token": csrf_of(page.text)})
    finally:
        clock.advance(hours=-2, seconds=-1)
    assert response.status_code == 403


async def test_verify_page_reports_an_invalid_link(client, services):
    page = await client.get("/verify/user", params={"token": "A" * 43})

    response = await client.post("/verify/user", data={"token": "A" * 43, "csrf_token": csrf_of(page.text)})

    assert response.status_code == 404
    assert "invalid, has expired or was already used" in response.text


async def test_pages_escape_the_token_they_echo(client, services):
    page = await client.get("/verify/user", params={"token": '"><script>alert(1)</script>'})

    assert "<script>" not in page.text
    assert "&quot;&gt;&lt;script&gt;" in page.text


async def test_pages_without_a_token_say_the_link_is_invalid(client, services):
    for path in ["/verify/user", "/reset-password"]:
        response = await client.get(path)
        assert response.status_code == 400
        assert "invalid" in response.text


async def reset_page(client, services):
    user = await make_user(services, "page-user@example.org")
    await client.post("/api/v1/users/reset_password", json={"email": "page-user@example.org"})
    token = link_token((await outbox(services, "reset_password"))[-1])
    page = await client.get("/reset-password", params={"token": token})
    assert page.status_code == 200
    return user, token, page


async def test_reset_page_sets_the_new_password(client, services):
    user, token, page = await reset_page(client, services)
    assert 'type="password"' in page.text and 'action="/reset-password"' in page.text

    response = await client.post(
        "/reset-password",
        data={
            "token": token,
            "password": "a long new passphrase",
            "csrf_token": csrf_of(page.text),
        },
    )

    assert response.status_code == 200
    assert "Your password has been changed" in response.text
    assert verify_password((await load_user(services, user.id)).password_hash, "a long new passphrase")


async def test_reset_page_shows_policy_problems_and_offers_the_form_again(client, services):
    _, token, page = await reset_page(client, services)

    response = await client.post(
        "/reset-password",
        data={"token": token, "password": "short", "csrf_token": csrf_of(page.text)},
    )

    assert response.status_code == 422
    assert "Password should be at least 12 character(s)." in response.text
    again = await client.post(
        "/reset-password",
        data={"token": token, "password": "long enough now", "csrf_token": csrf_of(response.text)},
    )
    assert again.status_code == 200


async def test_reset_page_rejects_a_missing_csrf_token(client, services):
    user, token, _ = await reset_page(client, services)

    response = await client.post("/reset-password", data={"token": token, "password": "a long new passphrase"})

    assert response.status_code == 403
    assert (await load_user(services, user.id)).password_hash == user.password_hash


async def test_pages_answer_too_many_attempts_with_retry_after(services):
    tight = with_settings(services, account_rate_limit=1)
    transport = httpx.ASGITransport(app=create_app(services=tight))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        page = await client.get("/verify/user", params={"token": "A" * 43})
        form = {"token": "A" * 43, "csrf_token": csrf_of(page.text)}
        assert (await client.post("/verify/user", data=form)).status_code == 404
        limited = await client.post("/verify/user", data=form)
    assert limited.status_code == 429
    assert "Too many attempts" in limited.text
    assert int(limited.headers["Retry-After"]) > 0
