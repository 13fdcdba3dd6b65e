"""Contacts over REST: handle check, update (here and at the registry, atomically), delete
(refused while in use), transfer refusal and the verification challenge."""

from __future__ import annotations

import re

from sqlmodel import select

from registrar.epp.sandbox.faults import Fault
from registrar.models import Contact, ContactRegistryObject, ContactVerification, Notification
from tests.support.factories import contact_body
from tests.support.lifecycle import notifications, registered, registry
from tests.support.rest import create_contact


async def contact_row(services, handle: str) -> Contact | None:
    async with services.db.read() as session:
        return (await session.exec(select(Contact).where(Contact.handle == handle))).first()


async def test_check_reports_available_and_unavailable_handles(client, demo):
    # given
    await create_contact(client, demo, "taken")
    # when
    free = await client.post(demo.url("/contacts/check"), json={"handle": "free-1"}, headers=demo.headers)
    taken = await client.post(demo.url("/contacts/check"), json={"handle": "taken"}, headers=demo.headers)
    # then
    assert free.status_code == 200
    assert free.json() == {"data": {"handle": "free-1", "status": "available"}}
    assert taken.json() == {"data": {"handle": "taken", "status": "unavailable"}}


async def test_check_rejects_a_malformed_handle(client, demo):
    for handle in ("-leading", "", "a" * 64, "sp ace", None):
        response = await client.post(demo.url("/contacts/check"), json={"handle": handle}, headers=demo.headers)
        assert response.status_code == 422
        assert response.json()["error"] == "unprocessable_entity"
        assert "handle" in response.json()["details"]


async def test_update_changes_the_row_and_the_contact_at_the_registry(client, demo, services):
    # given: the contact exists at the registry because a domain uses it
    await registered(client, demo, "upd-contact.test")
    contact = await contact_row(services, "jdoe")
    # when
    response = await client.patch(
        demo.url("/contacts/jdoe"),
        json={"email": "new@example.net", "city": "Oakland", "fax": "+14155550199"},
        headers=demo.headers,
    )
    # then
    assert response.status_code == 200, response.text
    data = response.json()["data"]
    assert (data["email"], data["city"], data["fax"], data["handle"]) == (
        "new@example.net",
        "Oakland",
        "+14155550199",
        "jdoe",
    )
    row = await contact_row(services, "jdoe")
    assert row.email == "new@example.net" and row.updated_at >= contact.updated_at
    info = await (await registry(services)).contact_info(contact.epp_id)
    assert info.email == "new@example.net"
    assert info.postal_info[0].city == "Oakland"
    assert info.fax == "+1.4155550199"


async def test_update_refuses_handle_and_tenant_changes(client, demo, services):
    await create_contact(client, demo)
    response = await client.patch(
        demo.url("/contacts/jdoe"),
        json={"handle": "other", "tenant_id": "x", "city": "X"},
        headers=demo.headers,
    )
    assert response.status_code == 422
    assert response.json()["details"] == {
        "handle": ["cannot be changed"],
        "tenant_id": ["cannot be changed"],
    }
    assert (await contact_row(services, "jdoe")).city == "San Francisco"


async def test_update_applies_the_create_rules(client, demo):
    await create_contact(client, demo)
    response = await client.patch(
        demo.url("/contacts/jdoe"),
        json={"phone": "+15554545", "country_code": "xx", "name": ""},
        headers=demo.headers,
    )
    assert response.status_code == 422
    details = response.json()["details"]
    assert details["phone"] == ["is not a valid number for its country code"]
    assert set(details) == {"phone", "country_code", "name"}


async def test_update_is_atomic_when_the_registry_refuses(client, demo, services, sandbox):
    # given
    await registered(client, demo, "atomic-contact.test")
    contact = await contact_row(services, "jdoe")
    sandbox.faults.inject("contact:update", Fault("result", code=2306))
    # when
    response = await client.patch(demo.url("/contacts/jdoe"), json={"city": "Berlin"}, headers=demo.headers)
    # then
    assert response.status_code == 422
    assert response.json()["error"] == "registry_policy_error"
    assert (await contact_row(services, "jdoe")).city == "San Francisco"
    info = await (await registry(services)).contact_info(contact.epp_id)
    assert info.postal_info[0].city == "San Francisco"


async def test_update_of_an_unknown_contact_is_404(client, demo):
    response = await client.patch(demo.url("/contacts/nobody"), json={"city": "X"}, headers=demo.headers)
    assert response.status_code == 404


async def test_delete_is_refused_while_a_live_domain_uses_the_contact(client, demo, services):
    await registered(client, demo, "in-use.test")
    response = await client.delete(demo.url("/contacts/jdoe"), headers=demo.headers)
    assert response.status_code == 422
    assert response.json() == {"error": "contact_in_use", "detail": {"domains": ["in-use.test"]}}
    assert await contact_row(services, "jdoe") is not None


async def test_delete_removes_the_contact_here_and_at_the_registry(client, demo, services):
    # given: a contact that exists at the registry but no live domain uses
    await registered(client, demo, "holder.test", handle="holder")
    await create_contact(client, demo, "spare")
    contact = await contact_row(services, "spare")
    await client.patch(demo.url("/contacts/spare"), json={"city": "Paris"}, headers=demo.headers)
    async with services.db.transaction() as session:
        session.add(
            ContactRegistryObject(
                contact_id=contact.id,
                registry_account_id=(await registry(services)).login.account_id,
                inserted_at=services.clock.now(),
            )
        )
    # when: the registry does not know it (never created there): that is fine
    response = await client.delete(demo.url("/contacts/spare"), headers=demo.headers)
    # then
    assert response.status_code == 204
    assert await contact_row(services, "spare") is None
    async with services.db.read() as session:
        assert (
            await session.exec(select(ContactRegistryObject).where(ContactRegistryObject.contact_id == contact.id))
        ).first() is None
        assert (
            await session.exec(select(ContactVerification).where(ContactVerification.contact_id == contact.id))
        ).first() is None
    assert (await client.delete(demo.url("/contacts/spare"), headers=demo.headers)).status_code == 404


async def test_delete_of_a_provisioned_contact_deletes_it_at_the_registry(client, demo, services):
    # given: jdoe reached the registry as admin contact, then stopped being one
    await create_contact(client, demo, "jdoe")
    await registered(client, demo, "moving.test", handle="holder", admin_handle="jdoe")
    contact = await contact_row(services, "jdoe")
    epp = await registry(services)
    assert not (await epp.check_contacts([contact.epp_id]))[0].available
    dropped = await client.post(
        demo.url("/domains/moving.test/update_contacts"),
        json={"admin_handle": None},
        headers=demo.headers,
    )
    assert dropped.status_code == 200, dropped.text
    # when
    response = await client.delete(demo.url("/contacts/jdoe"), headers=demo.headers)
    # then
    assert response.status_code == 204, response.text
    assert (await epp.check_contacts([contact.epp_id]))[0].available


async def test_transfer_is_not_supported(client, demo):
    await create_contact(client, demo)
    response = await client.post(demo.url("/contacts/jdoe/transfer"), json={}, headers=demo.headers)
    assert response.status_code == 422
    assert response.json()["error"] == "transfer_not_supported"
    missing = await client.post(demo.url("/contacts/nobody/transfer"), json={}, headers=demo.headers)
    assert missing.status_code == 404


def token_of(message: Notification) -> str:
    return re.search(r"code: (\S+)", message.body).group(1)


async def test_create_sends_a_verification_challenge_kept_only_as_a_hash(client, demo, services):
    await create_contact(client, demo)
    (message,) = await notifications(services, "contact_verification")
    token = token_of(message)
    assert message.recipient == "jane@example.net"
    async with services.db.read() as session:
        (challenge,) = (await session.exec(select(ContactVerification))).all()
    assert challenge.channel == "email" and token not in challenge.token_hash and len(challenge.token_hash) == 64


async def test_verify_without_a_bearer_token_activates_the_contact_once(client, demo, services):
    # given
    created = await create_contact(client, demo)
    assert created["verification_state"] == "pending_verification"
    (message,) = await notifications(services, "contact_verification")
    body = {"channel": "email", "token": token_of(message)}
    # when
    response = await client.post(demo.url("/contacts/jdoe/verify"), json=body)
    replay = await client.post(demo.url("/contacts/jdoe/verify"), json=body)
    # then
    assert response.status_code == 200, response.text
    assert response.json()["data"]["verification_state"] == "active"
    assert (await contact_row(services, "jdoe")).verification_state == "active"
    assert replay.status_code == 422 and replay.json()["error"] == "verification_token_invalid"


async def test_verify_refuses_wrong_tokens_channels_and_contacts(client, demo, services):
    await create_contact(client, demo)
    await create_contact(client, demo, "second")
    messages = await notifications(services, "contact_verification")
    first_token = token_of(messages[0])
    cases = [
        ("jdoe", {"channel": "email", "token": "nope"}, 422, "verification_token_invalid"),
        ("jdoe", {"channel": "sms", "token": first_token}, 422, "verification_token_invalid"),
        ("second", {"channel": "email", "token": first_token}, 422, "verification_token_invalid"),
        ("jdoe", {"channel": "fax", "token": first_token}, 422, "unprocessable_entity"),
        ("jdoe", {"channel": "email"}, 422, "unprocessable_entity"),
        ("nobody", {"channel": "email", "token": first_token}, 422, "verification_token_invalid"),
    ]
    for handle, body, status, code in cases:
        response = await client.post(demo.url(f"/contacts/{handle}/verify"), json=body)
        assert (response.status_code, response.json()["error"]) == (status, code), (handle, body)
    assert (await contact_row(services, "jdoe")).verification_state == "pending_verification"


async def test_verify_answers_an_unknown_handle_or_tenant_exactly_as_a_wrong_token(client, demo, services):
    # given a contact with a live challenge
    await create_contact(client, demo)
    (message,) = await notifications(services, "contact_verification")
    body = {"channel": "email", "token": token_of(message)}
    # when the token is wrong, the handle unknown, or the tenant unknown
    wrong_token = await client.post(demo.url("/contacts/jdoe/verify"), json={**body, "token": "nope"})
    unknown_handle = await client.post(demo.url("/contacts/nobody/verify"), json=body)
    unknown_tenant = await client.post(
        "/api/v1/tenants/00000000-0000-0000-0000-000000000000/contacts/jdoe/verify", json=body
    )
    # then the three answers cannot be told apart
    for answer in (unknown_handle, unknown_tenant):
        assert (answer.status_code, answer.json()) == (wrong_token.status_code, wrong_token.json())
    assert wrong_token.status_code == 422 and wrong_token.json() == {"error": "verification_token_invalid"}
    assert (await contact_row(services, "jdoe")).verification_state == "pending_verification"


async def test_verify_refuses_an_expired_token(client, demo, services, clock):
    await create_contact(client, demo, "late")
    (message,) = await notifications(services, "contact_verification")
    clock.advance(days=16)
    try:
        response = await client.post(
            demo.url("/contacts/late/verify"), json={"channel": "email", "token": token_of(message)}
        )
    finally:
        clock.advance(days=-16)
    assert response.status_code == 422 and response.json()["error"] == "verification_token_invalid"


async def test_create_with_the_tenants_url_template_sends_a_link(client, demo, services):
    await client.patch(
        demo.url(""),
        json={"verification_url_template": "https://verify.example.com/c?t={{token}}"},
        headers=demo.headers,
    )
    await client.post(demo.url("/contacts"), json=contact_body(handle="linked"), headers=demo.headers)
    (message,) = await notifications(services, "contact_verification")
    assert "https://verify.example.com/c?t=" in message.body
