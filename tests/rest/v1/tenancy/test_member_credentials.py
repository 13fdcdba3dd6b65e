"""Removing or deactivating a member, and suspending a tenant, revoke the credentials held in
it: access tokens, signed-in sessions (refresh families) and API keys. Nothing comes back when
the member is let in again."""

from __future__ import annotations

from dataclasses import dataclass

from registrar.bootstrap import DEMO_SLUG
from registrar.context import RequestContext
from registrar.resolvers.operator.guard import cli_operator
from registrar.resolvers.operator.tenants import set_tenant_status
from tests.support.credentials import access_token, api_key, refresh, seat_member, signed_in_session
from tests.support.tenancy import bearer, client_credentials_token, create_client

EMAIL = "colleague@example.net"


@dataclass(frozen=True)
class Held:
    token: str
    key: str
    session_access: str
    session_refresh: str


async def held_by_admin(client, demo, services, oauth_client) -> tuple[str, Held]:
    """An admin of the demo tenant with a token, an API key and a signed-in session."""
    user_id = await seat_member(client, demo.tenant_id, demo.headers, services, EMAIL, "admin")
    token = await access_token(services, demo.tenant_id, user_id)
    key = await api_key(client, demo.tenant_id, bearer(token), ["read", "write"])
    session_access, session_refresh = await signed_in_session(services, oauth_client, demo.tenant_id, user_id)
    held = Held(token, key, session_access, session_refresh)
    for credential in (held.token, held.key, held.session_access):
        assert (await client.get(demo.url("/domains"), headers=bearer(credential))).status_code == 200
    return user_id, held


async def assert_all_dead(client, demo, oauth_client, held: Held) -> None:
    for credential in (held.token, held.key, held.session_access):
        answer = await client.get(demo.url("/domains"), headers=bearer(credential))
        assert (answer.status_code, answer.json()) == (401, {"error": "unauthorized"})
    refreshed = await refresh(client, oauth_client, held.session_refresh)
    assert refreshed.status_code == 400 and refreshed.json() == {"error": "invalid_grant"}


async def test_removing_a_member_revokes_their_credentials_and_a_new_invitation_restores_none(client, demo, services):
    # given an admin holding a token, an API key and a session
    oauth_client = await create_client(client, demo)
    user_id, held = await held_by_admin(client, demo, services, oauth_client)
    # when the admin is removed, then invited back as a plain member
    assert (await client.delete(demo.url(f"/members/{user_id}"), headers=demo.headers)).status_code == 204
    assert await seat_member(client, demo.tenant_id, demo.headers, services, EMAIL, "member") == user_id
    # then nothing held before works again
    await assert_all_dead(client, demo, oauth_client, held)


async def test_deactivating_a_member_revokes_their_credentials_for_good(client, demo, services):
    # given an admin holding a token, an API key and a session
    oauth_client = await create_client(client, demo)
    user_id, held = await held_by_admin(client, demo, services, oauth_client)
    # when the admin is deactivated, then activated again
    assert (await client.put(demo.url(f"/members/{user_id}/deactivate"), headers=demo.headers)).status_code == 200
    assert (await client.put(demo.url(f"/members/{user_id}/activate"), headers=demo.headers)).status_code == 200
    # then
    await assert_all_dead(client, demo, oauth_client, held)


async def test_deactivating_a_member_leaves_the_other_members_credentials_alone(client, demo, services):
    # given an admin holding credentials, and the owner's token
    oauth_client = await create_client(client, demo)
    user_id, _ = await held_by_admin(client, demo, services, oauth_client)
    # when the admin is deactivated
    assert (await client.put(demo.url(f"/members/{user_id}/deactivate"), headers=demo.headers)).status_code == 200
    # then the owner's token still works
    assert (await client.get(demo.url("/domains"), headers=demo.headers)).status_code == 200


async def test_suspending_a_tenant_revokes_every_credential_of_it(client, demo, services):
    # given an admin holding credentials, and a client_credentials token
    oauth_client = await create_client(client, demo)
    _, held = await held_by_admin(client, demo, services, oauth_client)
    client_token = (await client_credentials_token(client, oauth_client)).json()["access_token"]
    # when the operator suspends the tenant, then reactivates it
    ctx = RequestContext(services=services)
    await set_tenant_status(ctx, cli_operator(), DEMO_SLUG, "suspended")
    await set_tenant_status(ctx, cli_operator(), DEMO_SLUG, "active")
    # then nothing issued before the suspension works
    await assert_all_dead(client, demo, oauth_client, held)
    for token in (demo.token, client_token):
        assert (await client.get(demo.url("/domains"), headers=bearer(token))).status_code == 401
    # and the client may ask for a new token once the tenant is active again
    assert (await client_credentials_token(client, oauth_client)).status_code == 200
