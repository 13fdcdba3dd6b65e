"""Tenant administration through GraphQL: the same resolvers and codes as REST."""

from __future__ import annotations

from tests.support.factories import make_tenant
from tests.support.graphql import gql_data

TENANT_ADMIN = """
query($id: ID!) {
  tenant(id: $id) {
    members { userId role state }
    invitations { email role state }
  }
}"""
INVITE = """
mutation($input: CreateInvitationInput!) { createInvitation(input: $input) { invitation { email role state } errors { code field } } }"""
CHANGE_ROLE = """
mutation($input: ChangeMemberRoleInput!) { changeMemberRole(input: $input) { member { role } errors { code } } }"""


async def test_invitations_and_members_through_graphql(client, demo):
    invited = await gql_data(
        client,
        demo,
        INVITE,
        {"input": {"tenantId": demo.tenant_id, "email": "g@example.net", "role": "MEMBER"}},
    )
    assert invited["createInvitation"] == {
        "invitation": {"email": "g@example.net", "role": "MEMBER", "state": "pending"},
        "errors": [],
    }
    data = (await gql_data(client, demo, TENANT_ADMIN, {"id": demo.tenant_id}))["tenant"]
    assert [m["role"] for m in data["members"]] == ["OWNER"]
    assert data["invitations"][0]["email"] == "g@example.net"


async def test_last_owner_rule_is_the_same_code_as_rest(client, demo):
    owner = (await gql_data(client, demo, TENANT_ADMIN, {"id": demo.tenant_id}))["tenant"]["members"][0]["userId"]
    result = await gql_data(
        client,
        demo,
        CHANGE_ROLE,
        {"input": {"tenantId": demo.tenant_id, "userId": owner, "role": "MEMBER"}},
    )
    assert result["changeMemberRole"] == {"member": None, "errors": [{"code": "last_owner"}]}
    rest = await client.put(demo.url(f"/members/{owner}/role"), json={"role": "member"}, headers=demo.headers)
    assert rest.json()["error"] == "last_owner"


async def test_plain_member_gets_forbidden_as_a_payload_error(client, services):
    member = await make_tenant(services, slug="plain", role="member")
    result = await gql_data(
        client,
        member,
        INVITE,
        {"input": {"tenantId": member.tenant_id, "email": "x@example.net", "role": "MEMBER"}},
    )
    assert result["createInvitation"]["errors"] == [{"code": "forbidden", "field": None}]
