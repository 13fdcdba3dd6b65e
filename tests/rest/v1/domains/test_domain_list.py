"""The domain list: filters, orderings, cursor and offset pages, and their 422s."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import update

from registrar.models import Domain
from tests.support.seeding import seed_domains


async def names(client, demo, query: str) -> list[str]:
    response = await client.get(demo.url(f"/domains?{query}"), headers=demo.headers)
    assert response.status_code == 200, response.text
    return [item["name"] for item in response.json()["data"]]


async def test_offset_mode_has_total_and_orders_by_any_documented_key(client, demo, services):
    await seed_domains(services, demo.tenant_id, 7)
    async with services.db.transaction() as session:
        await session.exec(
            update(Domain).where(Domain.name == "bulk-000003.test").values(expires_at=services.clock.now())
        )
    body = (await client.get(demo.url("/domains?offset=2&limit=2"), headers=demo.headers)).json()
    assert body["pagination"] == {"offset": 2, "limit": 2, "total": 7, "has_more": True}
    assert [d["name"] for d in body["data"]] == ["bulk-000002.test", "bulk-000003.test"]
    assert (await names(client, demo, "offset=0&limit=1&order_by=expires_at"))[0] == "bulk-000003.test"
    assert (await names(client, demo, "offset=0&limit=1&order_by=name&order=desc"))[0] == "bulk-000006.test"


async def test_cursor_wins_over_offset_and_walks_every_row_once(client, demo, services):
    await seed_domains(services, demo.tenant_id, 5)
    body = (await client.get(demo.url("/domains?limit=2"), headers=demo.headers)).json()
    seen = [d["name"] for d in body["data"]]
    while body["pagination"]["has_more"]:
        cursor = body["pagination"]["next_cursor"]
        body = (await client.get(demo.url(f"/domains?limit=2&offset=1&cursor={cursor}"), headers=demo.headers)).json()
        assert "total" not in body["pagination"]
        seen += [d["name"] for d in body["data"]]
    assert seen == [f"bulk-00000{i}.test" for i in range(5)]


async def test_filters_select_the_documented_rows(client, demo, services):
    await seed_domains(services, demo.tenant_id, 3)
    now = services.clock.now()
    async with services.db.transaction() as session:
        await session.exec(
            update(Domain)
            .where(Domain.name == "bulk-000001.test")
            .values(state="expired", expires_at=now - timedelta(days=1))
        )
        await session.exec(update(Domain).where(Domain.name == "bulk-000002.test").values(out_of_sync=True))
    assert await names(client, demo, "state=expired") == ["bulk-000001.test"]
    assert await names(client, demo, "in_grace=true") == ["bulk-000001.test"]
    assert await names(client, demo, "out_of_sync=true") == ["bulk-000002.test"]
    assert await names(client, demo, "name_like=000002") == ["bulk-000002.test"]
    assert await names(client, demo, "tld=TEST&expires_within_days=400") == [
        "bulk-000000.test",
        "bulk-000002.test",
    ]
    assert await names(client, demo, "registrant_verification_state=pending_verification") == [
        "bulk-000000.test",
        "bulk-000001.test",
        "bulk-000002.test",
    ]
    assert await names(client, demo, "nameserver=ns1.bulk-dns.net&limit=1") == ["bulk-000000.test"]
    assert (
        await names(
            client,
            demo,
            f"updated_after={(now.replace(year=now.year + 1)).isoformat().replace('+00:00', 'Z')}",
        )
        == []
    )


@pytest.mark.parametrize(
    "query",
    [
        "order_by=name&cursor=abc",
        "order_by=color",
        "order=sideways",
        "limit=0",
        "limit=501",
        "offset=-1",
        "expires_within_days=0",
        "in_grace=maybe",
        "nameserver=not..valid",
        "updated_after=yesterday",
        "state=lost",
        "registrant_verification_state=x",
        "cursor=%%%",
        "colour=red",
    ],
)
async def test_malformed_parameters_are_422(client, demo, query):
    response = await client.get(demo.url(f"/domains?{query}"), headers=demo.headers)
    assert response.status_code == 422
    assert response.json()["error"] == "unprocessable_entity"
