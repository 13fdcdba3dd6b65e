"""Agreement versions (draft → published → retired, immutable) and acceptance records
(evidence captured from the request, redemption fee disclosure, supersession, termination,
the condensed view a domain carries)."""

from __future__ import annotations

import asyncio
import hashlib

from sqlmodel import select

from registrar.context import RequestContext
from registrar.models import Acceptance, AgreementVersion, Domain, DomainEvent
from registrar.resolvers.domains.acceptance_summary import acceptance_view
from registrar.rest_compat.render.agreements import acceptance_summary
from tests.support.lifecycle import registered

BODY = "The registrant agrees to the terms."


async def create_version(client, demo, version: str = "1.0", **overrides):
    body = {
        "version": version,
        "title": f"Registration Agreement {version}",
        "body": BODY,
        **overrides,
    }
    response = await client.post(demo.url("/agreement_versions"), json=body, headers=demo.headers)
    assert response.status_code == 201, response.text
    return response.json()["data"]


async def published(client, demo, version: str = "1.0", **overrides):
    created = await create_version(client, demo, version, **overrides)
    response = await client.post(demo.url(f"/agreement_versions/{created['id']}/publish"), headers=demo.headers)
    assert response.status_code == 200, response.text
    return response.json()["data"]


async def test_create_makes_a_draft_with_the_body_hash(client, demo):
    data = await create_version(client, demo, url="https://example.com/ra/1.0")
    assert data["state"] == "draft"
    assert data["content_hash"] == hashlib.sha256(BODY.encode()).hexdigest()
    assert (data["published_at"], data["material_change"], data["url"]) == (
        None,
        False,
        "https://example.com/ra/1.0",
    )


async def test_create_validates_fields_and_version_uniqueness(client, demo):
    await create_version(client, demo)
    again = await client.post(
        demo.url("/agreement_versions"),
        json={"version": "1.0", "title": "t", "body": "b"},
        headers=demo.headers,
    )
    assert again.status_code == 422 and again.json()["details"] == {"version": ["has already been taken"]}
    bad = await client.post(
        demo.url("/agreement_versions"),
        json={
            "title": "",
            "body": "b",
            "url": "ftp://x",
            "material_change": "yes",
            "effective_at": "soon",
            "x": 1,
        },
        headers=demo.headers,
    )
    assert bad.status_code == 422
    assert set(bad.json()["details"]) == {
        "version",
        "title",
        "url",
        "material_change",
        "effective_at",
        "x",
    }


async def test_publish_retires_the_previous_version_and_retire_needs_published(client, demo):
    first = await published(client, demo, "1.0")
    second = await published(client, demo, "2.0")
    listed = await client.get(demo.url("/agreement_versions"), headers=demo.headers)
    states = {row["version"]: row["state"] for row in listed.json()["data"]}
    assert states == {"1.0": "retired", "2.0": "published"}
    assert second["effective_at"] == second["published_at"]
    republish = await client.post(demo.url(f"/agreement_versions/{first['id']}/publish"), headers=demo.headers)
    assert (republish.status_code, republish.json()["error"]) == (422, "wrong_state")
    retire = await client.post(demo.url(f"/agreement_versions/{second['id']}/retire"), headers=demo.headers)
    assert retire.status_code == 200 and retire.json()["data"]["state"] == "retired"
    again = await client.post(demo.url(f"/agreement_versions/{second['id']}/retire"), headers=demo.headers)
    assert again.json()["error"] == "wrong_state"


async def test_concurrent_publications_leave_one_published_version(client, demo, services):
    drafts = [await create_version(client, demo, f"c{index}") for index in range(3)]
    responses = await asyncio.gather(
        *(client.post(demo.url(f"/agreement_versions/{draft['id']}/publish"), headers=demo.headers) for draft in drafts)
    )
    assert all(response.status_code == 200 for response in responses)
    async with services.db.read() as session:
        rows = (await session.exec(select(AgreementVersion).where(AgreementVersion.state == "published"))).all()
    assert len(rows) == 1


async def test_list_filters_get_and_immutability(client, demo):
    draft = await create_version(client, demo, "1.0")
    await published(client, demo, "2.0")
    drafts = await client.get(demo.url("/agreement_versions?state=draft"), headers=demo.headers)
    assert [row["version"] for row in drafts.json()["data"]] == ["1.0"]
    by_version = await client.get(demo.url("/agreement_versions?version=2.0"), headers=demo.headers)
    assert [row["state"] for row in by_version.json()["data"]] == ["published"]
    assert (await client.get(demo.url("/agreement_versions?state=odd"), headers=demo.headers)).status_code == 422
    one = await client.get(demo.url(f"/agreement_versions/{draft['id']}"), headers=demo.headers)
    assert one.json()["data"] == draft
    assert (await client.get(demo.url("/agreement_versions/nope"), headers=demo.headers)).status_code == 404
    for method in ("PUT", "PATCH"):
        response = await client.request(
            method,
            demo.url(f"/agreement_versions/{draft['id']}"),
            json={"title": "x"},
            headers=demo.headers,
        )
        assert (response.status_code, response.json()["error"]) == (405, "method_not_allowed")


async def test_acceptance_captures_evidence_and_the_redemption_fee(client, demo, services):
    # given
    await registered(client, demo, "accept.test")
    version = await published(client, demo)
    assert (await client.get(demo.url("/domains/accept.test/acceptance"), headers=demo.headers)).status_code == 404
    # when
    response = await client.post(
        demo.url("/domains/accept.test/acceptance"),
        json={},
        headers={**demo.headers, "User-Agent": "agent/1.0"},
    )
    # then
    assert response.status_code == 201, response.text
    data = response.json()["data"]
    assert data["agreement_version_id"] == version["id"]
    assert data["content_hash"] == version["content_hash"]
    assert (data["source_ip"], data["user_agent"]) == ("127.0.0.1", "agent/1.0")
    assert data["redemption_fee_disclosure"] == {"amount": "79.0000", "currency": "USD"}
    assert (data["state"], data["acceptance_method"], data["domain_name"]) == (
        "active",
        "api",
        "accept.test",
    )
    current = await client.get(demo.url("/domains/accept.test/acceptance"), headers=demo.headers)
    assert current.json()["data"] == data
    async with services.db.read() as session:
        events = (await session.exec(select(DomainEvent.event_type))).all()
    assert "acceptance_recorded" in events


async def test_acceptance_for_a_non_icann_tld_has_no_fee_disclosure(client, demo):
    await registered(client, demo, "free.example")
    await published(client, demo)
    response = await client.post(demo.url("/domains/free.example/acceptance"), json={}, headers=demo.headers)
    assert response.status_code == 201 and response.json()["data"]["redemption_fee_disclosure"] is None


async def test_acceptance_needs_a_published_version(client, demo):
    await registered(client, demo, "accept.test")
    draft = await create_version(client, demo)
    url = demo.url("/domains/accept.test/acceptance")
    none = await client.post(url, json={}, headers=demo.headers)
    assert (none.status_code, none.json()["error"]) == (422, "agreement_not_published")
    named = await client.post(url, json={"agreement_version_id": draft["id"]}, headers=demo.headers)
    assert named.json()["error"] == "agreement_not_published"
    unknown = await client.post(url, json={"agreement_version_id": "nope"}, headers=demo.headers)
    assert unknown.status_code == 422 and "agreement_version_id" in unknown.json()["details"]
    missing = await client.post(demo.url("/domains/nope.test/acceptance"), json={}, headers=demo.headers)
    assert missing.status_code == 404


async def test_new_acceptance_supersedes_and_terminate_ends_it(client, demo, services):
    await registered(client, demo, "accept.test")
    await published(client, demo)
    url = demo.url("/domains/accept.test/acceptance")
    first = (await client.post(url, json={}, headers=demo.headers)).json()["data"]
    second = (await client.post(url, json={}, headers=demo.headers)).json()["data"]
    terminated = await client.post(f"{url}/terminate", json={"reason": "registrant request"}, headers=demo.headers)
    assert terminated.status_code == 200, terminated.text
    assert (terminated.json()["data"]["id"], terminated.json()["data"]["state"]) == (
        second["id"],
        "terminated",
    )
    assert terminated.json()["data"]["termination_reason"] == "registrant request"
    assert (await client.get(url, headers=demo.headers)).status_code == 404
    again = await client.post(f"{url}/terminate", json={}, headers=demo.headers)
    assert again.status_code == 404
    history = await client.get(f"{url}/history", headers=demo.headers)
    rows = {row["id"]: row for row in history.json()["data"]}
    assert set(rows) == {first["id"], second["id"]}
    assert rows[first["id"]]["termination_reason"] == "superseded"
    async with services.db.read() as session:
        active = (await session.exec(select(Acceptance).where(Acceptance.state == "active"))).all()
    assert active == []


async def test_concurrent_acceptances_leave_one_active_record(client, demo, services):
    await registered(client, demo, "accept.test")
    await published(client, demo)
    url = demo.url("/domains/accept.test/acceptance")
    responses = await asyncio.gather(*(client.post(url, json={}, headers=demo.headers) for _ in range(3)))
    assert all(response.status_code == 201 for response in responses)
    async with services.db.read() as session:
        states = (await session.exec(select(Acceptance.state))).all()
    assert sorted(states) == ["active", "terminated", "terminated"]


async def test_acceptance_view_condenses_and_flags_reacceptance(client, demo, services, clock):
    # given
    await registered(client, demo, "accept.test")
    version = await published(client, demo)
    await client.post(demo.url("/domains/accept.test/acceptance"), json={}, headers=demo.headers)
    async with services.db.read() as session:
        domain = (await session.exec(select(Domain).where(Domain.name == "accept.test"))).one()
    # when
    view = await acceptance_view(RequestContext(services=services), domain)
    # then
    summary = acceptance_summary(view)
    assert summary["agreement_version_id"] == version["id"]
    assert summary["reacceptance_required"] is False
    assert summary["redemption_fee_disclosure"] == {"amount": "79.0000", "currency": "USD"}
    assert set(summary) == {
        "acceptance_method",
        "accepted_at",
        "agreement_version_id",
        "reacceptance_required",
        "redemption_fee_disclosure",
        "state",
        "version_effective_at",
    }
    clock.advance(seconds=5)
    try:
        await published(client, demo, "2.0", material_change=True)
    finally:
        clock.advance(seconds=-5)
    later = await acceptance_view(RequestContext(services=services), domain)
    assert later.reacceptance_required is True
    current = await client.get(demo.url("/domains/accept.test/acceptance"), headers=demo.headers)
    assert current.json()["data"]["reacceptance_required"] is True
    await client.post(demo.url("/domains/accept.test/acceptance/terminate"), json={}, headers=demo.headers)
    assert await acceptance_view(RequestContext(services=services), domain) is None
