"""Bodies and documents that are too big, too deep or not what they claim: refused in the error
envelope before anything reads them whole, never a 500 (`registrar/request_guard.py`,
`resolvers/_shared/input_text.py`, `schema/limits.py`)."""

from __future__ import annotations

import base64
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from sqlmodel import select

from registrar.app import create_app
from registrar.models import IdempotencyRecord
from registrar.request_guard import MAX_BODY_BYTES
from tests.support.factories import contact_body
from tests.support.graphql import gql

DEEP_ARRAY = "[" * 5_000 + "]" * 5_000
CHUNK = 65_536


@pytest.fixture
async def lenient_client(services) -> AsyncIterator[httpx.AsyncClient]:
    """An exception in the app answers the 500 a server would send, instead of raising here."""
    transport = httpx.ASGITransport(app=create_app(services=services), raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        yield http


async def idempotency_rows(services) -> list[IdempotencyRecord]:
    async with services.db.read() as session:
        return list((await session.exec(select(IdempotencyRecord))).all())


async def call_raw(services, path: str, headers: dict[str, str], chunks) -> tuple[int, dict[str, Any], int]:
    """Drive the app over raw ASGI with a body streamed from `chunks`; return the status, the
    JSON body and how many chunks the app pulled."""
    app = create_app(services=services)
    pulled = 0
    messages: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        nonlocal pulled
        pulled += 1
        chunk, more = next(chunks)
        return {"type": "http.request", "body": chunk, "more_body": more}

    async def send(message: dict[str, Any]) -> None:
        messages.append(message)

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [(name.lower().encode(), value.encode()) for name, value in headers.items()],
        "client": ("127.0.0.1", 40000),
        "server": ("testserver", 80),
    }
    await app(scope, receive, send)
    status = next(message["status"] for message in messages if message["type"] == "http.response.start")
    body = b"".join(message.get("body", b"") for message in messages if message["type"] == "http.response.body")
    return status, httpx.Response(status, content=body).json(), pulled


def never_read():
    raise AssertionError("the body was read")
    yield  # pragma: no cover


def four_mebibytes():
    """A streamed body four times over the limit, in 64 KiB chunks."""
    total = 4 * MAX_BODY_BYTES // CHUNK
    for index in range(1, total + 1):
        yield b"x" * CHUNK, index < total


ROUTES = ("/graphql", "/oauth/token", "/api/v1/users/reset_password", "/api/v1/tenants/{tenant}/contacts")


@pytest.mark.parametrize("route", ROUTES)
async def test_a_declared_length_over_the_limit_is_refused_before_the_body_is_read(services, demo, route):
    # given
    headers = {"content-type": "application/json", "content-length": str(MAX_BODY_BYTES + 1), **demo.headers}
    # when
    status, body, pulled = await call_raw(services, route.format(tenant=demo.tenant_id), headers, never_read())
    # then
    assert status == 413
    assert body["error"] == "payload_too_large"
    assert pulled == 0


@pytest.mark.parametrize("route", ROUTES)
async def test_a_chunked_body_is_refused_as_soon_as_it_passes_the_limit(services, demo, route):
    # given: no Content-Length, and a body four times the limit
    headers = {"content-type": "application/json", "transfer-encoding": "chunked", **demo.headers}
    # when
    status, body, pulled = await call_raw(services, route.format(tenant=demo.tenant_id), headers, four_mebibytes())
    # then
    assert status == 413
    assert body["error"] == "payload_too_large"
    assert pulled == MAX_BODY_BYTES // CHUNK + 1


async def test_an_oversized_body_with_an_idempotency_key_is_413_in_the_envelope(lenient_client, demo, services):
    # given
    body = {**contact_body(), "name": "x" * MAX_BODY_BYTES}
    # when
    response = await lenient_client.post(
        demo.url("/contacts"), json=body, headers={**demo.headers, "Idempotency-Key": "too-big"}
    )
    # then
    assert response.status_code == 413
    assert response.json()["error"] == "payload_too_large"
    assert await idempotency_rows(services) == []


async def test_json_nested_past_the_recursion_limit_is_a_400(lenient_client, demo):
    response = await lenient_client.post(
        demo.url("/contacts"), content=DEEP_ARRAY, headers={**demo.headers, "content-type": "application/json"}
    )
    assert response.status_code == 400
    assert response.json() == {"error": "bad_request", "detail": {"reason": "body is nested deeper than 32 levels"}}


async def test_deep_json_with_an_idempotency_key_is_hashed_and_refused_not_a_500(lenient_client, demo, services):
    # when: the middleware hashes the body before the handler parses it
    response = await lenient_client.post(
        demo.url("/contacts"),
        content=DEEP_ARRAY,
        headers={**demo.headers, "content-type": "application/json", "Idempotency-Key": "deep"},
    )
    # then
    assert response.status_code == 400
    assert response.json()["error"] == "bad_request"
    assert [row.status_code for row in await idempotency_rows(services)] == [400]


async def test_numbers_no_column_holds_are_a_400(lenient_client, demo):
    for number in ("1e400", "NaN", "100000000000000000000000"):
        response = await lenient_client.post(
            demo.url("/api_keys"),
            content=f'{{"name": "ci", "scopes": ["read"], "expires_in_days": {number}}}',
            headers={**demo.headers, "content-type": "application/json"},
        )
        assert response.status_code == 400, number
        assert response.json()["error"] == "bad_request"


async def test_graphql_variables_nested_past_the_recursion_limit_are_a_400_in_the_envelope(lenient_client, demo):
    body = '{"query": "query($x: String) { __typename }", "variables": {"x": ' + DEEP_ARRAY + "}}"
    response = await lenient_client.post(
        "/graphql", content=body, headers={**demo.headers, "content-type": "application/json"}
    )
    assert response.status_code == 400
    assert response.json()["error"] == "bad_request"


@pytest.mark.parametrize("body", [b"{", b'"text"', b"null", b'{"query": "{ __typename }", "x": "\xff"}', b"[]"])
async def test_graphql_transport_refusals_are_the_error_envelope(lenient_client, demo, body):
    response = await lenient_client.post(
        "/graphql", content=body, headers={**demo.headers, "content-type": "application/json"}
    )
    assert response.status_code == 400
    assert response.headers["content-type"] == "application/json"
    assert response.json()["error"] == "bad_request"


async def test_a_graphql_document_is_bounded_in_bytes_as_well_as_tokens(client, demo):
    # given: a handful of tokens and a comment of 70 kB
    document = "{ __typename } # " + "x" * 70_000
    # when
    body = await gql(client, demo, document)
    # then
    assert body["errors"][0]["extensions"]["code"] == "payload_too_large"
    assert "data" not in body or body["data"] is None


def b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


@pytest.mark.parametrize(
    "cursor",
    [b64(b"123"), b64(b"[1,2]"), b64(b'["\\u0000","x"]'), b64(b'["\\ud800","x"]'), b64(DEEP_ARRAY.encode())],
    ids=["number", "numbers", "nul", "surrogate", "deep"],
)
@pytest.mark.parametrize("listing", ["/contacts", "/domains", "/hosts"])
async def test_a_cursor_that_is_not_two_strings_is_a_422(lenient_client, demo, listing, cursor):
    response = await lenient_client.get(demo.url(listing), params={"cursor": cursor}, headers=demo.headers)
    assert response.status_code == 422
    assert response.json() == {"error": "unprocessable_entity", "details": {"cursor": ["is invalid"]}}


@pytest.mark.parametrize("offset", ["9" * 30, "9" * 5_000, "²", "-1"])
async def test_a_huge_or_non_ascii_offset_is_a_422(lenient_client, demo, offset):
    response = await lenient_client.get(demo.url("/domains"), params={"offset": offset}, headers=demo.headers)
    assert response.status_code == 422
    assert response.json()["details"]["offset"]


@pytest.mark.parametrize("days", ["9" * 40, "²"])
async def test_a_huge_or_non_ascii_day_count_is_a_422(lenient_client, demo, days):
    response = await lenient_client.get(
        demo.url("/domains"), params={"expires_within_days": days}, headers=demo.headers
    )
    assert response.status_code == 422
    assert response.json()["details"]["expires_within_days"]


async def test_an_unexpected_query_parameter_on_oauth_authorize_is_ignored_not_a_500(lenient_client, demo):
    """RFC 6749 §3.1: the authorization server MUST ignore unrecognized request parameters."""
    # given
    params = {"response_type": "code", "client_id": "no-such-client", "unexpected": "1"}
    # when
    response = await lenient_client.get("/oauth/authorize", params=params, headers=demo.headers)
    # then: refused for the unknown client, as without the extra parameter
    assert response.status_code == 400
    assert response.json()["error"] in ("invalid_request", "invalid_client")
