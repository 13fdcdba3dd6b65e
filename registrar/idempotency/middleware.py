"""ASGI middleware applying the spec's Idempotency-Key table to mutating REST requests.

| Replay scenario              | Result                                                       |
|------------------------------|--------------------------------------------------------------|
| Same key, same body          | stored response, `Idempotent-Replayed: true`                 |
| Same key, in-flight original | 409 `idempotency_key_in_use`, `detail.in_flight: true`       |
| Same key, different body     | 409 `idempotency_key_in_use`, `detail.in_flight: false`      |
| Malformed key                | 400 `malformed_idempotency_key`                              |
| 5xx (or 429) original        | not stored: the next attempt re-executes                     |

The first execution answers with `Idempotent-Replayed: false`. Requests without the header pass
through untouched, and so does `/graphql`, which is not part of the REST surface.

Scope: a verified bearer credential (JWT or API key) scopes a key to its tenant and to the
SHA-256 of the `Authorization` header; any other `Authorization` (Basic, an invalid token) to
that digest alone; no credential to the client IP. The credential itself is never stored, and
a stored response is only replayed to a caller presenting the same credential (or, when
unauthenticated, from the same IP with the identical body, which carries its own secrets).

Stored responses are kept as they were sent, including one-time secrets some of them carry
(`client_secret`, an API key's `key`, a rotated `auth_code`, tokens from `/oauth/token`): a
replay has to return the same response. Only `STORED_HEADERS` are kept (never `Set-Cookie`),
and nothing here logs a body.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import re

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from registrar.context import RequestContext, Services
from registrar.errors import RegistrarError
from registrar.idempotency.store import (
    StoredResponse,
    claim_key,
    complete_claim,
    release_claim,
)
from registrar.resolvers.auth.authentication import authenticate_bearer

HEADER = "idempotency-key"
REPLAYED_HEADER = "idempotent-replayed"
KEY_PATTERN = re.compile(r"[A-Za-z0-9_\-:.+]{1,200}")
MUTATING_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
EXEMPT_PREFIXES = ("/graphql",)
STORED_HEADERS = frozenset({"content-type", "location", "cache-control", "pragma", "www-authenticate", "link"})
MAX_BODY_BYTES = 1_048_576


def is_valid_key(key: str) -> bool:
    return KEY_PATTERN.fullmatch(key) is not None


def request_hash(method: str, path: str, body: bytes) -> str:
    """SHA-256 of method, path (with query) and the body, JSON canonicalised (sorted keys,
    no insignificant whitespace) so a retry that re-serialises the same object still matches."""
    try:
        canonical = json.dumps(json.loads(body), sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
    except (ValueError, UnicodeDecodeError):
        canonical = body
    digest = hashlib.sha256()
    for part in (method.encode(), b"\n", path.encode(), b"\n", canonical):
        digest.update(part)
    return digest.hexdigest()


async def key_scope(services: Services, headers: Headers, client_ip: str | None) -> str:
    """Tenant + credential digest when the bearer credential verifies; otherwise the digest
    of whatever credential was presented; otherwise the client IP."""
    authorization = headers.get("authorization")
    if not authorization:
        return f"ip:{client_ip or 'unknown'}"
    digest = hashlib.sha256(authorization.encode()).hexdigest()
    if authorization.lower().startswith("bearer "):
        try:
            principal = await authenticate_bearer(RequestContext(services=services), authorization)
        except RegistrarError:
            return f"credential:{digest}"
        return f"tenant:{principal.tenant_id or '-'}:credential:{digest}"
    return f"credential:{digest}"


def _should_store(status: int) -> bool:
    """Retryable outcomes (5xx, 429 with Retry-After) must re-execute on the next attempt."""
    return status < 500 and status != 429


class IdempotencyMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or scope["method"] not in MUTATING_METHODS
            or scope["path"].startswith(EXEMPT_PREFIXES)
        ):
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        key = headers.get(HEADER)
        if key is None:
            await self.app(scope, receive, send)
            return
        if not is_valid_key(key):
            await _send_json(send, RegistrarError("malformed_idempotency_key"))
            return
        body = await _read_body(receive)
        if body is None:  # over the limit: let the handler answer 413, nothing to store
            await self.app(scope, _replay_receive(b""), send)
            return
        services: Services = scope["app"].state.services
        path = scope["path"] + (f"?{scope['query_string'].decode()}" if scope["query_string"] else "")
        client = scope.get("client")
        fingerprint = request_hash(scope["method"], path, body)
        claim = await claim_key(
            services,
            scope=await key_scope(services, headers, client[0] if client else None),
            key=key,
            method=scope["method"],
            path=path,
            request_hash=fingerprint,
        )
        if claim.request_hash != fingerprint:
            await _send_json(send, _key_in_use(in_flight=False))
        elif not claim.won and claim.completed is None:
            await _send_json(send, _key_in_use(in_flight=True))
        elif claim.completed is not None:
            await _send_stored(send, claim.completed, replayed=True)
        else:
            await self._execute(services, claim.record_id, scope, body, send)

    async def _execute(self, services: Services, record_id: str, scope: Scope, body: bytes, send: Send) -> None:
        start: Message | None = None
        chunks: list[bytes] = []

        async def capture(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))

        try:
            await self.app(scope, _replay_receive(body), capture)
        except BaseException:
            await asyncio.shield(release_claim(services, record_id))
            raise
        assert start is not None, "the application sent no response"
        response = StoredResponse(
            status_code=start["status"],
            body=b"".join(chunks),
            headers={
                name.decode().lower(): value.decode()
                for name, value in start.get("headers", [])
                if name.decode().lower() in STORED_HEADERS
            },
        )
        if _should_store(response.status_code) and _is_text(response.body):
            await complete_claim(services, record_id, response)
        else:
            await release_claim(services, record_id)
        raw_headers = [(name, value) for name, value in start.get("headers", []) if name.lower() != b"content-length"]
        await _send(send, response.status_code, raw_headers, response.body, replayed=False)


def _key_in_use(*, in_flight: bool) -> RegistrarError:
    return RegistrarError("idempotency_key_in_use", detail={"in_flight": in_flight})


def _is_text(body: bytes) -> bool:
    try:
        body.decode()
    except UnicodeDecodeError:
        return False
    return True


async def _read_body(receive: Receive) -> bytes | None:
    chunks: list[bytes] = []
    size = 0
    more = True
    while more:
        message = await receive()
        if message["type"] == "http.disconnect":
            break
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            return None
        chunks.append(chunk)
        more = message.get("more_body", False)
    return b"".join(chunks)


def _replay_receive(body: bytes) -> Receive:
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return {"type": "http.disconnect"}

    return receive


async def _send(
    send: Send,
    status: int,
    headers: list[tuple[bytes, bytes]],
    body: bytes,
    *,
    replayed: bool | None,
) -> None:
    """`replayed` is None for the middleware's own refusals, which are neither an original
    execution nor a replay. A 204 or 304 carries no Content-Length, as Starlette does it."""
    all_headers = list(headers)
    if status >= 200 and status not in (204, 304):
        all_headers.append((b"content-length", str(len(body)).encode()))
    if replayed is not None:
        all_headers.append((REPLAYED_HEADER.encode(), b"true" if replayed else b"false"))
    await send({"type": "http.response.start", "status": status, "headers": all_headers})
    await send({"type": "http.response.body", "body": body})


async def _send_stored(send: Send, stored: StoredResponse, *, replayed: bool) -> None:
    headers = [(name.encode(), value.encode()) for name, value in stored.headers.items()]
    await _send(send, stored.status_code, headers, stored.body, replayed=replayed)


async def _send_json(send: Send, error: RegistrarError) -> None:
    body = json.dumps(error.as_envelope()).encode()
    await _send(send, error.status, [(b"content-type", b"application/json")], body, replayed=None)
