"""Small builders for request bodies and extra tenants used across tests."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from registrar.context import RequestContext, Services
from registrar.models import Membership, OAuthClient, Tenant, User
from registrar.resolvers.auth.tokens import issue_access_token


def contact_body(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "handle": "jdoe",
        "name": "Jane Doe",
        "email": "jane@example.net",
        "phone": "+14155550123",
        "street": ["1 Main St"],
        "city": "San Francisco",
        "state_province": "CA",
        "postal_code": "94105",
        "country_code": "US",
    }
    body.update(overrides)
    return {key: value for key, value in body.items() if value is not None}


@dataclass(frozen=True)
class OtherTenant:
    tenant_id: str
    user_id: str
    token: str

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


async def make_tenant(
    services: Services,
    *,
    slug: str,
    status: str = "active",
    role: str = "owner",
    membership_state: str = "active",
    scope: str = "read write",
    member: bool = True,
) -> OtherTenant:
    """A tenant with one user and a token for it (scoped to that tenant)."""
    now = services.clock.now()
    async with services.db.transaction() as session:
        tenant = Tenant(name=slug.title(), slug=slug, status=status, inserted_at=now, updated_at=now)
        user = User(email=f"{slug}@example.org", inserted_at=now, updated_at=now)
        client = OAuthClient(
            client_id=f"{slug}-client",
            name=slug,
            client_type="confidential",
            allowed_scopes=["read", "write"],
            inserted_at=now,
            updated_at=now,
        )
        session.add_all([tenant, user, client])
        await session.flush()
        if member:
            session.add(
                Membership(
                    tenant_id=tenant.id,
                    user_id=user.id,
                    role=role,
                    state=membership_state,
                    inserted_at=now,
                    updated_at=now,
                )
            )
        minted = await issue_access_token(
            session,
            RequestContext(services=services),
            client=client,
            user_id=user.id,
            tenant_id=tenant.id,
            scope=scope,
        )
    return OtherTenant(tenant_id=tenant.id, user_id=user.id, token=minted.token)
