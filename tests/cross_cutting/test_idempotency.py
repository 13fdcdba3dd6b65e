"""Idempotency-Key over the real app: the spec's replay table, scopes, rows and expiry."""

from __future__ import annotations

import asyncio
import json

from sqlmodel import select

from registrar.bootstrap import mint_demo_token
from registrar.idempotency import purge_expired_idempotency_records
from registrar.models import Contact, IdempotencyRecord
from tests.support.factories import contact_body


def keyed(demo, key: str, token: str | None = None) -> dict[str, str]:
    return {"Authorization": f"Bearer {token or demo.token}", "Idempotency-Key": key}


async def contacts_named(services, handle: str) -> list[Contact]:
    async with services.db.read() as session:
        return list((await session.exec(select(Contact).where(Contact.handle == handle))).all())


async def records(services) -> list[IdempotencyRecord]:
    async with services.db.read() as session:
        return list((await session.exec(select(IdempotencyRecord))).all())


async def test_same_key_and_body_replays_the_stored_response_without_executing_again(client, demo, services):
    # given
    first = await client.post(demo.url("/contacts"), json=contact_body(), headers=keyed(demo, "k-1"))
    # when
    again = await client.post(demo.url("/contacts"), json=contact_body(), headers=keyed(demo, "k-1"))
    # then
    assert first.status_code == 201
    assert first.headers["idempotent-replayed"] == "false"
    assert again.status_code == 201
    assert again.headers["idempotent-replayed"] == "true"
    assert again.headers["content-type"] == first.headers["content-type"]
    assert again.json() == first.json()
    assert len(await contacts_named(services, "jdoe")) == 1


async def test_a_reserialised_identical_body_is_the_same_request(client, demo):
    # given
    body = contact_body()
    await client.post(demo.url("/contacts"), json=body, headers=keyed(demo, "k-json"))
    reordered = json.dumps(dict(reversed(list(body.items()))), indent=2)
    # when
    again = await client.post(
        demo.url("/contacts"),
        content=reordered,
        headers={**keyed(demo, "k-json"), "content-type": "application/json"},
    )
    # then
    assert again.status_code == 201
    assert again.headers["idempotent-replayed"] == "true"


async def test_same_key_with_a_different_body_is_refused_as_conflicting_reuse(client, demo, services):
    # given
    await client.post(demo.url("/contacts"), json=contact_body(), headers=keyed(demo, "k-2"))
    # when
    other = await client.post(demo.url("/contacts"), json=contact_body(handle="other"), headers=keyed(demo, "k-2"))
    # then
    assert other.status_code == 409
    assert other.json() == {"error": "idempotency_key_in_use", "detail": {"in_flight": False}}
    assert "idempotent-replayed" not in other.headers
    assert await contacts_named(services, "other") == []


async def test_same_key_on_another_path_is_conflicting_reuse(client, demo):
    await client.post(demo.url("/contacts"), json=contact_body(), headers=keyed(demo, "k-path"))
    other = await client.post(
        demo.url("/quotes"),
        json={"fqdn": "a.test", "operation": "register"},
        headers=keyed(demo, "k-path"),
    )
    assert other.status_code == 409
    assert other.json()["error"] == "idempotency_key_in_use"


async def test_malformed_keys_are_refused_before_anything_executes(client, demo, services):
    for key in ("", "has space", "slash/", "semi;colon", "star*", "x" * 201):
        # when
        response = await client.post(demo.url("/contacts"), json=contact_body(), headers=keyed(demo, key))
        # then
        assert response.status_code == 400, key
        assert response.json() == {"error": "malformed_idempotency_key"}
    assert await contacts_named(services, "jdoe") == []
    assert await records(services) == []


async def test_a_key_of_200_allowed_characters_is_accepted(client, demo):
    key = ("Az09_-:.+" * 23)[:200]
    response = await client.post(demo.url("/contacts"), json=contact_body(), headers=keyed(demo, key))
    assert response.status_code == 201
    assert response.headers["idempotent-replayed"] == "false"


async def test_another_token_of_the_same_client_and_user_receives_the_stored_response(client, demo, services):
    # given
    await client.post(demo.url("/contacts"), json=contact_body(), headers=keyed(demo, "k-3"))
    second_token = await mint_demo_token(services)
    # when: same tenant, client and user, same key and body, another token
    again = await client.post(demo.url("/contacts"), json=contact_body(), headers=keyed(demo, "k-3", second_token))
    # then: a retry, not a second execution (other clients: test_idempotency_scope.py)
    assert (again.status_code, again.headers["idempotent-replayed"]) == (201, "true")
    assert len(await contacts_named(services, "jdoe")) == 1


async def test_the_record_never_holds_the_credential(client, demo, services):
    await client.post(demo.url("/contacts"), json=contact_body(), headers=keyed(demo, "k-4"))
    (record,) = await records(services)
    assert record.scope.startswith(f"tenant:{demo.tenant_id}:client:")
    assert demo.token not in json.dumps(record.model_dump(mode="json"))
    assert (record.state, record.status_code, record.method) == ("completed", 201, "POST")
    assert record.response_headers == {"content-type": "application/json"}


async def test_requests_without_a_key_are_not_recorded(client, demo, services):
    response = await client.post(demo.url("/contacts"), json=contact_body(), headers=demo.headers)
    assert response.status_code == 201
    assert "idempotent-replayed" not in response.headers
    assert await records(services) == []


async def test_client_errors_are_stored_and_replayed(client, demo, services):
    # given: a 422 original
    bad = contact_body(phone="+15554545")
    first = await client.post(demo.url("/contacts"), json=bad, headers=keyed(demo, "k-422"))
    # when
    again = await client.post(demo.url("/contacts"), json=bad, headers=keyed(demo, "k-422"))
    # then
    assert (first.status_code, again.status_code) == (422, 422)
    assert again.headers["idempotent-replayed"] == "true"
    assert again.json() == first.json()


async def test_unauthenticated_calls_are_scoped_by_ip(client, services):
    body = {"email": "nobody@example.net"}
    first = await client.post("/api/v1/users/reset_password", json=body, headers={"Idempotency-Key": "k-ip"})
    again = await client.post("/api/v1/users/reset_password", json=body, headers={"Idempotency-Key": "k-ip"})
    assert again.status_code == first.status_code
    assert again.headers["idempotent-replayed"] == "true"
    (record,) = await records(services)
    assert record.scope == "ip:127.0.0.1"


async def test_graphql_is_not_part_of_the_rest_idempotency_surface(client, demo, services):
    response = await client.post("/graphql", json={"query": "{ __typename }"}, headers=keyed(demo, "not a valid key"))
    assert response.status_code == 200
    assert await records(services) == []


async def test_two_concurrent_duplicates_execute_exactly_once(client, demo, services):
    # when
    responses = await asyncio.gather(
        *(client.post(demo.url("/contacts"), json=contact_body(), headers=keyed(demo, "k-race")) for _ in range(2))
    )
    # then
    statuses = sorted(response.status_code for response in responses)
    assert statuses in ([201, 201], [201, 409])
    if statuses == [201, 409]:
        refused = next(response for response in responses if response.status_code == 409)
        assert refused.json() == {"error": "idempotency_key_in_use", "detail": {"in_flight": True}}
    else:
        assert sorted(r.headers["idempotent-replayed"] for r in responses) == ["false", "true"]
    assert len(await contacts_named(services, "jdoe")) == 1


async def test_after_24_hours_the_key_executes_afresh_and_the_worker_purges_the_row(client, demo, services, clock):
    # given
    token = await mint_demo_token(services, ttl_seconds=3 * 86_400)
    await client.post(demo.url("/contacts"), json=contact_body(), headers=keyed(demo, "k-old", token))
    clock.advance(hours=24, seconds=1)
    try:
        # when
        purged = await purge_expired_idempotency_records(services)
        again = await client.post(demo.url("/contacts"), json=contact_body(), headers=keyed(demo, "k-old", token))
    finally:
        clock.advance(hours=-24, seconds=-1)
    # then
    assert purged == 1
    assert again.status_code == 422
    assert again.headers["idempotent-replayed"] == "false"
