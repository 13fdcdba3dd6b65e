"""`GET/POST /oauth/authorize`: the sign-in page of the authorization-code flow.

With a bearer token the documented JSON answer is returned (`oauth.authorize_json`);
a browser gets a CSRF-protected sign-in form and, once signed in, is redirected to the
client's registered redirect URI with `code` and `state`.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape
from urllib.parse import urlencode, urlsplit, urlunsplit

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from registrar.errors import RegistrarError
from registrar.openapi.schema import HTML, STRING, Operation, Param, data, nullable, obj
from registrar.resolvers.auth import oauth
from registrar.resolvers.auth.sign_in import sign_in
from registrar.rest_compat.endpoints import Endpoint
from registrar.rest_compat.http import request_context
from registrar.rest_compat.oauth import authorize_json
from registrar.rest_compat.pages.csrf import csrf_input, issue_csrf, verify_csrf
from registrar.rest_compat.pages.layout import html_page

OAUTH_FIELDS = (
    "response_type",
    "client_id",
    "redirect_uri",
    "code_challenge",
    "code_challenge_method",
    "scope",
    "tenant_id",
    "state",
)
TAG = "oauth"
TITLE = "Sign in"
AUTHORIZE_PARAMS = tuple(
    Param(name, description)
    for name, description in (
        ("response_type", "Must be `code`."),
        ("client_id", "The registered OAuth client id."),
        ("redirect_uri", "Exactly a registered redirect URI."),
        ("code_challenge", "PKCE S256 challenge."),
        ("code_challenge_method", "Must be `S256`."),
        ("scope", "Space-separated scopes."),
        ("tenant_id", "Tenant of the token to issue."),
        ("state", "Opaque value passed through."),
    )
)
MESSAGES = {
    "invalid_credentials": "The email address or password is not right.",
    "second_factor_required": "Enter the code from your authenticator app (or a recovery code).",
    "access_denied": "Your account has no active membership in this tenant.",
    "rate_limited": "Too many attempts. Wait a few minutes and try again.",
    "forbidden": "This form has expired. Please try again.",
}


def _form_page(
    request: Request,
    params: Mapping[str, object],
    problem: str | None = None,
    status_code: int = 200,
) -> Response:
    token = issue_csrf(request)
    hidden = "".join(
        f'<input type="hidden" name="{name}" value="{escape(str(params[name]))}">'
        for name in OAUTH_FIELDS
        if isinstance(params.get(name), str)
    )
    email = escape(params["email"]) if isinstance(params.get("email"), str) else ""
    content = (
        (f'<p class="problem">{escape(problem)}</p>' if problem else "")
        + '<form method="post" action="/oauth/authorize">'
        + csrf_input(token)
        + hidden
        + f'<label>Email <input type="email" name="email" value="{email}" required autocomplete="username"></label>'
        + '<label>Password <input type="password" name="password" required autocomplete="current-password"></label>'
        + "<label>Authenticator code (if enabled) "
        + '<input type="text" name="otp" inputmode="numeric" autocomplete="one-time-code"></label>'
        + '<button type="submit">Sign in</button></form>'
    )
    return html_page(request, TITLE, content, status_code=status_code, csrf_token=token)


def _bad_request_page(request: Request, error: RegistrarError) -> Response:
    reason = (error.detail or {}).get("reason", error.code.replace("_", " "))
    return html_page(request, "Authorization request refused", f"<p>{escape(str(reason))}</p>", status_code=400)


async def authorize_page(request: Request) -> Response:
    if request.headers.get("authorization"):
        return await authorize_json(request)
    params = dict(request.query_params)
    try:
        await oauth.validate_authorization(
            request_context(request),
            oauth.AuthorizationRequest(**{k: params.get(k) for k in OAUTH_FIELDS}),
        )
    except RegistrarError as error:
        return _bad_request_page(request, error)
    return _form_page(request, params)


def redirect_with(uri: str, values: dict[str, str | None]) -> str:
    parts = urlsplit(uri)
    extra = urlencode({key: value for key, value in values.items() if value is not None})
    query = f"{parts.query}&{extra}" if parts.query else extra
    return urlunsplit((parts.scheme, parts.netloc, parts.path, query, parts.fragment))


async def authorize_submit(request: Request) -> Response:
    ctx = request_context(request)
    try:
        form = await request.form(max_files=0, max_fields=20, max_part_size=4096)
    except Exception:  # python-multipart rejects malformed bodies in many ways
        return _bad_request_page(request, RegistrarError("invalid_request", detail={"reason": "malformed form"}))
    params = {key: value for key, value in form.items() if isinstance(value, str)}
    try:
        grant = await oauth.validate_authorization(
            ctx, oauth.AuthorizationRequest(**{k: params.get(k) for k in OAUTH_FIELDS})
        )
    except RegistrarError as error:
        return _bad_request_page(request, error)
    try:
        verify_csrf(request, form)
        user = await sign_in(ctx, params.get("email"), params.get("password"), params.get("otp"))
        issued = await oauth.issue_authorization_code(ctx, grant, user.id)
    except RegistrarError as error:
        return _form_page(request, params, MESSAGES.get(error.code, "Sign-in failed."), status_code=error.status)
    return RedirectResponse(
        redirect_with(issued.redirect_uri, {"code": issued.code, "state": issued.state}),
        status_code=302,
    )


routes = [
    Endpoint(
        authorize_page,
        Operation(
            "GET",
            "/oauth/authorize",
            "Authorization code + PKCE: JSON `{code, state}` for a bearer caller, else sign-in page",
            response=data(obj({"code": STRING, "state": nullable(STRING)})),
            params=AUTHORIZE_PARAMS,
            auth="none",
            errors=(400, 401, 403),
            media=f"application/json,{HTML}",
            tag=TAG,
        ),
    ),
    Endpoint(
        authorize_submit,
        Operation(
            "POST",
            "/oauth/authorize",
            "Sign-in form: redirects to redirect_uri with the code",
            status=302,
            body=obj(optional={"email": STRING, "password": STRING, "otp": STRING}),
            form=True,
            auth="none",
            errors=(400, 401, 403, 429),
            media=HTML,
            tag=TAG,
        ),
    ),
]
