"""The idempotency middleware around small handlers whose timing and outcome the test controls:
an original held in flight, 5xx and 429 originals, a 204 with no body, a handler that raises."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass, field

import httpx
import pytest
from sqlmodel import select
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from registrar.idempotency import IdempotencyMiddleware
from registrar.models import IdempotencyRecord

KEY = {"Idempotency-Key": "fixed-key"}


@dataclass
class Script:
    """What the handlers answer, and how often they ran."""

    statuses: list[int] = field(default_factory=list)
    calls: int = 0
    release: asyncio.Event = field(default_factory=asyncio.Event)
    entered: asyncio.Event = field(default_factory=asyncio.Event)


@pytest.fixture
async def script_client(services) -> AsyncIterator[tuple[httpx.AsyncClient, Script]]:
    script = Script()

    async def scripted(request: Request) -> Response:
        script.calls += 1
        status = script.statuses.pop(0)
        return JSONResponse({"call": script.calls}, status_code=status)

    async def held(request: Request) -> Response:
        script.calls += 1
        script.entered.set()
        await script.release.wait()
        return JSONResponse({"call": script.calls}, status_code=201)

    async def empty(request: Request) -> Response:
        script.calls += 1
        return Response(status_code=204)

    async def broken(request: Request) -> Response:
        script.calls += 1
        raise RuntimeError("handler bug")

    app = Starlette(
        routes=[
            Route("/scripted", scripted, methods=["POST"]),
            Route("/held", held, methods=["POST"]),
            Route("/empty", empty, methods=["DELETE"]),
            Route("/broken", broken, methods=["POST"]),
        ],
        middleware=[Middleware(IdempotencyMiddleware)],
    )
    app.state.services = services
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        yield http, script


async def stored_rows(services) -> list[IdempotencyRecord]:
    async with services.db.read() as session:
        return list((await session.exec(select(IdempotencyRecord))).all())


async def test_a_duplicate_of_an_in_flight_original_is_refused_with_in_flight_true(script_client):
    http, script = script_client
    # given: the original is inside its handler
    original = asyncio.create_task(http.post("/held", json={"a": 1}, headers=KEY))
    await script.entered.wait()
    # when
    duplicate = await http.post("/held", json={"a": 1}, headers=KEY)
    script.release.set()
    first = await original
    # then
    assert duplicate.status_code == 409
    assert duplicate.json() == {"error": "idempotency_key_in_use", "detail": {"in_flight": True}}
    assert first.status_code == 201
    assert script.calls == 1


async def test_a_5xx_original_is_not_stored_and_the_retry_executes(script_client, services):
    http, script = script_client
    script.statuses = [503, 201]
    # when
    failed = await http.post("/scripted", json={}, headers=KEY)
    rows_after_failure = await stored_rows(services)
    retried = await http.post("/scripted", json={}, headers=KEY)
    # then
    assert failed.status_code == 503
    assert failed.headers["idempotent-replayed"] == "false"
    assert rows_after_failure == []
    assert (retried.status_code, retried.json()) == (201, {"call": 2})
    assert retried.headers["idempotent-replayed"] == "false"


async def test_a_429_original_is_not_stored_so_the_retry_after_executes(script_client, services):
    http, script = script_client
    script.statuses = [429, 200]
    assert (await http.post("/scripted", json={}, headers=KEY)).status_code == 429
    assert await stored_rows(services) == []
    assert (await http.post("/scripted", json={}, headers=KEY)).json() == {"call": 2}


async def test_a_204_is_replayed_with_an_empty_body(script_client, services):
    http, script = script_client
    # when
    first = await http.delete("/empty", headers=KEY)
    again = await http.delete("/empty", headers=KEY)
    # then
    assert (first.status_code, again.status_code) == (204, 204)
    assert (first.content, again.content) == (b"", b"")
    assert "content-length" not in again.headers
    assert again.headers["idempotent-replayed"] == "true"
    assert script.calls == 1
    (row,) = await stored_rows(services)
    assert (row.state, row.status_code) == ("completed", 204)
    assert services.encryptor.decrypt(row.response_body) == ""


async def test_a_handler_that_raises_leaves_no_claim_behind(script_client, services):
    http, script = script_client
    # when
    first = await http.post("/broken", json={}, headers=KEY)
    second = await http.post("/broken", json={}, headers=KEY)
    # then
    assert (first.status_code, second.status_code) == (500, 500)
    assert script.calls == 2
    assert await stored_rows(services) == []


async def test_a_lapsed_in_flight_lease_frees_the_key(script_client, services, clock):
    http, script = script_client
    # given: an original that never finished (its process died)
    original = asyncio.create_task(http.post("/held", json={}, headers=KEY))
    await script.entered.wait()
    clock.advance(minutes=11)
    try:
        script.statuses = [200]
        # when
        retried = await http.post("/scripted", json={}, headers=KEY)
    finally:
        clock.advance(minutes=-11)
        script.release.set()
        await original
    # then: the retry is a new request (another path), not a conflict with the dead claim
    assert retried.status_code == 200
    assert retried.headers["idempotent-replayed"] == "false"
