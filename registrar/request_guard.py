"""The outermost layer of every HTTP request (REST, pages, `/graphql`): refuse what no handler
should have to read, in the error envelope, before anything else runs.

- **Size.** A body over `MAX_BODY_BYTES` is refused before it is read: 413 `payload_too_large`
  from `Content-Length` up front, or — a streamed (chunked) body has none — as soon as the bytes
  received pass the limit, without reading the rest. A body within the limit is buffered and
  handed on unchanged, so the idempotency middleware and the handlers read it as sent.
- **URL.** A path holding a control character is 400 `bad_request`; a query parameter holding
  NUL, another control character or invalid Unicode is 422 `unprocessable_entity` with
  `details` by parameter name.
- **Form bodies** (`application/x-www-form-urlencoded`, `multipart/form-data`: the OAuth
  endpoints and the HTML pages) get the same 422 by field name. JSON bodies are checked where
  they are parsed (`rest_compat/http.py::json_body`, the GraphQL view), which know the fields.

The rules for text are `resolvers/_shared/input_text.py`'s. Because this runs before the
idempotency middleware, a refused request claims no key and stores nothing.
"""

from __future__ import annotations

from urllib.parse import parse_qsl

from starlette.datastructures import Headers
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from registrar.errors import RegistrarError
from registrar.resolvers._shared.input_text import check_text_pairs, is_single_line_text

MAX_BODY_BYTES = 1_048_576
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


class BodyTooLarge(Exception):
    """The body passed `MAX_BODY_BYTES` while it was being received."""


class RequestGuardMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        try:
            check_url(scope)
            if declared_length(headers) > MAX_BODY_BYTES:
                raise RegistrarError("payload_too_large", detail={"limit_bytes": MAX_BODY_BYTES})
            body = await read_body(receive)
            if body is None:  # the client went away mid-body: nobody to answer
                return
            if headers.get("content-type", "").split(";")[0].strip().lower() in FORM_TYPES:
                await check_form(scope, body)
        except BodyTooLarge:
            await _refuse(scope, send, RegistrarError("payload_too_large", detail={"limit_bytes": MAX_BODY_BYTES}))
            return
        except RegistrarError as error:
            await _refuse(scope, send, error)
            return
        await self.app(scope, replay(body, receive), send)


def check_url(scope: Scope) -> None:
    if not is_single_line_text(scope["path"]):
        raise RegistrarError("bad_request", detail={"reason": "the URL path holds control characters"})
    query = scope.get("query_string", b"").decode("latin-1")
    check_text_pairs(parse_qsl(query, keep_blank_values=True), whole="query")


def declared_length(headers: Headers) -> int:
    raw = headers.get("content-length", "")
    return int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 19 else 0


async def read_body(receive: Receive) -> bytes | None:
    """The whole body, counting as it streams in; `BodyTooLarge` past the limit, None when
    the client disconnects first."""
    chunks: list[bytes] = []
    size = 0
    more = True
    while more:
        message = await receive()
        if message["type"] == "http.disconnect":
            return None
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            raise BodyTooLarge
        chunks.append(chunk)
        more = message.get("more_body", False)
    return b"".join(chunks)


async def check_form(scope: Scope, body: bytes) -> None:
    """Form fields by name; a form the parser refuses is left to the handler's own 400."""
    try:
        form = await Request(scope, replay(body, _no_more)).form()
    except Exception:  # python-multipart refuses malformed bodies in many ways
        return
    try:
        check_text_pairs([(name, value) for name, value in form.multi_items() if isinstance(value, str)], whole="body")
    finally:
        await form.close()


def replay(body: bytes, receive: Receive) -> Receive:
    """The buffered body as one message, then the client's own messages (a disconnect)."""
    sent = False

    async def replayed() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replayed


async def _no_more() -> Message:
    return {"type": "http.disconnect"}


async def _refuse(scope: Scope, send: Send, error: RegistrarError) -> None:
    await JSONResponse(error.as_envelope(), status_code=error.status)(scope, _no_more, send)
