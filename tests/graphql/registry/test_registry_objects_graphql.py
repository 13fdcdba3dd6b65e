"""The same lifecycle resolvers through GraphQL: queries taking `tenantId`, mutations with
payload `errors` carrying the REST codes."""

from __future__ import annotations

import re

from tests.support.factories import make_tenant
from tests.support.graphql import gql, gql_data
from tests.support.lifecycle import notifications, registered
from tests.support.rest import create_contact

CREATE_HOST = """
mutation($input: CreateHostInput!) {
  createHost(input: $input) { host { name addresses subordinate } errors { code field } }
}"""
HOSTS = """
query($t: ID!) {
  hosts(tenantId: $t, first: 10) { edges { node { name addresses } } pageInfo { hasNextPage } }
  host(tenantId: $t, name: "ns1.glue.test") { name }
  hostNameAvailability(tenantId: $t, name: "ns1.glue.test") { name available }
}"""
UPDATE_CONTACT = """
mutation($input: UpdateContactInput!) {
  updateContact(input: $input) { contact { handle city fax } errors { code field message } }
}"""
VERIFY_CONTACT = """
mutation($input: VerifyContactInput!) {
  verifyContact(input: $input) { contact { verificationState } errors { code } }
}"""
REGISTRY = """
query($t: ID!) {
  registryAccounts(tenantId: $t) { id name isDefault }
  tldAssociations(tenantId: $t, accreditationType: "icann_accredited") { tld config }
  tldAssociation(tenantId: $t, idOrTld: "example") { accreditationType }
  rateCard(tenantId: $t, tld: "test") { tld entries { operation period price { amount currency } } }
  missing: rateCard(tenantId: $t, tld: "com") { tld }
}"""
UPLOAD = """
mutation($input: UploadRegistryCertificateInput!) {
  uploadRegistryCertificate(input: $input) { certificate { subject } errors { code } }
}"""
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


async def test_hosts_through_graphql(client, demo):
    await registered(client, demo, "glue.test")
    variables = {"input": {"tenantId": demo.tenant_id, "name": "ns1.glue.test", "addresses": ["192.0.2.5"]}}
    created = await gql_data(client, demo, CREATE_HOST, variables)
    assert created["createHost"] == {
        "host": {"name": "ns1.glue.test", "addresses": ["192.0.2.5"], "subordinate": True},
        "errors": [],
    }
    refused = await gql_data(client, demo, CREATE_HOST, variables)
    assert refused["createHost"] == {
        "host": None,
        "errors": [{"code": "unprocessable_entity", "field": "name"}],
    }
    data = await gql_data(client, demo, HOSTS, {"t": demo.tenant_id})
    assert [edge["node"]["name"] for edge in data["hosts"]["edges"]] == ["ns1.glue.test"]
    assert data["host"] == {"name": "ns1.glue.test"}
    assert data["hostNameAvailability"] == {"name": "ns1.glue.test", "available": False}


async def test_update_and_verify_contact_through_graphql(client, demo, services):
    await create_contact(client, demo)
    changed = await gql_data(
        client,
        demo,
        UPDATE_CONTACT,
        {"input": {"tenantId": demo.tenant_id, "handle": "jdoe", "city": "Oakland"}},
    )
    assert changed["updateContact"] == {
        "contact": {"handle": "jdoe", "city": "Oakland", "fax": None},
        "errors": [],
    }
    bad = await gql_data(
        client,
        demo,
        UPDATE_CONTACT,
        {"input": {"tenantId": demo.tenant_id, "handle": "jdoe", "phone": "+15554545"}},
    )
    assert bad["updateContact"]["errors"] == [
        {
            "code": "unprocessable_entity",
            "field": "phone",
            "message": "is not a valid number for its country code",
        }
    ]
    (message,) = await notifications(services, "contact_verification")
    token = re.search(r"code: (\S+)", message.body).group(1)
    verify = {"input": {"tenantId": demo.tenant_id, "handle": "jdoe", "channel": "email", "token": token}}
    verified = await gql_data(client, {}, VERIFY_CONTACT, verify)  # no bearer token
    assert verified["verifyContact"] == {"contact": {"verificationState": "active"}, "errors": []}
    replay = await gql_data(client, {}, VERIFY_CONTACT, verify)
    assert replay["verifyContact"] == {
        "contact": None,
        "errors": [{"code": "verification_token_invalid"}],
    }


async def test_registry_reads_and_certificate_errors_through_graphql(client, demo):
    data = await gql_data(client, demo, REGISTRY, {"t": demo.tenant_id})
    assert [(a["name"], a["isDefault"]) for a in data["registryAccounts"]] == [("primary", True)]
    assert [row["tld"] for row in data["tldAssociations"]] == ["test"]
    assert data["tldAssociation"] == {"accreditationType": "non_icann"}
    assert {
        "operation": "register",
        "period": 1,
        "price": {"amount": "9.9900", "currency": "USD"},
    } in data["rateCard"]["entries"]
    assert data["missing"] is None
    account_id = data["registryAccounts"][0]["id"]
    upload = {
        "input": {
            "tenantId": demo.tenant_id,
            "registryAccountId": account_id,
            "certPem": "x",
            "keyPem": " ",
        }
    }
    refused = await gql_data(client, demo, UPLOAD, upload)
    assert refused["uploadRegistryCertificate"] == {
        "certificate": None,
        "errors": [{"code": "key_pem_required"}],
    }


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


async def test_queries_of_another_tenant_are_top_level_errors(client, demo, services):
    other = await make_tenant(services, slug="other")
    body = await gql(client, other, REGISTRY, {"t": demo.tenant_id})
    assert body["errors"][0]["extensions"]["code"] == "tenant_mismatch"
