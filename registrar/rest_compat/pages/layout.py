"""The common layout of every HTML page: plain HTML with no external assets; pages forbid
framing and referrers, since their URLs carry one-time tokens."""

from __future__ import annotations

from collections.abc import Mapping
from html import escape

from starlette.requests import Request
from starlette.responses import HTMLResponse

from registrar.errors import RegistrarError
from registrar.rest_compat.pages.csrf import set_csrf_cookie

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
        set_csrf_cookie(request, response, csrf_token)
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
