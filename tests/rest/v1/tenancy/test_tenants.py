"""Tenants over REST: settings update, members and invitations."""

from __future__ import annotations

import asyncio
import re

from sqlmodel import select

from registrar.models import Invitation, Membership, Notification, User
from tests.support.factories import make_tenant


async def invite_and_accept(client, demo, services, email: str, role: str) -> str:
    created = await client.post(demo.url("/invitations"), json={"email": email, "role": role}, headers=demo.headers)
    assert created.status_code == 201, created.text
    assert "token" not in created.json()["data"]
    async with services.db.read() as session:
        mail = (await session.exec(select(Notification).where(Notification.recipient == email.lower()))).one()
    token = re.search(r"/api/v1/invitations/(\S+)/accept", mail.body).group(1)
    accepted = await client.post(f"/api/v1/invitations/{token}/accept", json={})
    assert accepted.status_code == 200
    return accepted.json()["data"]["user_id"]


async def owner_id(services, demo) -> str:
    async with services.db.read() as session:
        return (await session.exec(select(User.id).where(User.email == "owner@demo.example"))).one()


async def test_tenant_update_changes_fields_and_validates(client, demo):
    response = await client.patch(
        demo.url(""),
        json={
            "name": "Renamed",
            "transfer_out_mode": "explicit",
            "renewal_from_email": "Renewals@Example.COM",
        },
        headers=demo.headers,
    )
    assert response.status_code == 200
    data = response.json()["data"]
    assert (data["name"], data["transfer_out_mode"], data["renewal_from_email"]) == (
        "Renamed",
        "explicit",
        "Renewals@example.com",
    )
    bad = await client.put(
        demo.url(""),
        json={
            "transfer_out_mode": "sometimes",
            "verification_url_template": "http://x/",
            "verification_from_phone": "123",
            "unknown": 1,
        },
        headers=demo.headers,
    )
    assert bad.status_code == 422
    assert set(bad.json()["details"]) == {
        "transfer_out_mode",
        "verification_url_template",
        "verification_from_phone",
        "unknown",
    }


async def test_invitation_lifecycle_and_member_management(client, demo, services):
    user_id = await invite_and_accept(client, demo, services, "Colleague@Example.net", "member")
    members = (await client.get(demo.url("/members"), headers=demo.headers)).json()["data"]
    assert {m["user_id"] for m in members} >= {user_id}
    invitations = (await client.get(demo.url("/invitations"), headers=demo.headers)).json()["data"]
    assert invitations[0]["state"] == "accepted" and invitations[0]["email"] == "colleague@example.net"
    promoted = await client.put(demo.url(f"/members/{user_id}/role"), json={"role": "admin"}, headers=demo.headers)
    assert promoted.json()["data"]["role"] == "admin"
    deactivated = await client.put(demo.url(f"/members/{user_id}/deactivate"), headers=demo.headers)
    assert deactivated.json()["data"]["state"] == "deactivated"
    activated = await client.put(demo.url(f"/members/{user_id}/activate"), headers=demo.headers)
    assert activated.json()["data"]["state"] == "active"
    assert (await client.delete(demo.url(f"/members/{user_id}"), headers=demo.headers)).status_code == 204
    assert (await client.get(demo.url(f"/members/{user_id}"), headers=demo.headers)).status_code == 404


async def test_revoked_and_expired_invitations_cannot_be_accepted(client, demo, services, clock):
    created = await client.post(
        demo.url("/invitations"),
        json={"email": "late@example.net", "role": "member"},
        headers=demo.headers,
    )
    invitation_id = created.json()["data"]["id"]
    async with services.db.read() as session:
        token = re.search(r"invitations/(\S+)/accept", (await session.exec(select(Notification))).one().body).group(1)
    assert (await client.delete(demo.url(f"/invitations/{invitation_id}"), headers=demo.headers)).status_code == 204
    assert (await client.post(f"/api/v1/invitations/{token}/accept", json={})).status_code == 404
    assert (await client.delete(demo.url(f"/invitations/{invitation_id}"), headers=demo.headers)).status_code == 404
    await client.post(
        demo.url("/invitations"),
        json={"email": "later@example.net", "role": "member"},
        headers=demo.headers,
    )
    async with services.db.read() as session:
        body = (
            (await session.exec(select(Notification).where(Notification.recipient == "later@example.net"))).one().body
        )
    later_token = re.search(r"invitations/(\S+)/accept", body).group(1)
    clock.advance(days=8)
    try:
        expired = await client.post(f"/api/v1/invitations/{later_token}/accept", json={})
    finally:
        clock.advance(days=-8)
    assert expired.status_code == 404


async def test_the_last_owner_cannot_be_removed_demoted_or_deactivated(client, demo, services):
    me = await owner_id(services, demo)
    for response in (
        await client.delete(demo.url(f"/members/{me}"), headers=demo.headers),
        await client.put(demo.url(f"/members/{me}/role"), json={"role": "member"}, headers=demo.headers),
        await client.put(demo.url(f"/members/{me}/deactivate"), headers=demo.headers),
    ):
        assert response.status_code == 422 and response.json()["error"] == "last_owner"


async def test_two_owners_demoting_each_other_at_once_leave_one_owner(client, demo, services):
    second = await invite_and_accept(client, demo, services, "second@example.net", "owner")
    me = await owner_id(services, demo)
    results = await asyncio.gather(
        client.put(demo.url(f"/members/{second}/role"), json={"role": "member"}, headers=demo.headers),
        client.put(demo.url(f"/members/{me}/role"), json={"role": "member"}, headers=demo.headers),
    )
    assert sorted(r.status_code for r in results) == [200, 422]
    async with services.db.read() as session:
        owners = (
            await session.exec(
                select(Membership).where(Membership.tenant_id == demo.tenant_id, Membership.role == "owner")
            )
        ).all()
    assert len(owners) == 1


async def test_an_admin_cannot_manage_owners(client, services):
    tenant = await make_tenant(services, slug="adm", role="admin")
    invite_owner = await client.post(
        f"/api/v1/tenants/{tenant.tenant_id}/invitations",
        json={"email": "x@example.net", "role": "owner"},
        headers=tenant.headers,
    )
    assert invite_owner.status_code == 403


async def test_invitation_token_is_stored_hashed(client, demo, services):
    await client.post(
        demo.url("/invitations"),
        json={"email": "hash@example.net", "role": "member"},
        headers=demo.headers,
    )
    async with services.db.read() as session:
        invitation = (await session.exec(select(Invitation))).one()
        body = (await session.exec(select(Notification))).one().body
    token = re.search(r"invitations/(\S+)/accept", body).group(1)
    assert token not in invitation.token_hash and len(invitation.token_hash) == 64
