"""Request helpers for the register path."""

from __future__ import annotations

from typing import Any

from tests.support.factories import contact_body


async def create_contact(client, demo, handle: str = "jdoe") -> dict[str, Any]:
    response = await client.post(demo.url("/contacts"), json=contact_body(handle=handle), headers=demo.headers)
    assert response.status_code == 201, response.text
    return response.json()["data"]


async def quote(client, demo, fqdn: str, operation: str = "register", period: int | None = 1) -> str:
    body: dict[str, Any] = {"fqdn": fqdn, "operation": operation}
    if period is not None:
        body["period"] = period
    response = await client.post(demo.url("/quotes"), json=body, headers=demo.headers)
    assert response.status_code == 200, response.text
    return response.json()["data"]["quote_id"]


async def register(client, demo, name: str, **overrides: Any):
    body: dict[str, Any] = {
        "name": name,
        "years": 1,
        "registrant_handle": "jdoe",
        "nameservers": ["ns1.example.net", "ns2.example.net"],
    }
    body.update(overrides)
    return await client.post(demo.url("/domains"), json=body, headers=demo.headers)
