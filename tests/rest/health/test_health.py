"""`/healthz` and `/health`."""

from __future__ import annotations


async def test_healthz_is_200(client):
    response = await client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


async def test_health_reports_database_and_breakers(client, demo):
    await client.post(demo.url("/domains/check"), json={"name": "warm.test"}, headers=demo.headers)
    response = await client.get("/health")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"] == "ok"
    assert body["checks"]["registries"] == {"sandbox": "closed"}


async def test_health_is_503_fail_when_the_database_is_down(client, services):
    async def down() -> bool:
        return False

    services.db.ping = down  # type: ignore[method-assign]
    response = await client.get("/health")
    assert response.status_code == 503
    assert response.json()["status"] == "fail"
