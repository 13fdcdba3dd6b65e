"""Every tenant-scoped route, enumerated from the app itself, against every way a caller can
be wrong: each gets the documented status and code, and never another tenant's data."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import timedelta

import jwt
import pytest
from sqlalchemy import update
from starlette.routing import Route

from registrar.app import create_app
from registrar.auth_tokens import mint_access_token
from registrar.models import OAuthToken
from tests.support.factories import make_tenant

# Routes the spec makes reachable without a bearer token.
UNAUTHENTICATED: set[tuple[str, str]] = {
    ("POST", "/api/v1/tenants/{tenant_id}/contacts/{handle}/verify"),
}
# Routes the spec reserves to owners and admins.
ADMIN_ONLY: set[tuple[str, str]] = {
    ("PATCH", "/api/v1/tenants/{tenant_id}"),
    ("PUT", "/api/v1/tenants/{tenant_id}"),
    ("DELETE", "/api/v1/tenants/{tenant_id}/members/{user_id}"),
    ("PUT", "/api/v1/tenants/{tenant_id}/members/{user_id}/role"),
    ("PUT", "/api/v1/tenants/{tenant_id}/members/{user_id}/activate"),
    ("PUT", "/api/v1/tenants/{tenant_id}/members/{user_id}/deactivate"),
    ("POST", "/api/v1/tenants/{tenant_id}/invitations"),
    ("DELETE", "/api/v1/tenants/{tenant_id}/invitations/{id}"),
    ("POST", "/api/v1/tenants/{tenant_id}/oauth_clients"),
    ("DELETE", "/api/v1/tenants/{tenant_id}/oauth_clients/{id}"),
    ("POST", "/api/v1/tenants/{tenant_id}/oauth_clients/{id}/rotate_secret"),
    ("GET", "/api/v1/tenants/{tenant_id}/api_keys"),
    ("POST", "/api/v1/tenants/{tenant_id}/api_keys"),
    ("DELETE", "/api/v1/tenants/{tenant_id}/api_keys/{id}"),
    ("POST", "/api/v1/tenants/{tenant_id}/registry_accounts/{id}/set_default"),
    ("POST", "/api/v1/tenants/{tenant_id}/registry_accounts/{id}/clear_default"),
    ("PATCH", "/api/v1/tenants/{tenant_id}/tld_associations/{id}/notifications"),
    ("PUT", "/api/v1/tenants/{tenant_id}/registry_accounts/{id}/certificate"),
    ("DELETE", "/api/v1/tenants/{tenant_id}/registry_accounts/{id}/certificate"),
    ("PUT", "/api/v1/tenants/{tenant_id}/tld_associations/{id}/certificate"),
    ("DELETE", "/api/v1/tenants/{tenant_id}/tld_associations/{id}/certificate"),
}
MUTATING = {"POST", "PUT", "PATCH", "DELETE"}
# POSTs that only read (availability checks): they need the `read` scope.
READ_ONLY_POSTS = {
    "/api/v1/tenants/{tenant_id}/domains/check",
    "/api/v1/tenants/{tenant_id}/contacts/check",
    "/api/v1/tenants/{tenant_id}/hosts/check",
}


def tenant_routes() -> list[tuple[str, str]]:
    found = []
    for route in create_app(services=None).routes:  # type: ignore[arg-type]
        if isinstance(route, Route) and "{tenant_id}" in route.path:
            for method in sorted(route.methods or ()):
                if method != "HEAD" and (method, route.path) not in UNAUTHENTICATED:
                    found.append((method, route.path))
    return found


ROUTES = tenant_routes()


def concrete(path: str, tenant_id: str) -> str:
    path = path.replace("{tenant_id}", tenant_id)
    return re.sub(r"\{[^}]+\}", lambda _: "ex-" + uuid.uuid4().hex[:8] + ".test", path)


@dataclass
class Callers:
    demo: object
    other: object
    suspended: object
    deactivated: object
    member: object
    reader: object
    writer: object
    expired: str
    revoked: str


@pytest.fixture
async def callers(services, demo, clock) -> Callers:
    settings = services.settings
    other = await make_tenant(services, slug="other")
    suspended = await make_tenant(services, slug="suspended", status="suspended")
    deactivated = await make_tenant(services, slug="deact", membership_state="deactivated")
    member = await make_tenant(services, slug="plain", role="member")
    reader = await make_tenant(services, slug="reader", scope="read")
    writer = await make_tenant(services, slug="writer", scope="write")
    expired = mint_access_token(
        settings.secret_key,
        now=clock.now() - timedelta(hours=5),
        ttl_seconds=60,
        user_id=None,
        tenant_id=demo.tenant_id,
        scope="read write",
        client_id=None,
    ).token
    revoked_tenant = await make_tenant(services, slug="revoked")
    jti = jwt.decode(revoked_tenant.token, options={"verify_signature": False})["jti"]
    async with services.db.transaction() as session:
        await session.exec(update(OAuthToken).where(OAuthToken.jti == jti).values(revoked_at=clock.now()))
    return Callers(demo, other, suspended, deactivated, member, reader, writer, expired, revoked_tenant.token)


def forged(token: str, *, key: str | None, alg: str) -> str:
    claims = jwt.decode(token, options={"verify_signature": False})
    return jwt.encode(claims, key, algorithm=alg)


def test_the_table_covers_the_routes_that_exist():
    assert len(ROUTES) >= 29
    assert ("POST", "/api/v1/tenants/{tenant_id}/domains") in ROUTES
    assert {route for route in ADMIN_ONLY if route in ROUTES}, "admin routes are enumerated"


@pytest.mark.parametrize(("method", "path"), ROUTES, ids=[f"{m} {p}" for m, p in ROUTES])
async def test_route_refuses_every_wrong_caller(client, callers, method, path):
    demo = callers.demo

    async def call(headers: dict[str, str], tenant_id: str):
        kwargs = {"json": {}} if method in MUTATING else {}
        return await client.request(method, concrete(path, tenant_id), headers=headers, **kwargs)

    def auth(token: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {token}"}

    expectations = [
        ({}, demo.tenant_id, 401, "unauthorized"),
        (auth("not-a-jwt"), demo.tenant_id, 401, "unauthorized"),
        (
            auth(forged(demo.token, key="another-secret-key-another-secret-key", alg="HS256")),
            demo.tenant_id,
            401,
            "unauthorized",
        ),
        (auth(forged(demo.token, key=None, alg="none")), demo.tenant_id, 401, "unauthorized"),
        (auth(callers.expired), demo.tenant_id, 401, "unauthorized"),
        (auth(callers.revoked), demo.tenant_id, 401, "unauthorized"),
        (auth(callers.other.token), demo.tenant_id, 403, "tenant_mismatch"),
        (auth(demo.token), callers.other.tenant_id, 403, "tenant_mismatch"),
        (auth(callers.suspended.token), callers.suspended.tenant_id, 403, "tenant_inactive"),
        (
            auth(callers.deactivated.token),
            callers.deactivated.tenant_id,
            403,
            "membership_deactivated",
        ),
    ]
    needs = "write" if method in MUTATING and path not in READ_ONLY_POSTS else "read"
    lacking = callers.reader if needs == "write" else callers.writer
    expectations.append((auth(lacking.token), lacking.tenant_id, 403, "insufficient_scope"))
    for headers, tenant_id, status, code in expectations:
        response = await call(headers, tenant_id)
        assert response.status_code == status, (headers.keys(), code, response.text)
        assert response.json()["error"] == code
        assert set(response.json()) <= {"error", "detail"}
    as_member = await call(auth(callers.member.token), callers.member.tenant_id)
    if (method, path) in ADMIN_ONLY:
        assert as_member.status_code == 403 and as_member.json()["error"] == "forbidden"
    else:
        assert as_member.status_code != 403 or as_member.json()["error"] != "forbidden"
        assert as_member.status_code < 500
