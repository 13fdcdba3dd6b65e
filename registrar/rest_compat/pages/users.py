"""Server-rendered HTML pages for people following emailed links: `/verify/user` (email
verification) and `/reset-password` (password reset), each a CSRF-protected form."""

from __future__ import annotations

from collections.abc import Mapping
from html import escape

from starlette.requests import Request
from starlette.responses import HTMLResponse

from registrar.errors import RegistrarError
from registrar.openapi.schema import HTML, STRING, Operation, Param, obj
from registrar.resolvers.auth import users
from registrar.rest_compat.endpoints import Endpoint
from registrar.rest_compat.http import request_context
from registrar.rest_compat.pages.csrf import csrf_input, issue_csrf, verified_form
from registrar.rest_compat.pages.layout import error_page, html_page

TAG = "pages"
INVALID_LINK = "This link is invalid, has expired or was already used."
TOKEN_PARAM = (Param("token", "The one-time token from the email link."),)


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
    Endpoint(
        verify_user_page,
        Operation(
            "GET",
            "/verify/user",
            "Email verification page",
            response=STRING,
            params=TOKEN_PARAM,
            auth="none",
            errors=(400,),
            media=HTML,
            tag=TAG,
        ),
    ),
    Endpoint(
        verify_user_submit,
        Operation(
            "POST",
            "/verify/user",
            "Email verification form",
            response=STRING,
            body=obj(optional={"token": STRING}),
            form=True,
            auth="none",
            errors=(400, 403, 422),
            media=HTML,
            tag=TAG,
        ),
    ),
    Endpoint(
        reset_password_page,
        Operation(
            "GET",
            "/reset-password",
            "Password reset page",
            response=STRING,
            params=TOKEN_PARAM,
            auth="none",
            errors=(400,),
            media=HTML,
            tag=TAG,
        ),
    ),
    Endpoint(
        reset_password_submit,
        Operation(
            "POST",
            "/reset-password",
            "Password reset form",
            response=STRING,
            body=obj(optional={"token": STRING, "password": STRING}),
            form=True,
            auth="none",
            errors=(400, 403, 422),
            media=HTML,
            tag=TAG,
        ),
    ),
]
