"""Whose an Idempotency-Key is: the tenant and the client behind the credential (the OAuth
client and its user, or the API key), never the token string — so a retry after a routine
token refresh replays instead of executing twice — and how long a dead request holds it."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import select

from registrar.idempotency.store import IN_FLIGHT_LEASE, claim_key
from registrar.models import Contact, IdempotencyRecord
from tests.support.factories import contact_body
from tests.support.tenancy import bearer, code_grant, create_client


async def contacts_named(services, handle: str) -> list[Contact]:
    async with services.db.read() as session:
        return list((await session.exec(select(Contact).where(Contact.handle == handle))).all())


async def records(services) -> list[IdempotencyRecord]:
    async with services.db.read() as session:
        return list((await session.exec(select(IdempotencyRecord))).all())


async def refreshed(client, oauth_client, refresh_token: str) -> dict:
    response = await client.post(
        "/oauth/token",
        data={
            "grant_type": "refresh_token",
            "refresh_token": refresh_token,
            "client_id": oauth_client["client_id"],
            "client_secret": oauth_client["client_secret"],
        },
    )
    assert response.status_code == 200, response.text
    return response.json()


async def test_a_retry_with_a_refreshed_token_of_the_same_client_is_replayed_not_executed_again(client, demo, services):
    # given: an original sent with the client's first access token
    oauth_client = await create_client(client, demo)
    tokens = await code_grant(client, demo, oauth_client)
    key = {"Idempotency-Key": "create-jdoe"}
    first = await client.post(
        demo.url("/contacts"), json=contact_body(), headers={**bearer(tokens["access_token"]), **key}
    )
    # when: the token is refreshed before the retry
    renewed = await refreshed(client, oauth_client, tokens["refresh_token"])
    assert renewed["access_token"] != tokens["access_token"]
    again = await client.post(
        demo.url("/contacts"), json=contact_body(), headers={**bearer(renewed["access_token"]), **key}
    )
    # then
    assert first.status_code == 201
    assert (again.status_code, again.headers["idempotent-replayed"]) == (201, "true")
    assert again.json() == first.json()
    assert len(await contacts_named(services, "jdoe")) == 1


async def test_another_client_of_the_same_user_and_tenant_never_receives_a_stored_response(client, demo, services):
    # given: the original through the demo's own client
    key = {"Idempotency-Key": "shared-key"}
    await client.post(demo.url("/contacts"), json=contact_body(), headers={**demo.headers, **key})
    tokens = await code_grant(client, demo, await create_client(client, demo))
    # when: the same user, key and body through another OAuth client
    other = await client.post(
        demo.url("/contacts"), json=contact_body(), headers={**bearer(tokens["access_token"]), **key}
    )
    # then: it executed on its own (the handle is now taken) instead of replaying
    assert (other.status_code, other.headers["idempotent-replayed"]) == (422, "false")
    assert other.json()["details"]["handle"]


async def api_key(client, demo, name: str) -> str:
    response = await client.post(
        demo.url("/api_keys"), json={"name": name, "scopes": ["read", "write"]}, headers=demo.headers
    )
    assert response.status_code == 201, response.text
    return response.json()["data"]["api_key"]


async def test_keys_are_scoped_to_the_api_key_not_to_the_member_who_made_it(client, demo, services):
    # given
    first_key, second_key = await api_key(client, demo, "ci"), await api_key(client, demo, "deploy")
    key = {"Idempotency-Key": "by-api-key"}
    first = await client.post(demo.url("/contacts"), json=contact_body(), headers={**bearer(first_key), **key})
    # when
    same = await client.post(demo.url("/contacts"), json=contact_body(), headers={**bearer(first_key), **key})
    other = await client.post(demo.url("/contacts"), json=contact_body(), headers={**bearer(second_key), **key})
    # then
    assert first.status_code == 201
    assert same.headers["idempotent-replayed"] == "true"
    assert (other.status_code, other.headers["idempotent-replayed"]) == (422, "false")
    scopes = sorted(record.scope for record in await records(services))
    assert all(scope.startswith(f"tenant:{demo.tenant_id}:api_key:") for scope in scopes)
    assert len(set(scopes)) == 2


async def test_the_record_names_tenant_client_and_user_never_the_credential(client, demo, services):
    await client.post(demo.url("/contacts"), json=contact_body(), headers={**demo.headers, "Idempotency-Key": "k"})
    (record,) = await records(services)
    assert record.scope.startswith(f"tenant:{demo.tenant_id}:client:")
    assert ":user:" in record.scope
    assert demo.token not in record.scope and demo.token not in (record.response_body or "")


async def test_an_in_flight_claim_holds_for_two_minutes_only(services, clock):
    # given: a claim whose request never finished (its process was killed)
    claim = {"scope": "ip:127.0.0.1", "key": "dead", "method": "POST", "path": "/x", "request_hash": "h"}
    original = await claim_key(services, **claim)
    start = clock.now()
    try:
        # when
        clock.advance(seconds=119)
        within = await claim_key(services, **claim)
        clock.advance(seconds=2)
        after = await claim_key(services, **claim)
    finally:
        clock.set(start)
    # then
    assert timedelta(minutes=2) == IN_FLIGHT_LEASE
    assert original.won and not within.won and within.completed is None
    assert after.won and after.record_id != original.record_id
