"""`POST /domains/check`: one name and many, answered by the sandbox over EPP."""

from __future__ import annotations

import pytest


async def test_single_name_check_is_answered_by_the_registry(client, demo):
    response = await client.post(
        demo.url("/domains/check"),
        json={
            "name": "brand-new.test",
            "fee_commands": ["create"],
            "client_transaction_id": "caller-trid-001",
        },
        headers=demo.headers,
    )
    assert response.status_code == 200
    data = response.json()["data"]
    assert data["name"] == "brand-new.test"
    assert data["status"] == "available"
    assert data["client_transaction_id"] == "caller-trid-001"
    assert data["fees"] == [
        {
            "amount": "10.00",
            "command": "create",
            "currency": "USD",
            "period_years": 1,
            "refundable": None,
        }
    ]


async def test_multi_name_check_keeps_submitted_order_and_marks_taken_names(client, demo):
    names = ["zz-free.test", "taken.test", "aa-free.example", "premium.test", "x.com"]
    response = await client.post(
        demo.url("/domains/check"),
        json={"names": names, "fee_commands": ["create"]},
        headers=demo.headers,
    )
    assert response.status_code == 200
    results = response.json()["data"]["results"]
    assert [r["name"] for r in results] == names
    assert [r["status"] for r in results] == [
        "available",
        "unavailable",
        "available",
        "available",
        "error",
    ]
    assert results[3]["premium"] == {"marker": "premium"}
    assert results[4]["error"] == "tld_not_associated"


async def test_more_names_than_one_epp_check_holds_are_split_into_batches(client, demo):
    names = [f"batch-{i}.test" for i in range(12)]
    response = await client.post(demo.url("/domains/check"), json={"names": names}, headers=demo.headers)
    assert [r["status"] for r in response.json()["data"]["results"]] == ["available"] * 12


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"name": "a.test", "names": ["b.test"]},
        {"names": []},
        {"names": "a.test"},
        {"name": "not a name"},
        {"name": "a.test", "fee_commands": ["steal"]},
        {"name": "a.test", "fee_period": 0},
        {"name": 42},
    ],
)
async def test_check_rejects_bad_input_with_field_details(client, demo, body):
    response = await client.post(demo.url("/domains/check"), json=body, headers=demo.headers)
    assert response.status_code == 422
    assert response.json()["error"] == "unprocessable_entity"
    assert response.json()["details"]


async def test_single_name_on_an_unassociated_tld_is_422(client, demo):
    response = await client.post(demo.url("/domains/check"), json={"name": "a.com"}, headers=demo.headers)
    assert response.status_code == 422
    assert response.json() == {"error": "tld_not_associated", "detail": {"tld": "com"}}
