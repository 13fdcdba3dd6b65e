"""Agreement versions and acceptance records through GraphQL: the same resolvers and codes as
REST."""

from __future__ import annotations

from tests.support.graphql import gql_data
from tests.support.lifecycle import registered

AGREEMENT = """
mutation($t: ID!) {
  createAgreementVersion(input: {tenantId: $t, version: "1.0", title: "RA", body: "Terms."}) {
    agreementVersion { id state contentHash } errors { code }
  }
}"""
PUBLISH = """
mutation($t: ID!, $id: ID!) {
  publishAgreementVersion(input: {tenantId: $t, id: $id}) {
    agreementVersion { state } errors { code }
  }
}"""
ACCEPT = """
mutation($t: ID!) {
  recordAcceptance(input: {tenantId: $t, name: "gql.test"}) {
    acceptance { state domainName redemptionFeeDisclosure { amount currency } } errors { code }
  }
}"""
ACCEPTANCE = """
query($t: ID!) {
  domainAcceptance(tenantId: $t, name: "gql.test") { state agreementVersionId }
  domainAcceptanceHistory(tenantId: $t, name: "gql.test") { state }
  agreementVersions(tenantId: $t, state: "published") { version }
}"""


async def test_agreements_and_acceptance_through_graphql(client, demo):
    await registered(client, demo, "gql.test")
    created = (await gql_data(client, demo, AGREEMENT, {"t": demo.tenant_id}))["createAgreementVersion"]
    assert created["agreementVersion"]["state"] == "draft" and created["errors"] == []
    version_id = created["agreementVersion"]["id"]
    published = await gql_data(client, demo, PUBLISH, {"t": demo.tenant_id, "id": version_id})
    assert published["publishAgreementVersion"] == {
        "agreementVersion": {"state": "published"},
        "errors": [],
    }
    accepted = await gql_data(client, demo, ACCEPT, {"t": demo.tenant_id})
    assert accepted["recordAcceptance"] == {
        "acceptance": {
            "state": "active",
            "domainName": "gql.test",
            "redemptionFeeDisclosure": {"amount": "79.0000", "currency": "USD"},
        },
        "errors": [],
    }
    data = await gql_data(client, demo, ACCEPTANCE, {"t": demo.tenant_id})
    assert data["domainAcceptance"] == {"state": "active", "agreementVersionId": version_id}
    assert data["domainAcceptanceHistory"] == [{"state": "active"}]
    assert data["agreementVersions"] == [{"version": "1.0"}]
