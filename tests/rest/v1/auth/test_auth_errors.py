"""Authentication and tenant isolation on the issue-2 path: documented statuses and codes."""

from __future__ import annotations

import jwt
import pytest
from sqlalchemy import delete, update

from registrar.models import Membership, OAuthToken, Tenant
from tests.support.factories import make_tenant


async def test_missing_and_malformed_tokens_get_401_unauthorized(client, demo):
    for headers in (
        {},
        {"Authorization": "Bearer"},
        {"Authorization": "Basic abc"},
        {"Authorization": "Bearer not.a.jwt"},
    ):
        response = await client.get(demo.url("/domains"), headers=headers)
        assert response.status_code == 401
        assert response.json() == {"error": "unauthorized"}


async def test_token_signed_with_another_key_or_alg_none_is_rejected(client, demo):
    claims = jwt.decode(demo.token, options={"verify_signature": False})
    forged = jwt.encode(claims, "another-key-another-key-another-key!", algorithm="HS256")
    unsigned = jwt.encode(claims, None, algorithm="none")
    for token in (forged, unsigned):
        response = await client.get(demo.url("/domains"), headers={"Authorization": f"Bearer {token}"})
        assert response.status_code == 401


async def test_token_not_yet_valid_is_rejected(client, demo, services):
    # given the demo token re-signed with an nbf an hour ahead (its jti stays live)
    claims = jwt.decode(demo.token, options={"verify_signature": False})
    claims["nbf"] = int(services.clock.now().timestamp()) + 3600
    early = jwt.encode(claims, services.settings.secret_key, algorithm="HS256")
    # when
    response = await client.get(demo.url("/domains"), headers={"Authorization": f"Bearer {early}"})
    # then
    assert (response.status_code, response.json()) == (401, {"error": "unauthorized"})


async def test_expired_token_is_rejected(client, demo, clock):
    clock.advance(days=2)
    try:
        response = await client.get(demo.url("/domains"), headers=demo.headers)
    finally:
        clock.advance(days=-2)
    assert response.status_code == 401


async def test_revoked_token_is_rejected(client, demo, services):
    jti = jwt.decode(demo.token, options={"verify_signature": False})["jti"]
    async with services.db.transaction() as session:
        await session.exec(update(OAuthToken).where(OAuthToken.jti == jti).values(revoked_at=services.clock.now()))
    response = await client.get(demo.url("/domains"), headers=demo.headers)
    assert response.status_code == 401


async def test_other_tenants_id_in_path_is_tenant_mismatch(client, demo, services):
    other = await make_tenant(services, slug="other")
    response = await client.get(f"/api/v1/tenants/{other.tenant_id}/domains", headers=demo.headers)
    assert response.status_code == 403
    assert response.json() == {"error": "tenant_mismatch"}


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"status": "suspended"}, "tenant_inactive"),
        ({"member": False}, "not_a_member"),
        ({"membership_state": "deactivated"}, "membership_deactivated"),
    ],
)
async def test_tenant_isolation_codes(client, services, kwargs, code):
    tenant = await make_tenant(services, slug="iso", **kwargs)
    response = await client.get(f"/api/v1/tenants/{tenant.tenant_id}/contacts", headers=tenant.headers)
    assert response.status_code == 403
    assert response.json() == {"error": code}


async def test_unknown_tenant_is_tenant_not_found(client, services):
    tenant = await make_tenant(services, slug="ghost")
    async with services.db.transaction() as session:
        await session.exec(delete(Membership).where(Membership.tenant_id == tenant.tenant_id))
        await session.exec(delete(Tenant).where(Tenant.id == tenant.tenant_id))
    # the token still names the purged tenant
    response = await client.get(f"/api/v1/tenants/{tenant.tenant_id}/contacts", headers=tenant.headers)
    assert response.status_code == 403
    assert response.json() == {"error": "tenant_not_found"}


async def test_unknown_route_and_wrong_method_use_the_envelope(client, demo):
    missing = await client.get("/api/v1/nothing-here", headers=demo.headers)
    assert missing.status_code == 404
    assert missing.json() == {"error": "not_found"}
    wrong = await client.put(demo.url("/quotes"), headers=demo.headers)
    assert wrong.status_code == 405
    assert wrong.json() == {"error": "method_not_allowed"}
