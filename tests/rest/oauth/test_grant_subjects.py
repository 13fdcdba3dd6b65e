"""The token endpoint issues nothing for a suspended tenant or a deactivated member: refresh,
client_credentials and authorization-code grants are refused even when no revocation ran."""

from __future__ import annotations

import jwt

from tests.support.credentials import (
    delegated_code,
    exchange_code,
    refresh,
    seat_member,
    set_membership_state_directly,
    set_tenant_status_directly,
    signed_in_session,
)
from tests.support.tenancy import client_credentials_token, create_client


async def test_refresh_is_refused_for_a_deactivated_member(client, demo, services):
    # given a member signed in through a client
    oauth_client = await create_client(client, demo)
    user_id = await seat_member(client, demo.tenant_id, demo.headers, services, "refresh@example.net", "member")
    _, refresh_token = await signed_in_session(services, oauth_client, demo.tenant_id, user_id)
    # when the membership is deactivated
    await set_membership_state_directly(services, demo.tenant_id, user_id, "deactivated")
    # then the refresh token is no longer honoured
    answer = await refresh(client, oauth_client, refresh_token)
    assert answer.status_code == 400 and answer.json() == {"error": "invalid_grant"}


async def test_refresh_is_refused_while_the_tenant_is_suspended(client, demo, services):
    # given a member signed in through a client
    oauth_client = await create_client(client, demo)
    user_id = await seat_member(client, demo.tenant_id, demo.headers, services, "suspended@example.net", "member")
    _, refresh_token = await signed_in_session(services, oauth_client, demo.tenant_id, user_id)
    # when the tenant is suspended
    await set_tenant_status_directly(services, demo.tenant_id, "suspended")
    # then
    answer = await refresh(client, oauth_client, refresh_token)
    assert answer.status_code == 400 and answer.json() == {"error": "invalid_grant"}


async def test_client_credentials_are_refused_while_the_tenant_is_suspended(client, demo, services):
    # given a confidential client of a tenant that is then suspended
    oauth_client = await create_client(client, demo)
    await set_tenant_status_directly(services, demo.tenant_id, "suspended")
    # when
    answer = await client_credentials_token(client, oauth_client)
    # then
    assert answer.status_code == 400 and answer.json()["error"] == "unauthorized_client"


async def test_a_code_is_refused_once_its_member_is_deactivated(client, demo, services):
    # given a code authorized by a member
    oauth_client = await create_client(client, demo)
    code, verifier = await delegated_code(client, oauth_client, demo.token)
    user_id = jwt.decode(demo.token, options={"verify_signature": False})["sub"]
    # when the membership is deactivated before the exchange
    await set_membership_state_directly(services, demo.tenant_id, user_id, "deactivated")
    # then
    answer = await exchange_code(client, oauth_client, code, verifier)
    assert answer.status_code == 400 and answer.json() == {"error": "invalid_grant"}
