"""The operator's tenant actions: validation, uniqueness under concurrency, the one audit entry
of each change (and none for a refused or empty one), filters and pages."""

from __future__ import annotations

import asyncio

import pytest

from registrar.errors import RegistrarError
from registrar.resolvers._shared.patch import Patch
from registrar.resolvers.operator import memberships, tenants, users
from registrar.resolvers.operator.tenants import NewTenant, TenantFilter
from tests.support.operator_tenants import as_operator, audit_actions, stored_tenant
from tests.support.users import make_user, outbox


async def _create(services, slug: str, **fields) -> object:
    ctx, operator = as_operator(services)
    return await tenants.create_tenant(
        ctx, operator, NewTenant(name=fields.pop("name", slug.title()), slug=slug, **fields)
    )


async def test_create_tenant_stores_every_field_and_records_tenant_create(services):
    # when
    tenant = await _create(
        services,
        "acme",
        name="  Acme Registrar ",
        iana_registrar_id=9999,
        abuse_email="Abuse@ACME.example",
        abuse_form_url="https://acme.example/abuse",
        transfer_lock_opt_out=True,
    )
    # then
    stored = await stored_tenant(services, "acme")
    assert stored.id == tenant.id and stored.name == "Acme Registrar" and stored.status == "active"
    assert (stored.iana_registrar_id, stored.abuse_email) == (9999, "abuse@acme.example")
    assert stored.transfer_lock_opt_out is True and stored.reseller_approved_at is None
    [entry] = await audit_actions(services, tenant.id)
    assert (entry.action, entry.target_type, entry.tenant_id, entry.actor_type) == (
        "tenant.create",
        "tenant",
        tenant.id,
        "cli",
    )
    assert entry.diff["slug"] == {"to": "acme"} and entry.diff["iana_registrar_id"] == {"to": 9999}


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"name": "   "}, "name"),
        ({"name": "Acme\nRegistrar"}, "name"),
        ({"slug": "Not A Slug"}, "slug"),
        ({"slug": "acme\n"}, "slug"),
        ({"slug": "-acme"}, "slug"),
        ({"slug": "a"}, "slug"),
        ({"iana_registrar_id": 0}, "iana_registrar_id"),
        ({"iana_registrar_id": True}, "iana_registrar_id"),
        ({"iana_registrar_id": "42"}, "iana_registrar_id"),
        ({"iana_registrar_id": 2**31}, "iana_registrar_id"),
        ({"abuse_email": "not an address"}, "abuse_email"),
        ({"abuse_email": 42}, "abuse_email"),
        ({"abuse_form_url": "http://acme.example/abuse"}, "abuse_form_url"),
        ({"abuse_form_url": "https://"}, "abuse_form_url"),
        ({"abuse_form_url": "https://[::1"}, "abuse_form_url"),
        ({"transfer_lock_opt_out": "yes"}, "transfer_lock_opt_out"),
        ({"transfer_lock_opt_out": None}, "transfer_lock_opt_out"),
        ({"extra": {"status": "suspended"}}, "status"),
    ],
)
async def test_create_tenant_refuses_a_bad_field_naming_it_and_writes_nothing(services, fields, field):
    # given
    ctx, operator = as_operator(services)
    data = NewTenant(**{"name": "Acme", "slug": "acme", **fields})
    # when
    with pytest.raises(RegistrarError) as refused:
        await tenants.create_tenant(ctx, operator, data)
    # then
    assert refused.value.code == "unprocessable_entity" and list(refused.value.details) == [field]
    assert await stored_tenant(services, "acme") is None
    assert await audit_actions(services) == []


async def test_a_taken_slug_or_iana_registrar_id_is_has_already_been_taken_and_audits_nothing(services):
    # given
    await _create(services, "acme", iana_registrar_id=1234)
    # when
    with pytest.raises(RegistrarError) as slug_taken:
        await _create(services, "acme")
    with pytest.raises(RegistrarError) as id_taken:
        await _create(services, "other", iana_registrar_id=1234)
    # then
    assert slug_taken.value.details == {"slug": ["has already been taken"]}
    assert id_taken.value.details == {"iana_registrar_id": ["has already been taken"]}
    assert await stored_tenant(services, "other") is None
    assert [entry.action for entry in await audit_actions(services)] == ["tenant.create"]


async def test_two_tenants_claiming_one_iana_registrar_id_at_once_leave_one_holder(services):
    # given
    first, second = await _create(services, "first"), await _create(services, "second")
    ctx, operator = as_operator(services)
    # when both ask for the same id at the same time
    outcomes = await asyncio.gather(
        *(
            tenants.update_tenant(ctx, operator, tenant.slug, Patch({"iana_registrar_id": 4242}))
            for tenant in (first, second)
        ),
        return_exceptions=True,
    )
    # then exactly one has it, the other was told it is taken, and one update is audited
    refused = [outcome for outcome in outcomes if isinstance(outcome, RegistrarError)]
    assert len(refused) == 1 and refused[0].details == {"iana_registrar_id": ["has already been taken"]}
    holders = [t for t in (await stored_tenant(services, "first"), await stored_tenant(services, "second"))]
    assert sorted(t.iana_registrar_id or 0 for t in holders) == [0, 4242]
    assert [entry.action for entry in await audit_actions(services)].count("tenant.update") == 1


async def test_two_creations_of_one_slug_at_once_make_one_tenant(services):
    # when
    outcomes = await asyncio.gather(_create(services, "twin"), _create(services, "twin"), return_exceptions=True)
    # then
    refused = [outcome for outcome in outcomes if isinstance(outcome, RegistrarError)]
    assert len(refused) == 1 and refused[0].details == {"slug": ["has already been taken"]}
    assert [entry.action for entry in await audit_actions(services)] == ["tenant.create"]


async def test_update_changes_only_the_supplied_fields_clears_with_null_and_audits_the_diff(services):
    # given
    tenant = await _create(services, "acme", abuse_email="abuse@acme.example", iana_registrar_id=77)
    ctx, operator = as_operator(services)
    # when
    updated = await tenants.update_tenant(
        ctx, operator, tenant.id, Patch({"abuse_email": None, "abuse_form_url": "https://acme.example/report"})
    )
    # then
    assert updated.abuse_email is None and updated.abuse_form_url == "https://acme.example/report"
    assert updated.iana_registrar_id == 77 and updated.name == "Acme"
    entry = (await audit_actions(services, tenant.id))[-1]
    assert entry.action == "tenant.update"
    assert entry.diff == {
        "abuse_email": {"from": "abuse@acme.example", "to": None},
        "abuse_form_url": {"from": None, "to": "https://acme.example/report"},
    }


async def test_an_update_that_changes_nothing_records_nothing(services):
    # given
    tenant = await _create(services, "acme", iana_registrar_id=77)
    ctx, operator = as_operator(services)
    # when
    await tenants.update_tenant(ctx, operator, "acme", Patch({"iana_registrar_id": 77, "name": "Acme"}))
    await tenants.update_tenant(ctx, operator, "acme", Patch({}))
    # then
    assert [entry.action for entry in await audit_actions(services, tenant.id)] == ["tenant.create"]


async def test_update_refuses_unknown_fields_and_unknown_tenants(services):
    # given
    await _create(services, "acme")
    ctx, operator = as_operator(services)
    # when
    with pytest.raises(RegistrarError) as unknown_field:
        await tenants.update_tenant(ctx, operator, "acme", Patch({"slug": "renamed", "transfer_lock_opt_out": None}))
    with pytest.raises(RegistrarError) as unknown_tenant:
        await tenants.update_tenant(ctx, operator, "nobody", Patch({"name": "X"}))
    # then
    assert unknown_field.value.details == {
        "slug": ["is not a known field"],
        "transfer_lock_opt_out": ["must be true or false"],
    }
    assert unknown_tenant.value.code == "not_found"


async def test_suspending_twice_records_one_suspension_and_reactivation_one_more(services):
    # given
    tenant = await _create(services, "acme")
    ctx, operator = as_operator(services)
    # when
    await tenants.set_tenant_status(ctx, operator, "acme", "suspended")
    again = await tenants.set_tenant_status(ctx, operator, tenant.id, "suspended")
    active = await tenants.set_tenant_status(ctx, operator, "acme", "active")
    # then
    assert again.status == "suspended" and active.status == "active"
    entries = await audit_actions(services, tenant.id)
    assert [entry.action for entry in entries] == ["tenant.create", "tenant.suspend", "tenant.reactivate"]
    assert entries[1].diff == {"status": {"from": "active", "to": "suspended"}}


async def test_an_unknown_status_is_refused(services):
    ctx, operator = as_operator(services)
    await _create(services, "acme")
    with pytest.raises(RegistrarError) as refused:
        await tenants.set_tenant_status(ctx, operator, "acme", "deleted")
    assert refused.value.details == {"status": ["must be one of active, suspended"]}


async def test_reseller_approval_keeps_its_first_time_and_revoking_clears_it(services, clock):
    # given
    tenant = await _create(services, "acme")
    ctx, operator = as_operator(services)
    # when
    approved = await tenants.approve_reseller(ctx, operator, "acme")
    again = await tenants.approve_reseller(ctx, operator, "acme")
    revoked = await tenants.revoke_reseller_approval(ctx, operator, "acme")
    # then
    assert approved.reseller_approved_at == clock.now() == again.reseller_approved_at
    assert revoked.reseller_approved_at is None
    actions = [entry.action for entry in await audit_actions(services, tenant.id)]
    assert actions == ["tenant.create", "tenant.approve_reseller", "tenant.revoke_reseller"]


async def test_list_filters_by_status_slug_and_a_case_insensitive_part_of_the_name(services):
    # given
    for slug, name in (("alpha", "Alpha Names"), ("beta", "Beta NAMES Ltd"), ("gamma", "Gamma 100% Ltd")):
        await _create(services, slug, name=name)
    ctx, operator = as_operator(services)
    await tenants.set_tenant_status(ctx, operator, "beta", "suspended")

    async def slugs(**filters) -> list[str]:
        page = await tenants.list_tenants(ctx, operator, TenantFilter(**filters))
        return [row.slug for row in page.items]

    # then
    assert await slugs(name="names") == ["alpha", "beta"]
    assert await slugs(name="names", status="active") == ["alpha"]
    assert await slugs(status="suspended") == ["beta"]
    assert await slugs(slug="gamma") == ["gamma"]
    assert await slugs(name="0%") == ["gamma"]
    assert await slugs(name="%") == ["gamma"]  # a wildcard is a character, not a pattern
    assert await slugs(name="_") == []


async def test_list_pages_by_slug_and_refuses_bad_filters(services):
    # given
    for slug in ("c-tenant", "a-tenant", "b-tenant"):
        await _create(services, slug)
    ctx, operator = as_operator(services)
    # when
    first = await tenants.list_tenants(ctx, operator, TenantFilter(name="tenant"), limit=2)
    second = await tenants.list_tenants(ctx, operator, TenantFilter(name="tenant"), limit=2, cursor=first.next_cursor)
    # then
    assert [row.slug for row in first.items] == ["a-tenant", "b-tenant"] and first.has_more
    assert [row.slug for row in second.items] == ["c-tenant"] and not second.has_more
    for filters, kwargs, field in (
        (TenantFilter(status="closed"), {}, "status"),
        (TenantFilter(), {"limit": 0}, "limit"),
        (TenantFilter(), {"cursor": "!!"}, "cursor"),
    ):
        with pytest.raises(RegistrarError) as refused:
            await tenants.list_tenants(ctx, operator, filters, **kwargs)
        assert list(refused.value.details) == [field]


async def test_get_tenant_finds_by_id_or_slug_and_nothing_else(services):
    tenant = await _create(services, "acme")
    ctx, operator = as_operator(services)
    assert (await tenants.get_tenant(ctx, operator, tenant.id)).slug == "acme"
    assert (await tenants.get_tenant(ctx, operator, "acme")).id == tenant.id
    for reference in ("nobody", "", None, "a" * 3000):
        with pytest.raises(RegistrarError) as missing:
            await tenants.get_tenant(ctx, operator, reference)
        assert missing.value.code == "not_found"


async def test_inviting_audits_the_invitation_without_its_token(services):
    # given
    tenant = await _create(services, "acme")
    ctx, operator = as_operator(services)
    # when
    issued = await memberships.invite_member(ctx, operator, "acme", "Boss@Acme.example", "owner")
    # then
    assert issued.invitation.email == "boss@acme.example" and issued.invitation.invited_by_user_id is None
    assert issued.accept_url == f"{services.settings.public_url}/api/v1/invitations/{issued.token}/accept"
    entry = (await audit_actions(services, issued.invitation.id))[0]
    assert (entry.action, entry.tenant_id) == ("invitation.create", tenant.id)
    assert entry.diff["token"] == {"to": "[redacted]"} and issued.token not in str(entry.diff)
    [mail] = await outbox(services, "invitation")
    assert issued.accept_url in mail.body


async def test_revoking_an_invitation_twice_is_not_found_the_second_time(services):
    # given
    await _create(services, "acme")
    await _create(services, "other")
    ctx, operator = as_operator(services)
    issued = await memberships.invite_member(ctx, operator, "acme", "member@acme.example", "member")
    # when another tenant's name is used, then the right one twice
    with pytest.raises(RegistrarError) as elsewhere:
        await memberships.revoke_tenant_invitation(ctx, operator, "other", issued.invitation.id)
    await memberships.revoke_tenant_invitation(ctx, operator, "acme", issued.invitation.id)
    with pytest.raises(RegistrarError) as twice:
        await memberships.revoke_tenant_invitation(ctx, operator, "acme", issued.invitation.id)
    # then
    assert elsewhere.value.code == twice.value.code == "not_found"
    actions = [entry.action for entry in await audit_actions(services, issued.invitation.id)]
    assert actions == ["invitation.create", "invitation.revoke"]


async def test_resending_verification_queues_a_mail_and_audits_the_token_redacted(services):
    # given
    user = await make_user(services, "pending@example.net")
    ctx, operator = as_operator(services)
    # when
    sent = await users.resend_verification(ctx, operator, "  Pending@Example.NET ")
    # then
    assert sent.user.id == user.id
    [mail] = await outbox(services, "verify_email")
    assert sent.token in mail.body
    [entry] = await audit_actions(services, user.id)
    assert entry.action == "user.resend_verification"
    assert entry.diff == {"email": {"to": "pending@example.net"}, "verification_token": {"to": "[redacted]"}}


@pytest.mark.parametrize(
    ("email", "code"),
    [("", "unprocessable_entity"), (None, "unprocessable_entity"), ("nobody@example.net", "not_found")],
)
async def test_resending_verification_refuses_a_blank_or_unknown_address(services, email, code):
    ctx, operator = as_operator(services)
    with pytest.raises(RegistrarError) as refused:
        await users.resend_verification(ctx, operator, email)
    assert refused.value.code == code
    assert await outbox(services, "verify_email") == [] and await audit_actions(services) == []


async def test_resending_verification_to_a_verified_address_is_refused(services, clock):
    # given
    user = await make_user(services, "done@example.net")
    async with services.db.transaction() as session:
        user.email_verified_at = clock.now()
        session.add(user)
    ctx, operator = as_operator(services)
    # when
    with pytest.raises(RegistrarError) as refused:
        await users.resend_verification(ctx, operator, "done@example.net")
    # then
    assert refused.value.code == "wrong_state_conflict" and refused.value.status == 409
    assert await audit_actions(services) == []
