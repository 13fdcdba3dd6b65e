"""A tenant's OAuth clients, sessions and API keys through GraphQL: the same resolvers and
codes as REST; secrets only in the payload that creates them."""

from __future__ import annotations

from tests.support.factories import make_tenant
from tests.support.graphql import gql, gql_data

CREDENTIALS = """
query($id: ID!) {
  tenant(id: $id) {
    oauthClients { clientId name allowedFlows }
    sessions { id }
    apiKeys { name prefix scopes }
  }
}"""
CREATE_CLIENT = """
mutation($input: CreateOAuthClientInput!) {
  createOAuthClient(input: $input) { oauthClient { id clientId } clientSecret errors { code field } }
}"""
API_KEY = """
mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { apiKey { name } secret errors { code field } } }"""


async def test_oauth_clients_and_api_keys_through_graphql(client, demo):
    created = await gql_data(
        client,
        demo,
        CREATE_CLIENT,
        {
            "input": {
                "tenantId": demo.tenant_id,
                "name": "ci",
                "clientType": "confidential",
                "allowedFlows": ["client_credentials"],
                "allowedScopes": ["read"],
            }
        },
    )
    assert created["createOAuthClient"]["clientSecret"]
    key = await gql_data(
        client,
        demo,
        API_KEY,
        {"input": {"tenantId": demo.tenant_id, "name": "k", "scopes": ["read"]}},
    )
    assert key["createApiKey"]["secret"].startswith("rk_")
    data = (await gql_data(client, demo, CREDENTIALS, {"id": demo.tenant_id}))["tenant"]
    assert data["oauthClients"][0]["name"] == "ci"
    assert data["apiKeys"][0]["name"] == "k"


async def test_plain_member_reading_api_keys_is_a_top_level_forbidden(client, services):
    member = await make_tenant(services, slug="plain", role="member")
    reads = await gql(
        client,
        member,
        "query($id: ID!) { tenant(id: $id) { apiKeys { name } } }",
        {"id": member.tenant_id},
    )
    assert reads["errors"][0]["extensions"]["code"] == "forbidden"
