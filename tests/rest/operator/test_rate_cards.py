"""`/operator/v1/tenants/{tenant}/rate_card…`: set, list, delete and import a tenant's rate
card; the rows are those the tenant's quotes are priced from."""

from __future__ import annotations

import pytest

from tests.support.factories import make_tenant
from tests.support.operator import operator_token
from tests.support.tld_setup import add_account, add_binding, associate

HEADER = "tld,operation,period,tier,premium_class,amount,currency\n"


def rate_card_url(tenant: str = "acme", suffix: str = "") -> str:
    return f"/operator/v1/tenants/{tenant}/rate_card{suffix}"


@pytest.fixture
async def operator(client, services):
    return await operator_token(client, services)


@pytest.fixture
async def acme(services):
    """A tenant associated with the non-ICANN `shop`."""
    tenant = await make_tenant(services, slug="acme")
    await add_binding(services, "alpha")
    account = await add_account(services, tenant.tenant_id, "alpha")
    await associate(services, tenant.tenant_id, "shop", account.id)
    return tenant


async def test_put_sets_a_price_the_tenants_quote_then_uses(client, operator, acme):
    # when
    first = await client.put(
        rate_card_url(),
        json={
            "tld": "shop",
            "operation": "register",
            "period": 1,
            "tier": "premium",
            "premium_class": "gold",
            "amount": "250",
        },
        headers=operator.headers,
    )
    second = await client.put(
        rate_card_url(),
        json={
            "tld": "shop",
            "operation": "register",
            "period": 1,
            "tier": "premium",
            "premium_class": "gold",
            "amount": 275.5,
        },
        headers=operator.headers,
    )
    # then
    assert first.status_code == 200, first.text
    entry = second.json()["data"]
    assert entry["id"] == first.json()["data"]["id"]
    assert {
        key: entry[key] for key in ("tld", "operation", "period", "tier", "premium_class", "amount", "currency")
    } == {
        "tld": "shop",
        "operation": "register",
        "period": 1,
        "tier": "premium",
        "premium_class": "gold",
        "amount": "275.5000",
        "currency": "USD",
    }
    quote = await client.post(
        f"/api/v1/tenants/{acme.tenant_id}/quotes",
        json={"fqdn": "rich.shop", "operation": "register", "period": 1, "tier": "premium", "premium_class": "gold"},
        headers=acme.headers,
    )
    assert quote.json()["data"]["amount"] == "275.5000"
    log = await client.get("/operator/v1/audit_log", params={"action": "rate.upsert"}, headers=operator.headers)
    assert log.json()["data"][0]["diff"] == {"amount": {"from": "250.0000", "to": "275.5000"}}


@pytest.mark.parametrize(
    ("body", "status", "code", "field"),
    [
        ({"amount": "9.99999"}, 422, "unprocessable_entity", "amount"),
        ({"amount": "-1"}, 422, "unprocessable_entity", "amount"),
        ({"currency": "ABC"}, 422, "unprocessable_entity", "currency"),
        ({"operation": "restore"}, 422, "unprocessable_entity", "period"),
        ({"tier": "premium"}, 422, "unprocessable_entity", "premium_class"),
        ({"bonus": True}, 422, "unprocessable_entity", "bonus"),
        ({"tld": "club"}, 422, "tld_not_associated", None),
    ],
)
async def test_put_refuses_bad_rows_in_the_envelope(client, operator, acme, body, status, code, field):
    payload = {"tld": "shop", "operation": "register", "period": 1, "amount": "9.99", **body}
    response = await client.put(rate_card_url(), json=payload, headers=operator.headers)
    assert response.status_code == status
    assert response.json()["error"] == code
    if field:
        assert field in response.json()["details"]


async def test_list_filters_by_tld_and_delete_removes_a_row(client, operator, acme):
    # given
    for period in (1, 2):
        await client.put(
            rate_card_url(),
            json={"tld": "shop", "operation": "renew", "period": period, "amount": "10"},
            headers=operator.headers,
        )
    listed = await client.get(rate_card_url(acme.tenant_id), params={"tld": "shop"}, headers=operator.headers)
    assert [entry["period"] for entry in listed.json()["data"]] == [1, 2]
    # when
    deleted = await client.delete(rate_card_url(suffix=f"/{listed.json()['data'][0]['id']}"), headers=operator.headers)
    # then
    assert deleted.status_code == 204
    remaining = await client.get(rate_card_url(), headers=operator.headers)
    assert [entry["period"] for entry in remaining.json()["data"]] == [2]
    again = await client.delete(rate_card_url(suffix=f"/{listed.json()['data'][0]['id']}"), headers=operator.headers)
    assert again.status_code == 404 and again.json()["error"] == "not_found"
    bad_filter = await client.get(rate_card_url(), params={"tld": "a b"}, headers=operator.headers)
    assert bad_filter.status_code == 422 and "tld" in bad_filter.json()["details"]


async def test_import_takes_csv_or_json_and_reports_counts(client, operator, acme):
    # when
    as_csv = await client.post(
        rate_card_url(suffix="/import"),
        content=HEADER + "shop,register,1,,,9.99,USD\nshop,restore,,,,79,USD\n",
        headers={**operator.headers, "Content-Type": "text/csv; charset=utf-8"},
    )
    as_json = await client.post(
        rate_card_url(suffix="/import"),
        json={"csv": HEADER + "shop,register,1,,,10.99,USD\nshop,restore,,,,79,USD\nshop,renew,1,,,11,USD\n"},
        headers=operator.headers,
    )
    # then
    assert as_csv.status_code == 200, as_csv.text
    assert as_csv.json()["data"] == {"created": 2, "updated": 0, "unchanged": 0, "tlds": ["shop"]}
    assert as_json.json()["data"] == {"created": 1, "updated": 1, "unchanged": 1, "tlds": ["shop"]}
    log = await client.get("/operator/v1/audit_log", params={"action": "rate.import"}, headers=operator.headers)
    assert log.json()["data"][0]["diff"]["updated"] == {"to": 1}
    assert log.json()["data"][0]["target_id"] == acme.tenant_id


async def test_import_with_a_bad_row_is_refused_whole(client, operator, acme):
    # when
    response = await client.post(
        rate_card_url(suffix="/import"),
        json={"csv": HEADER + "shop,register,1,,,9.99,USD\nshop,register,2,,,9.99,XXY\n"},
        headers=operator.headers,
    )
    # then
    assert response.status_code == 422
    assert response.json()["details"] == {"row 3: currency": ["must be an ISO 4217 currency code such as USD"]}
    assert (await client.get(rate_card_url(), headers=operator.headers)).json()["data"] == []


async def test_import_refuses_a_body_that_is_not_utf8(client, operator, acme):
    response = await client.post(
        rate_card_url(suffix="/import"),
        content=HEADER.encode() + b"shop,restore,,,,79,\xff\n",
        headers={**operator.headers, "Content-Type": "text/csv"},
    )
    assert response.status_code == 422 and response.json()["details"] == {"csv": ["is not UTF-8"]}


async def test_rate_card_of_an_unknown_tenant_is_not_found(client, operator):
    for method, url in (("GET", rate_card_url("nobody")), ("DELETE", rate_card_url("nobody", "/x"))):
        response = await client.request(method, url, headers=operator.headers)
        assert response.status_code == 404


async def test_another_tenants_row_cannot_be_deleted_through_a_tenant_it_does_not_belong_to(
    client, services, operator, acme
):
    await make_tenant(services, slug="other")
    row = await client.put(
        rate_card_url(),
        json={"tld": "shop", "operation": "restore", "amount": "79"},
        headers=operator.headers,
    )
    response = await client.delete(rate_card_url("other", f"/{row.json()['data']['id']}"), headers=operator.headers)
    assert response.status_code == 404


async def test_tenant_credentials_cannot_reach_the_rate_card_routes(client, acme):
    response = await client.get(rate_card_url(acme.tenant_id), headers=acme.headers)
    assert response.status_code == 403 and response.json()["error"] == "insufficient_scope"
