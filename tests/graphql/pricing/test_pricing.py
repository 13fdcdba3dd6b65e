"""Quotes and rate cards through GraphQL: the same resolvers and codes as REST."""

from __future__ import annotations

from tests.support.factories import make_tenant
from tests.support.graphql import gql, gql_data

CREATE_QUOTE = """
mutation($input: CreateQuoteInput!) {
  createQuote(input: $input) { quote { quoteId fqdn period price { amount currency } } errors { code message detail } }
}"""
RATE_CARDS = """
query($t: ID!) {
  rateCard(tenantId: $t, tld: "test") { tld entries { operation period price { amount currency } } }
  missing: rateCard(tenantId: $t, tld: "com") { tld }
}"""


async def test_quote_for_an_unassociated_tld_names_the_tld(client, demo):
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


async def test_rate_card_of_an_associated_tld_and_null_for_another(client, demo):
    data = await gql_data(client, demo, RATE_CARDS, {"t": demo.tenant_id})
    assert {
        "operation": "register",
        "period": 1,
        "price": {"amount": "9.9900", "currency": "USD"},
    } in data["rateCard"]["entries"]
    assert data["missing"] is None


async def test_rate_cards_of_another_tenant_are_top_level_errors(client, demo, services):
    other = await make_tenant(services, slug="other")
    body = await gql(client, other, RATE_CARDS, {"t": demo.tenant_id})
    assert body["errors"][0]["extensions"]["code"] == "tenant_mismatch"
