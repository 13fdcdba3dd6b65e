"""Contacts over REST: create, get, list, validation and isolation."""

from __future__ import annotations

import re

from sqlmodel import select

from registrar.models import Contact
from tests.support.factories import contact_body, make_tenant


async def test_create_contact_returns_201_with_the_contact_and_stores_it(client, demo, services):
    # when
    response = await client.post(demo.url("/contacts"), json=contact_body(), headers=demo.headers)
    # then
    assert response.status_code == 201
    data = response.json()["data"]
    assert data["handle"] == "jdoe"
    assert data["phone"] == "+14155550123"
    assert data["street"] == ["1 Main St"]
    assert data["tenant_id"] == demo.tenant_id
    async with services.db.read() as session:
        row = (await session.exec(select(Contact).where(Contact.handle == "jdoe"))).one()
    assert row.tenant_id == demo.tenant_id
    assert row.email == "jane@example.net"


async def test_create_contact_mints_an_opaque_16_hex_handle_when_none_is_given(client, demo):
    for handle in (None, ""):
        body = contact_body(handle=handle) if handle is not None else contact_body(handle=None)
        response = await client.post(demo.url("/contacts"), json=body, headers=demo.headers)
        assert response.status_code == 201
        assert re.fullmatch(r"[0-9a-f]{16}", response.json()["data"]["handle"])


async def test_create_contact_rejects_a_number_too_short_for_its_country(client, demo):
    response = await client.post(demo.url("/contacts"), json=contact_body(phone="+15554545"), headers=demo.headers)
    assert response.status_code == 422
    body = response.json()
    assert body["error"] == "unprocessable_entity"
    assert body["details"]["phone"] == ["is not a valid number for its country code"]


async def test_create_contact_reports_every_bad_field_at_once(client, demo):
    response = await client.post(
        demo.url("/contacts"),
        json={
            "handle": "-bad",
            "email": "not-an-email",
            "phone": "0044 20",
            "country_code": "uk",
            "colour": "red",
        },
        headers=demo.headers,
    )
    assert response.status_code == 422
    details = response.json()["details"]
    assert set(details) >= {
        "handle",
        "email",
        "phone",
        "country_code",
        "name",
        "city",
        "street",
        "colour",
    }


async def test_create_contact_rejects_a_taken_handle(client, demo):
    first = await client.post(demo.url("/contacts"), json=contact_body(), headers=demo.headers)
    assert first.status_code == 201
    second = await client.post(demo.url("/contacts"), json=contact_body(), headers=demo.headers)
    assert second.status_code == 422
    assert second.json()["details"] == {"handle": ["has already been taken"]}


async def test_get_contact_returns_it_and_404_for_unknown_handles(client, demo):
    await client.post(demo.url("/contacts"), json=contact_body(), headers=demo.headers)
    found = await client.get(demo.url("/contacts/jdoe"), headers=demo.headers)
    assert found.status_code == 200
    assert found.json()["data"]["name"] == "Jane Doe"
    missing = await client.get(demo.url("/contacts/nobody"), headers=demo.headers)
    assert missing.status_code == 404
    assert missing.json() == {"error": "not_found"}


async def test_list_contacts_pages_by_handle_with_a_cursor(client, demo):
    for handle in ("c-1", "c-2", "c-3"):
        await client.post(demo.url("/contacts"), json=contact_body(handle=handle), headers=demo.headers)
    first = (await client.get(demo.url("/contacts?limit=2"), headers=demo.headers)).json()
    assert [c["handle"] for c in first["data"]] == ["c-1", "c-2"]
    assert first["pagination"]["has_more"] is True
    cursor = first["pagination"]["next_cursor"]
    second = (await client.get(demo.url(f"/contacts?limit=2&cursor={cursor}"), headers=demo.headers)).json()
    assert [c["handle"] for c in second["data"]] == ["c-3"]
    assert second["pagination"] == {"next_cursor": None, "has_more": False}


async def test_list_contacts_rejects_malformed_cursor_and_limit(client, demo):
    bad_cursor = await client.get(demo.url("/contacts?cursor=%%%"), headers=demo.headers)
    assert bad_cursor.status_code == 422
    assert bad_cursor.json()["details"] == {"cursor": ["is invalid"]}
    bad_limit = await client.get(demo.url("/contacts?limit=9999"), headers=demo.headers)
    assert bad_limit.status_code == 422


async def test_another_tenants_contact_is_never_visible(client, demo, services):
    other = await make_tenant(services, slug="other")
    await client.post(demo.url("/contacts"), json=contact_body(), headers=demo.headers)
    # the other tenant's own path has no such contact
    response = await client.get(f"/api/v1/tenants/{other.tenant_id}/contacts/jdoe", headers=other.headers)
    assert response.status_code == 404
    listing = await client.get(f"/api/v1/tenants/{other.tenant_id}/contacts", headers=other.headers)
    assert listing.json()["data"] == []


async def test_create_contact_with_read_only_token_is_forbidden(client, demo, services):
    reader = await make_tenant(services, slug="reader", scope="read")
    response = await client.post(
        f"/api/v1/tenants/{reader.tenant_id}/contacts", json=contact_body(), headers=reader.headers
    )
    assert response.status_code == 403
    assert response.json()["error"] == "insufficient_scope"


async def test_a_contact_with_a_non_ascii_name_reaches_the_registry_in_the_loc_form(client, demo, services):
    from tests.support.rest import quote, register

    body = contact_body(
        handle="zoe",
        name="Zoë Müller",
        city="Zürich",
        country_code="CH",
        phone="+41446681800",
        state_province=None,
        postal_code="8001",
    )
    assert (await client.post(demo.url("/contacts"), json=body, headers=demo.headers)).status_code == 201
    response = await register(
        client, demo, "umlaut.test", quote_id=await quote(client, demo, "umlaut.test"), registrant_handle="zoe"
    )
    assert response.status_code == 201, response.text
