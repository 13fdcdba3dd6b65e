"""CSRF protection for every HTML form.

A signed double submit: the page sets a random token in a `SameSite=Strict; HttpOnly` cookie
and repeats it in a hidden field; a POST must bring both, equal, and carrying a valid
HMAC-SHA256 under the secret key (so a cookie planted from a sibling domain is worthless) that
is at most `CSRF_MAX_AGE` old.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping
from datetime import timedelta
from html import escape

from starlette.requests import Request
from starlette.responses import Response

from registrar.context import Services
from registrar.crypto import random_token
from registrar.errors import RegistrarError

CSRF_COOKIE = "registrar_csrf"
CSRF_FIELD = "csrf_token"
CSRF_MAX_AGE = timedelta(hours=2)
MAX_FORM_FIELDS = 10
MAX_FIELD_BYTES = 4096


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


def set_csrf_cookie(request: Request, response: Response, token: str) -> None:
    """The cookie a page's form will be checked against."""
    services = _services(request)
    response.set_cookie(
        CSRF_COOKIE,
        token,
        max_age=int(CSRF_MAX_AGE.total_seconds()),
        path="/",
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https" or services.settings.public_url.startswith("https://"),
    )


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
