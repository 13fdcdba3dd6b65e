"""Server-rendered HTML pages for people following emailed links (`/verify/user`,
`/reset-password`), and the CSRF protection every HTML form uses.

CSRF is a signed double submit: the page sets a random token in a `SameSite=Strict; HttpOnly`
cookie and repeats it in a hidden field; a POST must bring both, equal, and carrying a valid
HMAC-SHA256 under the secret key (so a cookie planted from a sibling domain is worthless) that
is at most `CSRF_MAX_AGE` old. Pages are plain HTML with no external assets; they forbid
framing and referrers, since their URLs carry one-time tokens.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping
from datetime import timedelta
from html import escape

from starlette.requests import Request
from starlette.responses import HTMLResponse
from starlette.routing import Route

from registrar.context import Services
from registrar.crypto import random_token
from registrar.errors import RegistrarError
from registrar.resolvers.auth import users
from registrar.rest_compat.http import request_context

CSRF_COOKIE = "registrar_csrf"
CSRF_FIELD = "csrf_token"
CSRF_MAX_AGE = timedelta(hours=2)
MAX_FORM_FIELDS = 10
MAX_FIELD_BYTES = 4096

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    ),
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}

LAYOUT = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
body {{ font-family: system-ui, sans-serif; max-width: 32rem; margin: 3rem auto; padding: 0 1rem; }}
label, input, button {{ display: block; margin: .5rem 0; }}
input[type=password] {{ width: 100%; padding: .4rem; }}
.problem {{ color: #a00; }}
</style>
</head>
<body>
<main>
<h1>{title}</h1>
{content}
</main>
</body>
</html>
"""

INVALID_LINK = "This link is invalid, has expired or was already used."


def _services(request: Request) -> Services:
    services: Services = request.app.state.services
    return services


def _signature(secret: str, payload: str) -> str:
    return hmac.new(secret.encode(), f"csrf:{payload}".encode(), hashlib.sha256).hexdigest()


def issue_csrf(request: Request) -> str:
    """A fresh signed CSRF token; give it to `html_page(csrf_token=…)` and `csrf_input`."""
    services = _services(request)
    payload = f"{random_token()}.{int(services.clock.now().timestamp())}"
    return f"{payload}.{_signature(services.settings.secret_key, payload)}"


def csrf_input(token: str) -> str:
    """The hidden form field that repeats the cookie's token."""
    return f'<input type="hidden" name="{CSRF_FIELD}" value="{escape(token)}">'


def verify_csrf(request: Request, form: Mapping[str, object]) -> None:
    """Raise `forbidden` unless the form's token equals the cookie's and is validly signed
    and fresh."""
    services = _services(request)
    cookie, field = request.cookies.get(CSRF_COOKIE), form.get(CSRF_FIELD)
    if not cookie or not isinstance(field, str) or not hmac.compare_digest(cookie, field):
        raise RegistrarError("forbidden", detail={"reason": "csrf"})
    payload, _, signature = cookie.rpartition(".")
    expected = _signature(services.settings.secret_key, payload)
    issued = payload.rpartition(".")[2]
    if not hmac.compare_digest(signature, expected) or not issued.isdigit():
        raise RegistrarError("forbidden", detail={"reason": "csrf"})
    age = services.clock.now().timestamp() - int(issued)
    if not 0 <= age <= CSRF_MAX_AGE.total_seconds():
        raise RegistrarError("forbidden", detail={"reason": "csrf"})


async def verified_form(request: Request) -> Mapping[str, object]:
    """The submitted form (small, no files), after `verify_csrf`."""
    form = await request.form(max_files=0, max_fields=MAX_FORM_FIELDS, max_part_size=MAX_FIELD_BYTES)
    verify_csrf(request, form)
    return form


def html_page(
    request: Request,
    title: str,
    content: str,
    *,
    status_code: int = 200,
    csrf_token: str | None = None,
    headers: Mapping[str, str] | None = None,
) -> HTMLResponse:
    """A page in the common layout; `title` is escaped here, `content` must already be.
    With `csrf_token`, also sets the CSRF cookie its form will be checked against."""
    response = HTMLResponse(
        LAYOUT.format(title=escape(title), content=content),
        status_code=status_code,
        headers={**SECURITY_HEADERS, **(headers or {})},
    )
    if csrf_token is not None:
        services = _services(request)
        response.set_cookie(
            CSRF_COOKIE,
            csrf_token,
            max_age=int(CSRF_MAX_AGE.total_seconds()),
            path="/",
            httponly=True,
            samesite="strict",
            secure=request.url.scheme == "https" or services.settings.public_url.startswith("https://"),
        )
    return response


def error_page(request: Request, error: RegistrarError, title: str, message: str) -> HTMLResponse:
    """`message` for the expected failures of the page's action; rate limits and CSRF
    failures get their own explanation."""
    headers = {}
    if error.code == "rate_limited" and error.detail:
        headers["Retry-After"] = str(error.detail["retry_after"])
        message = f"Too many attempts. Try again in {error.detail['retry_after']} seconds."
    elif error.code == "forbidden":
        message = "This form has expired. Open the link from your email again."
    return html_page(request, title, f"<p>{escape(message)}</p>", status_code=error.status, headers=headers)


def _text(form: Mapping[str, object], name: str) -> str:
    value = form.get(name)
    return value if isinstance(value, str) else ""


async def verify_user_page(request: Request) -> HTMLResponse:
    title = "Verify your email address"
    token = request.query_params.get("token", "")
    if not token:
        return html_page(request, title, f"<p>{INVALID_LINK}</p>", status_code=400)
    csrf = issue_csrf(request)
    content = (
        "<p>Confirm that this email address belongs to you.</p>"
        '<form method="post" action="/verify/user">'
        f'<input type="hidden" name="token" value="{escape(token)}">{csrf_input(csrf)}'
        '<button type="submit">Verify my email address</button></form>'
    )
    return html_page(request, title, content, csrf_token=csrf)


async def verify_user_submit(request: Request) -> HTMLResponse:
    title = "Verify your email address"
    try:
        form = await verified_form(request)
        user = await users.verify_email(request_context(request), _text(form, "token"))
    except RegistrarError as error:
        return error_page(request, error, title, INVALID_LINK)
    return html_page(request, "Email address verified", f"<p>{escape(user.email)} is now verified.</p>")


def _reset_form(
    request: Request, token: str, problems: list[str] | None = None, status_code: int = 200
) -> HTMLResponse:
    csrf = issue_csrf(request)
    notes = "".join(f'<p class="problem">Password {escape(text)}.</p>' for text in problems or [])
    content = (
        f"{notes}"
        '<form method="post" action="/reset-password">'
        f'<input type="hidden" name="token" value="{escape(token)}">{csrf_input(csrf)}'
        '<label for="password">New password (at least 12 characters)</label>'
        '<input type="password" id="password" name="password" required minlength="12" '
        'autocomplete="new-password">'
        '<button type="submit">Set new password</button></form>'
    )
    return html_page(request, "Choose a new password", content, status_code=status_code, csrf_token=csrf)


async def reset_password_page(request: Request) -> HTMLResponse:
    token = request.query_params.get("token", "")
    if not token:
        return html_page(request, "Choose a new password", f"<p>{INVALID_LINK}</p>", status_code=400)
    return _reset_form(request, token)


async def reset_password_submit(request: Request) -> HTMLResponse:
    title = "Choose a new password"
    try:
        form = await verified_form(request)
    except RegistrarError as error:
        return error_page(request, error, title, INVALID_LINK)
    token = _text(form, "token")
    try:
        await users.complete_password_reset(request_context(request), token, _text(form, "password"))
    except RegistrarError as error:
        if error.code == "unprocessable_entity" and error.details:
            return _reset_form(request, token, error.details.get("password"), status_code=error.status)
        return error_page(request, error, title, INVALID_LINK)
    return html_page(
        request,
        "Password changed",
        "<p>Your password has been changed and every session signed out. Sign in again with the new password.</p>",
    )


routes = [
    Route("/verify/user", verify_user_page, methods=["GET"]),
    Route("/verify/user", verify_user_submit, methods=["POST"]),
    Route("/reset-password", reset_password_page, methods=["GET"]),
    Route("/reset-password", reset_password_submit, methods=["POST"]),
]
