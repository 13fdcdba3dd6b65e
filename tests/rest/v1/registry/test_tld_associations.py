"""TLD-association reads and notification settings."""

from __future__ import annotations

from sqlmodel import select

from registrar.models import TldAssociation
from tests.support.factories import make_tenant

ASSOCIATION_KEYS = {
    "id",
    "tenant_id",
    "tld",
    "accreditation_type",
    "state",
    "registry_account_id",
    "inserted_at",
    "updated_at",
    "config",
}


async def association(services, tld: str) -> TldAssociation:
    async with services.db.read() as session:
        return (await session.exec(select(TldAssociation).where(TldAssociation.tld == tld))).one()


async def test_list_returns_the_documented_projection_and_filters(client, demo):
    response = await client.get(demo.url("/tld_associations"), headers=demo.headers)
    assert response.status_code == 200
    data = response.json()["data"]
    assert [row["tld"] for row in data] == ["example", "test"]
    assert all(set(row) == ASSOCIATION_KEYS for row in data)
    icann = await client.get(demo.url("/tld_associations?accreditation_type=icann_accredited"), headers=demo.headers)
    assert [row["tld"] for row in icann.json()["data"]] == ["test"]
    by_account = await client.get(
        demo.url(f"/tld_associations?registry_account_id={data[0]['registry_account_id']}&state=active"),
        headers=demo.headers,
    )
    assert len(by_account.json()["data"]) == 2
    inactive = await client.get(demo.url("/tld_associations?state=suspended"), headers=demo.headers)
    assert inactive.json()["data"] == []
    bad = await client.get(demo.url("/tld_associations?accreditation_type=other"), headers=demo.headers)
    assert bad.status_code == 422


async def test_show_by_id_or_label_within_the_tenant_only(client, demo, services):
    row = await association(services, "test")
    by_id = await client.get(demo.url(f"/tld_associations/{row.id}"), headers=demo.headers)
    by_label = await client.get(demo.url("/tld_associations/test"), headers=demo.headers)
    assert by_id.status_code == 200 and by_id.json() == by_label.json()
    assert by_id.json()["data"]["config"]["auto_renewal_grace_period_days"] == 30
    assert (await client.get(demo.url("/tld_associations/TEST"), headers=demo.headers)).status_code == 404
    other = await make_tenant(services, slug="other")
    foreign = await client.get(f"/api/v1/tenants/{other.tenant_id}/tld_associations/{row.id}", headers=other.headers)
    assert foreign.status_code == 404


async def test_notification_email_is_set_cleared_and_validated(client, demo, services):
    row = await association(services, "test")
    url = demo.url(f"/tld_associations/{row.id}/notifications")
    set_ = await client.patch(url, json={"low_balance_notification_email": "Ops@Example.COM"}, headers=demo.headers)
    assert set_.status_code == 200, set_.text
    assert set_.json()["data"]["config"]["low_balance_notification_email"] == "Ops@example.com"
    assert (await association(services, "test")).config["low_balance_notification_email"] == "Ops@example.com"
    for body in (
        {"low_balance_notification_email": "not-an-email"},
        {"low_balance_notification_email": 5},
        {"other": "x"},
    ):
        bad = await client.patch(url, json=body, headers=demo.headers)
        assert bad.status_code == 422 and bad.json()["error"] == "unprocessable_entity", body
    cleared = await client.patch(url, json={"low_balance_notification_email": ""}, headers=demo.headers)
    assert "low_balance_notification_email" not in cleared.json()["data"]["config"]
    assert "low_balance_notification_email" not in (await association(services, "test")).config
    assert (
        await client.patch(demo.url("/tld_associations/nope/notifications"), json={}, headers=demo.headers)
    ).status_code == 404


async def test_notification_settings_need_an_owner_or_admin(client, services):
    member = await make_tenant(services, slug="plain", role="member")
    response = await client.patch(
        f"/api/v1/tenants/{member.tenant_id}/tld_associations/x/notifications",
        json={},
        headers=member.headers,
    )
    assert (response.status_code, response.json()["error"]) == (403, "forbidden")
