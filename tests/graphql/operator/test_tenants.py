"""The operator's tenants in GraphQL: `operator { tenants tenant }` and the `operator…` tenant
mutations, over the same resolvers as `/operator/v1/tenants`."""

from __future__ import annotations

from registrar.bootstrap import DEMO_SLUG
from tests.support.graphql import gql, gql_data
from tests.support.operator import operator_token
from tests.support.operator_tenants import audit_actions
from tests.support.users import make_user, outbox

CREATE = """
mutation($input: OperatorCreateTenantInput!) {
  operatorCreateTenant(input: $input) {
    tenant { id slug name status ianaRegistrarId transferLockOptOut resellerApprovedAt }
    errors { code field message }
  }
}"""
UPDATE = """
mutation($input: OperatorUpdateTenantInput!) {
  operatorUpdateTenant(input: $input) { tenant { abuseEmail abuseFormUrl ianaRegistrarId } errors { code field } }
}"""
TENANTS = """
query($status: TenantStatus, $name: String, $first: Int!, $after: String) {
  operator {
    tenants(status: $status, name: $name, first: $first, after: $after) {
      edges { cursor node { slug status } }
      pageInfo { hasNextPage endCursor }
    }
  }
}"""
TENANT = """
query($ref: String!) {
  operator { tenant(idOrSlug: $ref) { id slug members { role userId email emailVerified } invitations { email role state } } }
}"""
INVITE = """
mutation($input: OperatorInviteMemberInput!) {
  operatorInviteMember(input: $input) { invitation { id email role } token acceptUrl errors { code field } }
}"""
REVOKE_INVITATION = """
mutation($input: OperatorRevokeInvitationInput!) { operatorRevokeInvitation(input: $input) { ok errors { code } } }
"""
STATUS = """
mutation($input: OperatorTenantInput!) {
  suspend: operatorSuspendTenant(input: $input) { tenant { status } errors { code } }
  reactivate: operatorReactivateTenant(input: $input) { tenant { status } errors { code } }
  approve: operatorApproveReseller(input: $input) { tenant { resellerApprovedAt } errors { code } }
  revoke: operatorRevokeReseller(input: $input) { tenant { resellerApprovedAt } errors { code } }
}"""
SUSPEND = """
mutation($input: OperatorTenantInput!) { operatorSuspendTenant(input: $input) { errors { code } } }
"""
CREATE_CLIENT = """
mutation($input: OperatorCreateTenantClientInput!) {
  operatorCreateTenantClient(input: $input) { oauthClient { clientId allowedScopes } clientSecret errors { field } }
}"""
RESEND = """
mutation($email: String!) { operatorResendVerification(input: {email: $email}) { ok errors { code } } }
"""


async def test_operator_creates_updates_and_reads_a_tenant(client, services):
    # given
    operator = await operator_token(client, services)
    # when
    created = await gql_data(
        client, operator, CREATE, {"input": {"name": "Acme", "slug": "acme", "ianaRegistrarId": 31}}
    )
    updated = await gql_data(
        client,
        operator,
        UPDATE,
        {"input": {"tenant": "acme", "abuseEmail": "abuse@acme.example", "ianaRegistrarId": None}},
    )
    read = await gql_data(client, operator, TENANT, {"ref": "acme"})
    # then
    tenant = created["operatorCreateTenant"]["tenant"]
    assert created["operatorCreateTenant"]["errors"] == []
    assert (tenant["slug"], tenant["status"], tenant["ianaRegistrarId"]) == ("acme", "ACTIVE", 31)
    assert updated["operatorUpdateTenant"]["tenant"] == {
        "abuseEmail": "abuse@acme.example",
        "abuseFormUrl": None,
        "ianaRegistrarId": None,
    }
    assert read["operator"]["tenant"] == {"id": tenant["id"], "slug": "acme", "members": [], "invitations": []}
    actions = [entry.action for entry in await audit_actions(services, tenant["id"])]
    assert actions == ["tenant.create", "tenant.update"]


async def test_bad_input_comes_back_as_errors_in_the_payload_naming_the_field(client, services):
    operator = await operator_token(client, services)
    await gql_data(client, operator, CREATE, {"input": {"name": "Acme", "slug": "acme"}})

    bad = await gql_data(client, operator, CREATE, {"input": {"name": "Acme", "slug": "acme!", "abuseEmail": "x"}})
    taken = await gql_data(client, operator, CREATE, {"input": {"name": "Acme", "slug": "acme"}})
    missing = await gql_data(client, operator, UPDATE, {"input": {"tenant": "nobody", "name": "X"}})

    assert bad["operatorCreateTenant"]["tenant"] is None
    assert {error["field"] for error in bad["operatorCreateTenant"]["errors"]} == {"slug", "abuseEmail"}
    assert taken["operatorCreateTenant"]["errors"] == [
        {"code": "unprocessable_entity", "field": "slug", "message": "has already been taken"}
    ]
    assert missing["operatorUpdateTenant"] == {"tenant": None, "errors": [{"code": "not_found", "field": None}]}


async def test_tenants_page_and_filter(client, services):
    # given
    operator = await operator_token(client, services)
    for slug in ("b-one", "b-two", "b-three"):
        await gql_data(client, operator, CREATE, {"input": {"name": f"Bravo {slug}", "slug": slug}})
    await gql_data(client, operator, SUSPEND, {"input": {"tenant": "b-two"}})
    # when
    first = await gql_data(client, operator, TENANTS, {"name": "BRAVO", "first": 2})
    page = first["operator"]["tenants"]
    second = await gql_data(
        client, operator, TENANTS, {"name": "bravo", "first": 2, "after": page["pageInfo"]["endCursor"]}
    )
    suspended = await gql_data(client, operator, TENANTS, {"status": "SUSPENDED", "first": 10})
    # then
    assert [edge["node"]["slug"] for edge in page["edges"]] == ["b-one", "b-three"] and page["pageInfo"]["hasNextPage"]
    assert [edge["node"]["slug"] for edge in second["operator"]["tenants"]["edges"]] == ["b-two"]
    assert [edge["node"] for edge in suspended["operator"]["tenants"]["edges"]] == [
        {"slug": "b-two", "status": "SUSPENDED"}
    ]


async def test_an_unknown_tenant_reads_as_null(client, services):
    operator = await operator_token(client, services)
    assert (await gql_data(client, operator, TENANT, {"ref": "nobody"}))["operator"]["tenant"] is None


async def test_status_and_reseller_mutations(client, services, demo):
    operator = await operator_token(client, services)

    result = await gql_data(client, operator, STATUS, {"input": {"tenant": DEMO_SLUG}})

    assert result["suspend"] == {"tenant": {"status": "SUSPENDED"}, "errors": []}
    assert result["reactivate"] == {"tenant": {"status": "ACTIVE"}, "errors": []}
    assert result["approve"]["tenant"]["resellerApprovedAt"] is not None
    assert result["revoke"] == {"tenant": {"resellerApprovedAt": None}, "errors": []}
    actions = [entry.action for entry in await audit_actions(services, demo.tenant_id)]
    assert actions == ["tenant.suspend", "tenant.reactivate", "tenant.approve_reseller", "tenant.revoke_reseller"]


async def test_an_invitation_returns_its_token_once_and_lists_without_it(client, services):
    # given
    operator = await operator_token(client, services)
    await gql_data(client, operator, CREATE, {"input": {"name": "Acme", "slug": "acme"}})
    # when
    invited = await gql_data(
        client, operator, INVITE, {"input": {"tenant": "acme", "email": "Ops@Acme.example", "role": "ADMIN"}}
    )
    listed = await gql(client, operator, TENANT, {"ref": "acme"})
    payload = invited["operatorInviteMember"]
    revoked = await gql_data(
        client, operator, REVOKE_INVITATION, {"input": {"tenant": "acme", "id": payload["invitation"]["id"]}}
    )
    again = await gql_data(
        client, operator, REVOKE_INVITATION, {"input": {"tenant": "acme", "id": payload["invitation"]["id"]}}
    )
    # then
    assert payload["invitation"]["email"] == "ops@acme.example" and payload["invitation"]["role"] == "ADMIN"
    assert payload["acceptUrl"].endswith(f"/api/v1/invitations/{payload['token']}/accept")
    assert listed["data"]["operator"]["tenant"]["invitations"] == [
        {"email": "ops@acme.example", "role": "ADMIN", "state": "pending"}
    ]
    assert payload["token"] not in str(listed)
    assert revoked["operatorRevokeInvitation"] == {"ok": True, "errors": []}
    assert again["operatorRevokeInvitation"] == {"ok": False, "errors": [{"code": "not_found"}]}


async def test_a_tenant_client_and_a_verification_resend(client, services, demo):
    operator = await operator_token(client, services)
    await make_user(services, "fresh@example.net")
    client_input = {
        "tenant": demo.tenant_id,
        "name": "ci",
        "clientType": "confidential",
        "allowedFlows": ["client_credentials"],
        "allowedScopes": ["read", "write"],
    }

    created = await gql_data(client, operator, CREATE_CLIENT, {"input": client_input})
    beyond = await gql_data(client, operator, CREATE_CLIENT, {"input": {**client_input, "allowedScopes": ["operator"]}})
    resent = await gql_data(client, operator, RESEND, {"email": "fresh@example.net"})

    payload = created["operatorCreateTenantClient"]
    assert payload["oauthClient"]["allowedScopes"] == ["read", "write"] and len(payload["clientSecret"]) >= 32
    assert beyond["operatorCreateTenantClient"]["errors"] == [{"field": "allowedScopes"}]
    assert resent["operatorResendVerification"] == {"ok": True, "errors": []}
    assert len(await outbox(services, "verify_email")) == 1


async def test_a_tenant_token_cannot_read_or_change_tenants_as_the_operator(client, services, demo):
    for document, variables in ((TENANT, {"ref": DEMO_SLUG}), (STATUS, {"input": {"tenant": DEMO_SLUG}})):
        body = await gql(client, demo, document, variables)
        assert body["errors"][0]["extensions"]["code"] == "insufficient_scope"
    assert await audit_actions(services) == []


async def test_operator_sees_who_the_members_are(client, services, demo):
    # given the operator and the demo tenant, whose owner is a verified user
    operator = await operator_token(client, services)

    # when it reads the tenant's members
    data = await gql_data(client, operator.headers, TENANT, {"ref": DEMO_SLUG})

    # then each member names its person
    assert [
        (member["role"], member["email"], member["emailVerified"]) for member in data["operator"]["tenant"]["members"]
    ] == [("OWNER", "owner@demo.example", True)]
