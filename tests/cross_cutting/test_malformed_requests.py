"""Malformed requests over every route of /openapi.json and over /graphql: never a 5xx, and every
refusal is the error envelope.

The corpus is generated, not sampled: for every operation of the published document it sends
each path parameter, each query parameter and the body spoiled in the ways that used to reach a
500 — JSON nested past Python's recursion limit, NUL bytes and lone surrogates (which PostgreSQL
and UTF-8 refuse), invalid UTF-8, numbers no column holds, numeric and malicious cursors, huge
offsets, unexpected parameters, bodies over the size limit — with and without an
Idempotency-Key. It is deterministic and bounded (a few thousand requests, seconds per
database); the figures are printed with `-s`.
"""

from __future__ import annotations

import base64
import json
import re
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

import httpx
import pytest

from registrar.app import create_app
from registrar.crypto import Encryptor
from registrar.errors import registered_codes
from registrar.rest_compat.http import MAX_BODY_BYTES
from registrar.settings import Settings

DEEP = 5_000
PATH_DEFAULTS = {
    "name": "fuzz.test",
    "handle": "fuzz",
    "tld": "test",
    "id_or_tld": "test",
    "token": "t" * 43,
}
PLACEHOLDER_ID = "00000000-0000-4000-8000-000000000000"
# Percent-encoded, as they travel in a URL: NUL, a lone surrogate's UTF-8 bytes, a byte that
# is no UTF-8 at all, CR LF, and a segment far longer than any identifier.
BAD_PATH_SEGMENTS = ("%00", "a%00b", "%ED%A0%80", "%FF", "%0D%0A", "a" * 3000)
BAD_QUERY_VALUES = (
    "%00",
    "%ED%A0%80",
    "9" * 30,
    "9" * 5000,
    "%C2%B2",  # "²": str.isdigit() says yes, int() says no
    "-1",
    "MTIz",  # base64 of the JSON number 123: a numeric cursor
    base64.urlsafe_b64encode(b"[1,2]").decode().rstrip("="),
    base64.urlsafe_b64encode(b"[" * DEEP + b"]" * DEEP).decode().rstrip("="),
    base64.urlsafe_b64encode(b'["\\u0000","x"]').decode().rstrip("="),
    base64.urlsafe_b64encode(b'["\\ud800","x"]').decode().rstrip("="),
)
BAD_SCALARS_JSON = (
    '"a\\u0000b"',
    '"\\ud800"',
    '"line\\r\\nbreak\\u001b"',
    "1e400",
    "100000000000000000000000",
)
PLAUSIBLE = {
    "email": "fuzz@example.net",
    "phone": "+442071838750",
    "fax": "+442071838750",
    "country_code": "GB",
    "street": ["1 Road"],
    "city": "London",
    "name": "fuzz.test",
    "names": ["fuzz.test"],
    "fqdn": "fuzz.test",
    "nameservers": ["ns1.example.net"],
    "password": "a long enough password 1",
    "redirect_uris": ["https://client.example/cb"],
    "scopes": ["read"],
    "scope": "read",
}
DEEP_BODIES = (
    "[" * DEEP + "]" * DEEP,
    '{"a":' * DEEP + "1" + "}" * DEEP,
)
BROKEN_BODIES: tuple[bytes, ...] = (
    b'{"a": "\xff\xfe"}',
    b"[]",
    b'"text"',
    b"null",
    b"{",
)
ENVELOPE_KEYS = {"error", "detail", "details", "meta"}


@pytest.fixture
def settings(session_dir) -> Settings:
    """Limits high enough that the corpus reaches the handlers instead of a 429."""
    return Settings.from_env(
        {
            "REGISTRAR_DATA_DIR": str(session_dir / "data"),
            "REGISTRAR_SECRET_KEY": "test-secret-key-that-is-long-enough-for-hs256",
            "REGISTRAR_ENCRYPTION_KEY": Encryptor.generate_key(),
            "REGISTRAR_EMBEDDED_SANDBOX": "false",
            "REGISTRAR_RUN_WORKER": "false",
            "REGISTRAR_ACCOUNT_RATE_LIMIT": "1000000",
            "REGISTRAR_TOKEN_RATE_LIMIT": "1000000",
            "REGISTRAR_RESET_EMAIL_RATE_LIMIT": "1000000",
            "REGISTRAR_TOTP_ATTEMPT_LIMIT": "1000000",
            "REGISTRAR_DCR_ENABLED": "true",
        }
    )


@pytest.fixture
async def lenient_client(services) -> AsyncIterator[httpx.AsyncClient]:
    """The app as a server would run it: an exception becomes the 500 it would send."""
    transport = httpx.ASGITransport(app=create_app(services=services), raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        yield http


@dataclass(frozen=True)
class Probe:
    method: str
    url: str
    what: str
    content: bytes | None = None
    headers: dict[str, str] = field(default_factory=dict)
    html_allowed: bool = False


@dataclass(frozen=True)
class Operation:
    method: str
    path: str
    path_params: tuple[str, ...]
    query_params: tuple[str, ...]
    body_fields: tuple[tuple[str, dict[str, Any]], ...]
    has_body: bool
    form: bool
    bearer: bool
    html: bool


def operations(document: dict[str, Any]) -> Iterator[Operation]:
    for path, item in document["paths"].items():
        for method, spec in item.items():
            if method not in {"get", "post", "put", "patch", "delete"}:
                continue
            params = [p for p in spec.get("parameters", []) if "$ref" not in p]
            body = spec.get("requestBody", {}).get("content", {})
            schema = next(iter(body.values()), {}).get("schema", {}) if body else {}
            produces = {media for response in spec["responses"].values() for media in response.get("content", {})}
            yield Operation(
                method=method.upper(),
                path=path,
                path_params=tuple(p["name"] for p in params if p["in"] == "path"),
                query_params=tuple(p["name"] for p in params if p["in"] == "query"),
                body_fields=tuple(schema.get("properties", {}).items()),
                has_body=method in {"post", "put", "patch", "delete"},
                form="application/x-www-form-urlencoded" in body,
                bearer={"bearerAuth": []} in spec.get("security", []),
                html="text/html" in produces,
            )


def fill(operation: Operation, tenant_id: str, override: tuple[str, str] | None = None) -> str:
    path = operation.path
    for name in operation.path_params:
        value = quote(PATH_DEFAULTS.get(name, PLACEHOLDER_ID), safe="")
        if name == "tenant_id":
            value = tenant_id
        if override is not None and override[0] == name:
            value = override[1]
        path = path.replace("{" + name + "}", value)
    return path


def plausible(name: str, schema: dict[str, Any]) -> Any:
    """A value the field would accept, so a spoiled neighbour is what the handler meets."""
    if name in PLAUSIBLE:
        return PLAUSIBLE[name]
    if "enum" in schema:
        return schema["enum"][0]
    kind = schema.get("type", "")
    if isinstance(kind, list):  # a nullable field: ["integer", "null"]
        kind = kind[0]
    return {"integer": 1, "boolean": True, "array": ["fuzz"], "object": {}}.get(kind, "fuzz")


def spoiled_bodies(fields: tuple[tuple[str, dict[str, Any]], ...]) -> Iterator[bytes]:
    """The plausible body with one field at a time replaced by each bad scalar (JSON text, so
    lone surrogates survive), and inside a one-item list where the field is a list."""
    names = fields or (("name", {"type": "string"}),)
    base = {name: plausible(name, schema) for name, schema in names}
    for name, schema in names:
        rest = json.dumps({key: value for key, value in base.items() if key != name})[1:-1]
        for scalar in BAD_SCALARS_JSON:
            value = f"[{scalar}]" if schema.get("type") == "array" else scalar
            yield ("{" + f"{json.dumps(name)}: {value}" + (f", {rest}" if rest else "") + "}").encode()


def form_with(fields: tuple[tuple[str, dict[str, Any]], ...], encoded: str) -> bytes:
    names = [name for name, _ in fields] or ["token"]
    return "&".join(f"{name}={encoded}" for name in names).encode()


def probes_for(operation: Operation, tenant_id: str, token: str) -> Iterator[Probe]:
    auth = {"Authorization": f"Bearer {token}"} if operation.bearer else {}
    yield from url_probes(operation, tenant_id, auth)
    if operation.has_body:
        yield from body_probes(operation, fill(operation, tenant_id), auth)


def url_probes(operation: Operation, tenant_id: str, auth: dict[str, str]) -> Iterator[Probe]:
    base = fill(operation, tenant_id)
    for name in operation.path_params:
        for segment in BAD_PATH_SEGMENTS:
            url = fill(operation, tenant_id, (name, segment))
            yield Probe(operation.method, url, f"path {name}", None, auth, operation.html)
    for name in operation.query_params:
        for value in BAD_QUERY_VALUES:
            yield Probe(operation.method, f"{base}?{name}={value}", f"query {name}", None, auth, operation.html)
    for value in ("1", "%00"):
        yield Probe(operation.method, f"{base}?unexpected={value}", "query unexpected", None, auth, operation.html)


def body_probes(operation: Operation, url: str, auth: dict[str, str]) -> Iterator[Probe]:
    def probe(what: str, content: bytes, headers: dict[str, str]) -> Probe:
        return Probe(operation.method, url, what, content, headers, operation.html)

    def keyed(headers: dict[str, str]) -> dict[str, str]:
        return {**headers, "Idempotency-Key": f"fuzz-{uuid.uuid4()}"}

    json_headers = {**auth, "Content-Type": "application/json"}
    for body in DEEP_BODIES:
        yield probe("deep json body", body.encode(), json_headers)
        yield probe("deep json body + Idempotency-Key", body.encode(), keyed(json_headers))
    for body in spoiled_bodies(operation.body_fields):
        yield probe("json body", body, json_headers)
        if b"\\ud800" in body:  # the request hash re-encodes the body
            yield probe("json body + Idempotency-Key", body, keyed(json_headers))
    for raw in BROKEN_BODIES:
        yield probe("broken body", raw, json_headers)
    if operation.form:
        form_headers = {**auth, "Content-Type": "application/x-www-form-urlencoded"}
        for encoded in ("%00", "%ED%A0%80", "a%0D%0Ab", "%ZZ"):
            yield probe("form body", form_with(operation.body_fields, encoded), form_headers)
    oversize = b'{"a": "' + b"x" * MAX_BODY_BYTES + b'"}'
    yield probe("oversize body", oversize, json_headers)
    yield probe("oversize body + Idempotency-Key", oversize, keyed(json_headers))


GRAPHQL_DOCUMENTS = (
    ("query($x: String) { __typename }", {"x": "a\u0000b"}),
    ("query($x: String) { __typename }", {"x": "\ud800"}),
    ("query($id: ID!) { tenant(id: $id) { name } }", {"id": "a\u0000b"}),
    ("query($id: ID!) { tenant(id: $id) { name } }", {"id": "\ud800"}),
    ('query { tenant(id: "a\\u0000b") { name } }', {}),
    ('query { tenant(id: "\\ud800") { name } }', {}),
    ('query($t: ID!) { tenant(id: $t) { contacts(first: 5, after: "MTIz") { edges { cursor } } } }', None),
    ("query($t: ID!, $c: String) { tenant(id: $t) { domains(first: 5, after: $c) { edges { cursor } } } }", "cursors"),
    ("query($t: ID!, $c: String) { tenant(id: $t) { hosts(first: 5, after: $c) { edges { cursor } } } }", "cursors"),
    ("query($t: ID!, $c: String) { tenant(id: $t) { contacts(first: 5, after: $c) { edges { cursor } } } }", "cursors"),
    ('{ __typename s: __typename @include(if: true) } # "' + "x" * 300_000, {}),
    ("{ __typename }", {"deep": json.loads("[" * 900 + "]" * 900)}),
)
CREATE_CONTACT = """mutation($input: CreateContactInput!) {
  createContact(input: $input) { contact { id } errors { code field message } }
}"""


def graphql_probes(tenant_id: str, token: str) -> Iterator[Probe]:
    auth = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    for query, variables in GRAPHQL_DOCUMENTS:
        if variables == "cursors":
            for cursor in BAD_QUERY_VALUES[6:]:
                body = {"query": query, "variables": {"t": tenant_id, "c": cursor}}
                yield Probe("POST", "/graphql", "graphql cursor", json.dumps(body).encode(), auth)
            continue
        body = {"query": query, "variables": {"t": tenant_id} if variables is None else variables}
        yield Probe("POST", "/graphql", "graphql document", json.dumps(body).encode(), auth)
    for name in ("name", "city", "email", "handle", "phone", "organization"):
        for bad in ("a\u0000b", "\ud800", "a\r\nb", "\u001b[31m"):
            contact = {
                "tenantId": tenant_id,
                "name": "Fuzz",
                "email": "fuzz@example.net",
                "phone": "+442071838750",
                "street": ["1 Road"],
                "city": "London",
                "countryCode": "GB",
                name: bad,
            }
            body = {"query": CREATE_CONTACT, "variables": {"input": contact}}
            yield Probe("POST", "/graphql", f"graphql createContact {name}", json.dumps(body).encode(), auth)
    for raw in (*DEEP_BODIES, *BROKEN_BODIES):
        encoded = raw.encode() if isinstance(raw, str) else raw
        yield Probe("POST", "/graphql", "graphql body", encoded, auth)
    deep_variables = '{"query": "query($x: String) { __typename }", "variables": {"x": ' + DEEP_BODIES[0] + "}}"
    yield Probe("POST", "/graphql", "graphql deep variables", deep_variables.encode(), auth)
    yield Probe("GET", "/graphql?query=%7B__typename%7D&variables=" + quote(DEEP_BODIES[0]), "graphql GET", None, auth)
    yield Probe(
        "GET", "/graphql?query=%7B__typename%7D&variables=%7B%22x%22%3A%22%5Cu0000%22%7D", "graphql GET", None, auth
    )
    oversize = b'{"query": "{ __typename }", "variables": {"a": "' + b"x" * MAX_BODY_BYTES + b'"}}'
    yield Probe("POST", "/graphql", "graphql oversize", oversize, auth)


def envelope_problem(probe: Probe, response: httpx.Response) -> str | None:
    """Why `response` is not an acceptable answer to a malformed request, or None."""
    if response.status_code >= 500:
        return "5xx"
    media = response.headers.get("content-type", "")
    if response.status_code < 400:
        return _masked_graphql_error(probe, response)
    if probe.html_allowed and media.startswith("text/html"):
        return None
    if not media.startswith("application/json"):
        return f"not JSON: {media!r}"
    body = response.json()
    if not isinstance(body, dict) or not isinstance(body.get("error"), str) or not set(body) <= ENVELOPE_KEYS:
        return "not the error envelope"
    if body["error"] not in registered_codes():
        return f"unregistered code {body['error']!r}"
    details = body.get("details", {})
    if not all(
        isinstance(messages, list) and all(isinstance(m, str) for m in messages) for messages in details.values()
    ):
        return "details is not {field: [messages]}"
    return None


def _masked_graphql_error(probe: Probe, response: httpx.Response) -> str | None:
    """A masked GraphQL error is an exception that escaped a resolver: a 500 in disguise."""
    if probe.url.startswith("/graphql") and "Unexpected error" in response.text:
        return "masked GraphQL error (an exception escaped)"
    return None


async def test_no_malformed_request_gets_a_5xx_or_leaves_the_envelope(lenient_client, demo, database_backend):
    # given
    document = (await lenient_client.get("/openapi.json")).json()
    probes = [p for op in operations(document) for p in probes_for(op, demo.tenant_id, demo.token)]
    probes += list(graphql_probes(demo.tenant_id, demo.token))
    failures: list[str] = []
    server_errors = 0
    # when
    for probe in probes:
        response = await lenient_client.request(probe.method, probe.url, content=probe.content, headers=probe.headers)
        problem = envelope_problem(probe, response)
        server_errors += response.status_code >= 500
        if problem is not None:
            text = re.sub(r"\s+", " ", response.text[:200])
            sent = (probe.content or b"")[:60]
            failures.append(
                f"{probe.method} {probe.url[:120]} [{probe.what}] {sent!r} {problem}: {response.status_code} {text}"
            )
    # then
    print(f"\n[{type(database_backend).__name__}] {len(probes)} malformed requests, {server_errors} 5xx")
    assert not failures, f"{len(failures)} of {len(probes)}:\n" + "\n".join(failures[:200])
