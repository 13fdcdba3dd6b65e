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

Scope: a verified bearer credential scopes a key to its tenant and to the client behind it,
not to the token string, so a retry after a routine token refresh is still a retry: an OAuth
token to its client (`client_id`) and the user it acts for, if any; an API key to the key's
id; a token of neither to its user. Any other `Authorization` (Basic, an invalid token) scopes
a key to the SHA-256 of that header; no credential to the client IP. The credential itself is
never stored.

Stored responses are replayed as they were sent, including one-time secrets some of them
carry (`client_secret`, an API key's `key`, a rotated `auth_code`, tokens from
`/oauth/token`), so every stored body is encrypted at rest (`services.encryptor`, see
`store.py`). Only `STORED_HEADERS` are kept (never `Set-Cookie`), the stored path has its
secrets redacted, and nothing here logs a body. A body over the limit is 413
`payload_too_large` in the envelope (the request guard in front refuses it first).
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import re

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from registrar.context import Principal, RequestContext, Services
from registrar.errors import RegistrarError
from registrar.idempotency.store import (
    StoredResponse,
    claim_key,
    complete_claim,
    release_claim,
)
from registrar.request_guard import MAX_BODY_BYTES
from registrar.resolvers._shared.input_text import MalformedJson, load_json
from registrar.resolvers.auth.authentication import authenticate_bearer
from registrar.resolvers.auth.guard import is_api_key

HEADER = "idempotency-key"
REPLAYED_HEADER = "idempotent-replayed"
KEY_PATTERN = re.compile(r"[A-Za-z0-9_\-:.+]{1,200}")
MUTATING_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
EXEMPT_PREFIXES = ("/graphql",)
STORED_HEADERS = frozenset(
    {"content-type", "location", "cache-control", "pragma", "www-authenticate", "link", "retry-after"}
)
REQUEST_KEY_STATE = "request_key"


def is_valid_key(key: str) -> bool:
    return KEY_PATTERN.fullmatch(key) is not None


def request_hash(method: str, path: str, body: bytes) -> str:
    """SHA-256 of method, path (with query) and the body, JSON canonicalised (sorted keys,
    no insignificant whitespace) so a retry that re-serialises the same object still matches.
    A body that is not JSON (or too deep to parse) is hashed as sent; a lone surrogate is
    hashed as its code point, never an error."""
    try:
        canonical = json.dumps(load_json(body), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    except MalformedJson:
        canonical_bytes = body
    else:
        canonical_bytes = canonical.encode("utf-8", "surrogatepass")
    digest = hashlib.sha256()
    for part in (method.encode(), b"\n", path.encode("utf-8", "surrogatepass"), b"\n", canonical_bytes):
        digest.update(part)
    return digest.hexdigest()


async def key_scope(services: Services, headers: Headers, client_ip: str | None) -> str:
    """Tenant + client when the bearer credential verifies (`principal_scope`); otherwise the
    digest of whatever credential was presented; otherwise the client IP."""
    authorization = headers.get("authorization")
    if not authorization:
        return f"ip:{client_ip or 'unknown'}"
    digest = hashlib.sha256(authorization.encode()).hexdigest()
    if authorization.lower().startswith("bearer "):
        try:
            principal = await authenticate_bearer(RequestContext(services=services), authorization)
        except RegistrarError:
            return f"credential:{digest}"
        return f"tenant:{principal.tenant_id or '-'}:{principal_scope(principal)}"
    return f"credential:{digest}"


def principal_scope(principal: Principal) -> str:
    """What stays the same across a token refresh: the API key (`api_key:<id>`, its jti), or
    the OAuth client and the user it acts for, or the user alone for a token of no client."""
    if is_api_key(principal):
        return principal.jti
    parts = []
    if principal.client_id:
        parts.append(f"client:{principal.client_id}")
    if principal.user_id:
        parts.append(f"user:{principal.user_id}")
    return ":".join(parts) or f"token:{principal.jti}"


def request_key(key_owner: str, key: str) -> str:
    """What the operations journal records of a keyed request (`RequestContext.request_key`),
    so a retry after a crash finds the registry operation its first attempt opened."""
    return hashlib.sha256(f"{key_owner}\n{key}".encode()).hexdigest()


def _should_store(response: StoredResponse) -> bool:
    """Retryable outcomes (5xx, 429, anything that says Retry-After, such as a 409
    `operation_pending`) must re-execute on the next attempt."""
    return response.status_code < 500 and response.status_code != 429 and "retry-after" not in response.headers


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
        if body is None:  # over the limit: refused in the envelope, nothing claimed or stored
            await _send_json(send, RegistrarError("payload_too_large", detail={"limit_bytes": MAX_BODY_BYTES}))
            return
        services: Services = scope["app"].state.services
        query = scope["query_string"].decode("utf-8", "replace")
        path = scope["path"] + (f"?{query}" if query else "")
        client = scope.get("client")
        fingerprint = request_hash(scope["method"], path, body)
        key_owner = await key_scope(services, headers, client[0] if client else None)
        claim = await claim_key(
            services,
            scope=key_owner,
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
            scope.setdefault("state", {})[REQUEST_KEY_STATE] = request_key(key_owner, key)
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
        if _should_store(response) and _is_text(response.body):
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
