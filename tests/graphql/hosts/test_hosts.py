"""Hosts through GraphQL: the same resolvers and codes as REST."""

from __future__ import annotations

from tests.support.graphql import gql_data
from tests.support.lifecycle import registered

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
