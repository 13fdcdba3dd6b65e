"""`GET /api/v1/user/tenants`: the caller's tenants."""

from __future__ import annotations


async def test_user_tenants_lists_only_active_memberships(client, demo, services):
    response = await client.get("/api/v1/user/tenants", headers=demo.headers)
    assert response.status_code == 200
    data = response.json()["data"]
    assert [item["id"] for item in data] == [demo.tenant_id]
    assert data[0]["role"] == "owner"
    assert data[0]["membership_state"] == "active"
    assert set(data[0]) == {
        "id",
        "inserted_at",
        "membership_state",
        "name",
        "role",
        "slug",
        "status",
        "updated_at",
    }
