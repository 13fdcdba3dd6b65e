"""Registering a domain through GraphQL (contact, quote, `registerDomain`) and reading it back
through the tenant: same resolvers, same codes as REST."""

from __future__ import annotations

from sqlmodel import select

from registrar.models import Domain, DomainEvent
from tests.support.graphql import CREATE_CONTACT, contact_input, gql, gql_data

CREATE_QUOTE = """
mutation($input: CreateQuoteInput!) {
  createQuote(input: $input) { quote { quoteId fqdn period price { amount currency } } errors { code message detail } }
}"""
REGISTER = """
mutation($input: RegisterDomainInput!) {
  registerDomain(input: $input) {
    domain { id name state registrant { handle } nameservers { name } registryAccount { name } }
    errors { code field message detail }
  }
}"""
TENANT = """
query($id: ID!, $first: Int!, $after: String) {
  tenant(id: $id) {
    name slug
    domains(first: $first, after: $after) {
      edges { cursor node { name state expiresAt registrant { handle email } nameservers { name }
        registryAccount { name registryBinding } autoRenewal { enabled mode renewalFee { amount } }
        events(last: 5) { eventType actorType payload } } }
      pageInfo { hasNextPage endCursor }
    }
    domain(name: "gql.test") { name }
    missing: domain(name: "nothing.test") { name }
    contacts(first: 10) { edges { node { handle } } }
    contact(handle: "gq") { name }
  }
}"""


async def register_via_graphql(client, demo, name: str) -> dict:
    quote = await gql_data(
        client,
        demo,
        CREATE_QUOTE,
        {"input": {"tenantId": demo.tenant_id, "fqdn": name, "operation": "register", "period": 1}},
    )
    quote_id = quote["createQuote"]["quote"]["quoteId"]
    data = await gql_data(
        client,
        demo,
        REGISTER,
        {
            "input": {
                "tenantId": demo.tenant_id,
                "name": name,
                "registrantHandle": "gq",
                "quoteId": quote_id,
                "nameservers": ["ns1.example.net"],
            }
        },
    )
    return data["registerDomain"]


async def test_contact_quote_register_and_read_back_through_graphql(client, demo, services):
    # given
    created = await gql_data(client, demo, CREATE_CONTACT, {"input": contact_input(demo.tenant_id)})
    assert created["createContact"]["errors"] == []
    assert created["createContact"]["contact"]["handle"] == "gq"
    # when
    result = await register_via_graphql(client, demo, "gql.test")
    # then
    assert result["errors"] == []
    assert result["domain"]["name"] == "gql.test"
    assert result["domain"]["state"] == "REGISTERED"
    assert result["domain"]["registrant"] == {"handle": "gq"}
    assert result["domain"]["nameservers"] == [{"name": "ns1.example.net"}]
    async with services.db.read() as session:
        domain = (await session.exec(select(Domain).where(Domain.name == "gql.test"))).one()
        events = (await session.exec(select(DomainEvent).where(DomainEvent.domain_id == domain.id))).all()
    assert [event.event_type for event in events] == ["registered"]
    read = await gql_data(client, demo, TENANT, {"id": demo.tenant_id, "first": 10})
    tenant = read["tenant"]
    node = tenant["domains"]["edges"][0]["node"]
    assert node["registrant"]["email"] == "gq@example.net"
    assert node["registryAccount"] == {"name": "primary", "registryBinding": "sandbox"}
    assert node["autoRenewal"] == {
        "enabled": True,
        "mode": "DEFAULT",
        "renewalFee": {"amount": "11.4900"},
    }
    assert [e["eventType"] for e in node["events"]] == ["registered"]
    assert tenant["domain"] == {"name": "gql.test"}
    assert tenant["missing"] is None
    assert tenant["contact"] == {"name": "Graph Q"}


async def test_rest_and_graphql_share_rules_for_a_reused_quote(client, demo):
    await gql_data(client, demo, CREATE_CONTACT, {"input": contact_input(demo.tenant_id)})
    quote = await gql_data(
        client,
        demo,
        CREATE_QUOTE,
        {
            "input": {
                "tenantId": demo.tenant_id,
                "fqdn": "twice.test",
                "operation": "register",
                "period": 1,
            }
        },
    )
    quote_id = quote["createQuote"]["quote"]["quoteId"]
    variables = {
        "input": {
            "tenantId": demo.tenant_id,
            "name": "twice.test",
            "registrantHandle": "gq",
            "quoteId": quote_id,
        }
    }
    first = await gql_data(client, demo, REGISTER, variables)
    assert first["registerDomain"]["errors"] == []
    second = await gql_data(client, demo, REGISTER, variables)
    assert second["registerDomain"]["domain"] is None
    assert [e["code"] for e in second["registerDomain"]["errors"]] == ["quote_consumed"]
    rest = await client.post(
        demo.url("/domains"),
        json={"name": "twice.test", "registrant_handle": "gq", "quote_id": quote_id},
        headers=demo.headers,
    )
    assert rest.json()["error"] == "quote_consumed"


async def test_connection_pages_with_cursors_and_caps_first(client, demo):
    await gql_data(client, demo, CREATE_CONTACT, {"input": contact_input(demo.tenant_id)})
    for name in ("page-a.test", "page-b.test", "page-c.test"):
        assert (await register_via_graphql(client, demo, name))["errors"] == []
    first = await gql_data(client, demo, TENANT, {"id": demo.tenant_id, "first": 2})
    page = first["tenant"]["domains"]
    assert [e["node"]["name"] for e in page["edges"]] == ["page-a.test", "page-b.test"]
    assert page["pageInfo"]["hasNextPage"] is True
    second = await gql_data(
        client,
        demo,
        TENANT,
        {"id": demo.tenant_id, "first": 2, "after": page["pageInfo"]["endCursor"]},
    )
    assert [e["node"]["name"] for e in second["tenant"]["domains"]["edges"]] == ["page-c.test"]
    too_many = await gql(client, demo, TENANT, {"id": demo.tenant_id, "first": 101})
    assert too_many["errors"][0]["extensions"]["code"] == "unprocessable_entity"
