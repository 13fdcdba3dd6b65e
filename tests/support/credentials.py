"""Credentials a member can hold, for the revocation tests: access tokens, signed-in sessions
(refresh families), API keys and delegated authorization-code grants."""

from __future__ import annotations

import re
from typing import Any

from sqlmodel import select

from registrar.context import RequestContext, Services
from registrar.models import Membership, Notification, OAuthClient, Tenant
from registrar.resolvers.auth.tokens import issue_access_token, issue_token_pair
from tests.support.tenancy import REDIRECT, bearer, pkce_pair


async def access_token(services: Services, tenant_id: str, user_id: str | None, scope: str = "read write") -> str:
    """An access token of the command-line client for `user_id` in `tenant_id`."""
    async with services.db.transaction() as session:
        cli = (await session.exec(select(OAuthClient).where(OAuthClient.client_id == "registrar-cli"))).one()
        minted = await issue_access_token(
            session, RequestContext(services=services), client=cli, user_id=user_id, tenant_id=tenant_id, scope=scope
        )
    return minted.token


async def signed_in_session(services: Services, oauth_client: dict[str, Any], tenant_id: str, user_id: str):
    """What a password sign-in through `oauth_client` leaves: an access token and a refresh
    token of a fresh family (a `user_sessions` row)."""
    async with services.db.transaction() as session:
        row = (await session.exec(select(OAuthClient).where(OAuthClient.client_id == oauth_client["client_id"]))).one()
        pair = await issue_token_pair(
            session,
            RequestContext(services=services),
            client=row,
            user_id=user_id,
            tenant_id=tenant_id,
            scope="read write",
        )
    assert pair.refresh is not None
    return pair.access.token, pair.refresh.token


async def api_key(client, tenant_id: str, headers: dict[str, str], scopes: list[str]) -> str:
    response = await client.post(
        f"/api/v1/tenants/{tenant_id}/api_keys", json={"name": "ci", "scopes": scopes}, headers=headers
    )
    assert response.status_code == 201, response.text
    return response.json()["data"]["api_key"]


def authorize_params(oauth_client: dict[str, Any], challenge: str, **extra: str) -> dict[str, str]:
    return {
        "response_type": "code",
        "client_id": oauth_client["client_id"],
        "redirect_uri": REDIRECT,
        "code_challenge": challenge,
        "code_challenge_method": "S256",
        "state": "st",
        **extra,
    }


async def delegated_code(client, oauth_client: dict[str, Any], token: str, **extra: str) -> tuple[str, str]:
    """A code authorized with `token` through the JSON form of `/oauth/authorize`, and its verifier."""
    verifier, challenge = pkce_pair()
    response = await client.get(
        "/oauth/authorize", params=authorize_params(oauth_client, challenge, **extra), headers=bearer(token)
    )
    assert response.status_code == 200, response.text
    return response.json()["data"]["code"], verifier


async def exchange_code(client, oauth_client: dict[str, Any], code: str, verifier: str):
    return await client.post(
        "/oauth/token",
        data={
            "grant_type": "authorization_code",
            "code": code,
            "code_verifier": verifier,
            "redirect_uri": REDIRECT,
            "client_id": oauth_client["client_id"],
            "client_secret": oauth_client.get("client_secret", ""),
        },
    )


async def delegated_tokens(client, oauth_client: dict[str, Any], token: str, **extra: str) -> dict[str, Any]:
    """The token response of a code authorized with `token`."""
    code, verifier = await delegated_code(client, oauth_client, token, **extra)
    response = await exchange_code(client, oauth_client, code, verifier)
    assert response.status_code == 200, response.text
    return response.json()


async def refresh(client, oauth_client: dict[str, Any], refresh_token: str):
    return await client.post(
        "/oauth/token",
        data={
            "grant_type": "refresh_token",
            "refresh_token": refresh_token,
            "client_id": oauth_client["client_id"],
            "client_secret": oauth_client.get("client_secret", ""),
        },
    )


async def introspect(client, oauth_client: dict[str, Any], token: str) -> dict[str, Any]:
    response = await client.post(
        "/oauth/introspect", data={"token": token}, auth=(oauth_client["client_id"], oauth_client["client_secret"])
    )
    assert response.status_code == 200, response.text
    return response.json()


async def seat_member(
    client, tenant_id: str, headers: dict[str, str], services: Services, email: str, role: str
) -> str:
    """Invite `email` as `role` and accept the mailed invitation; the user's id."""
    created = await client.post(
        f"/api/v1/tenants/{tenant_id}/invitations", json={"email": email, "role": role}, headers=headers
    )
    assert created.status_code == 201, created.text
    async with services.db.read() as session:
        mails = (await session.exec(select(Notification).where(Notification.recipient == email.lower()))).all()
    token = re.search(r"/api/v1/invitations/(\S+)/accept", mails[-1].body).group(1)
    accepted = await client.post(f"/api/v1/invitations/{token}/accept", json={})
    assert accepted.status_code == 200, accepted.text
    return accepted.json()["data"]["user_id"]


async def set_tenant_status_directly(services: Services, tenant_id: str, status: str) -> None:
    """Change a tenant's status without the operator action (and so without its revocations)."""
    async with services.db.transaction() as session:
        tenant = await session.get(Tenant, tenant_id)
        tenant.status = status
        session.add(tenant)


async def set_membership_state_directly(services: Services, tenant_id: str, user_id: str, state: str) -> None:
    """Change a membership's state without the member action (and so without its revocations)."""
    async with services.db.transaction() as session:
        membership = (
            await session.exec(
                select(Membership).where(Membership.tenant_id == tenant_id, Membership.user_id == user_id)
            )
        ).one()
        membership.state = state
        session.add(membership)
