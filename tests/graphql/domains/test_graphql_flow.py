"""The issue-2 path through GraphQL: same resolvers, same codes as REST."""

from __future__ import annotations

from sqlmodel import select

from registrar.models import Domain, DomainEvent
from tests.support.factories import make_tenant
from tests.support.graphql import gql, gql_data

CREATE_CONTACT = """
mutation($input: CreateContactInput!) {
  createContact(input: $input) { contact { id handle phone street } errors { code field message } }
}"""
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
AVAILABILITY = """
query($tenantId: ID!, $names: [String!]!) {
  domainAvailability(tenantId: $tenantId, names: $names, feeCommands: ["create"]) {
    results { name status fees { command amount currency } premiumMarker error }
    errors { code field }
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


def contact_input(tenant_id: str, handle: str = "gq") -> dict:
    return {
        "tenantId": tenant_id,
        "handle": handle,
        "name": "Graph Q",
        "email": "gq@example.net",
        "phone": "+442071838750",
        "street": ["10 Downing St"],
        "city": "London",
        "countryCode": "GB",
    }


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


async def test_validation_errors_name_the_graphql_field(client, demo):
    bad = contact_input(demo.tenant_id) | {"phone": "+15554545", "countryCode": "XX"}
    data = await gql_data(client, demo, CREATE_CONTACT, {"input": bad})
    errors = data["createContact"]["errors"]
    assert {(e["code"], e["field"]) for e in errors} == {
        ("unprocessable_entity", "phone"),
        ("unprocessable_entity", "countryCode"),
    }
    quote = await gql_data(
        client,
        demo,
        CREATE_QUOTE,
        {
            "input": {
                "tenantId": demo.tenant_id,
                "fqdn": "x.com",
                "operation": "register",
                "period": 1,
            }
        },
    )
    assert quote["createQuote"]["errors"][0]["code"] == "tld_not_associated"
    assert quote["createQuote"]["errors"][0]["detail"] == {"tld": "com"}


async def test_domain_availability_through_graphql(client, demo):
    data = await gql_data(
        client,
        demo,
        AVAILABILITY,
        {"tenantId": demo.tenant_id, "names": ["free-one.test", "taken.test"]},
    )
    results = data["domainAvailability"]["results"]
    assert [(r["name"], r["status"]) for r in results] == [
        ("free-one.test", "available"),
        ("taken.test", "unavailable"),
    ]
    assert results[0]["fees"] == [{"command": "create", "amount": "10.00", "currency": "USD"}]
    empty = await gql_data(client, demo, AVAILABILITY, {"tenantId": demo.tenant_id, "names": []})
    assert empty["domainAvailability"]["results"] is None
    assert empty["domainAvailability"]["errors"][0]["field"] == "names"


async def test_auth_failures_are_top_level_errors_with_codes(client, demo, services):
    other = await make_tenant(services, slug="other")
    query = "query($id: ID!) { tenant(id: $id) { name } }"
    no_token = await gql(client, {}, query, {"id": demo.tenant_id})
    assert no_token["data"] is None
    assert no_token["errors"][0]["extensions"]["code"] == "unauthorized"
    mismatch = await gql(client, demo, query, {"id": other.tenant_id})
    assert mismatch["errors"][0]["extensions"]["code"] == "tenant_mismatch"
    mutation = await gql(client, other, CREATE_CONTACT, {"input": contact_input(demo.tenant_id)})
    assert mutation["errors"][0]["extensions"]["code"] == "tenant_mismatch"
    assert mutation["data"] is None


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


async def test_alias_and_token_limits_are_enforced(client, demo):
    aliases = " ".join(f"a{i}: __typename" for i in range(40))
    too_wide = await gql(client, demo, f"{{ {aliases} }}")
    assert "aliases" in too_wide["errors"][0]["message"]
    huge = "{ " + " ".join("__typename" for _ in range(3000)) + " }"
    too_long = await gql(client, demo, huge)
    assert too_long["errors"]


async def test_graphiql_is_served_with_local_assets(client):
    page = await client.get("/graphql", headers={"Accept": "text/html"})
    assert page.status_code == 200
    assert "/static/graphiql/graphiql.min.js" in page.text
    assert "unpkg" not in page.text and "cdn" not in page.text.lower()
    asset = await client.get("/static/graphiql/graphiql.min.js")
    assert asset.status_code == 200
