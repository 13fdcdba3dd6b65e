"""Registry accounts, certificates and TLD associations through GraphQL: queries taking
`tenantId`, mutations with payload `errors` carrying the REST codes."""

from __future__ import annotations

from tests.support.factories import make_tenant
from tests.support.graphql import gql, gql_data

REGISTRY = """
query($t: ID!) {
  registryAccounts(tenantId: $t) { id name isDefault }
  tldAssociations(tenantId: $t, accreditationType: "icann_accredited") { tld config }
  tldAssociation(tenantId: $t, idOrTld: "example") { accreditationType }
}"""
UPLOAD = """
mutation($input: UploadRegistryCertificateInput!) {
  uploadRegistryCertificate(input: $input) { certificate { subject } errors { code } }
}"""


async def test_registry_reads_and_certificate_errors_through_graphql(client, demo):
    data = await gql_data(client, demo, REGISTRY, {"t": demo.tenant_id})
    assert [(a["name"], a["isDefault"]) for a in data["registryAccounts"]] == [("primary", True)]
    assert [row["tld"] for row in data["tldAssociations"]] == ["test"]
    assert data["tldAssociation"] == {"accreditationType": "non_icann"}
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


async def test_queries_of_another_tenant_are_top_level_errors(client, demo, services):
    other = await make_tenant(services, slug="other")
    body = await gql(client, other, REGISTRY, {"t": demo.tenant_id})
    assert body["errors"][0]["extensions"]["code"] == "tenant_mismatch"
