"""`POST /quotes`: prices from the rate card and the spec's error codes."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from registrar.models import Quote


async def test_quote_prices_from_the_rate_card(client, demo, services):
    response = await client.post(
        demo.url("/quotes"),
        json={"fqdn": "Example-Name.TEST.", "operation": "register", "period": 2},
        headers=demo.headers,
    )
    assert response.status_code == 200
    data = response.json()["data"]
    assert data["amount"] == "19.9800"
    assert data["currency"] == "USD"
    assert data["fqdn"] == "example-name.test"
    assert data["tld"] == "test"
    assert data["tier"] == "standard"
    assert data["premium_class"] is None
    assert data["quoted_at"].endswith("Z") and "." in data["quoted_at"]
    async with services.db.read() as session:
        row = await session.get(Quote, data["quote_id"])
    assert row is not None and row.consumed_at is None
    assert row.valid_until - row.quoted_at == timedelta(hours=1)


async def test_restore_quote_has_no_period(client, demo):
    response = await client.post(
        demo.url("/quotes"), json={"fqdn": "x.test", "operation": "restore"}, headers=demo.headers
    )
    assert response.status_code == 200
    assert response.json()["data"]["period"] is None
    assert response.json()["data"]["amount"] == "79.0000"


async def test_premium_quote_uses_its_class(client, demo):
    body = {
        "fqdn": "premium.test",
        "operation": "register",
        "period": 1,
        "tier": "premium",
        "premium_class": "gold",
    }
    response = await client.post(demo.url("/quotes"), json=body, headers=demo.headers)
    assert response.status_code == 200
    assert response.json()["data"]["amount"] == "499.0000"


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"operation": "register", "period": 1}, "fqdn_required"),
        ({"fqdn": "", "operation": "register", "period": 1}, "fqdn_required"),
        ({"fqdn": "a.test", "operation": "steal", "period": 1}, "invalid_operation"),
        ({"fqdn": "a.test", "period": 1}, "invalid_operation"),
        ({"fqdn": "a.test", "operation": "register"}, "period_not_allowed"),
        ({"fqdn": "a.test", "operation": "renew", "period": 11}, "period_not_allowed"),
        ({"fqdn": "a.test", "operation": "renew", "period": "1"}, "period_not_allowed"),
        (
            {"fqdn": "a.test", "operation": "register", "period": 1, "tier": "premium"},
            "premium_class_required",
        ),
        (
            {
                "fqdn": "a.test",
                "operation": "register",
                "period": 1,
                "tier": "premium",
                "premium_class": "platinum",
            },
            "premium_class_unknown",
        ),
        (
            {
                "fqdn": "a.test",
                "operation": "renew",
                "period": 1,
                "tier": "premium",
                "premium_class": "gold",
            },
            "price_not_configured",
        ),
        ({"fqdn": "a.com", "operation": "register", "period": 1}, "tld_not_associated"),
        ({"fqdn": "bad..name.test", "operation": "register", "period": 1}, "unprocessable_entity"),
        (
            {"fqdn": "a.test", "operation": "register", "period": 1, "surprise": True},
            "unprocessable_entity",
        ),
    ],
)
async def test_quote_errors(client, demo, body, code):
    response = await client.post(demo.url("/quotes"), json=body, headers=demo.headers)
    assert response.status_code == 422
    assert response.json()["error"] == code


async def test_quote_with_malformed_json_is_400(client, demo):
    for raw in (b"{not json", b"[1,2]", b"\xff\xfe", b""):
        response = await client.post(
            demo.url("/quotes"),
            content=raw,
            headers={**demo.headers, "Content-Type": "application/json"},
        )
        assert response.status_code == 400
        assert response.json()["error"] == "bad_request"


async def test_quotes_are_not_shared_between_tenants(client, demo, services):
    from tests.support.factories import make_tenant

    other = await make_tenant(services, slug="other")
    response = await client.post(
        f"/api/v1/tenants/{other.tenant_id}/quotes",
        json={"fqdn": "a.test", "operation": "register", "period": 1},
        headers=other.headers,
    )
    assert response.status_code == 422
    assert response.json()["error"] == "tld_not_associated"
    async with services.db.read() as session:
        assert (await session.exec(select(Quote))).all() == []
