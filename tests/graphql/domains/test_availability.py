"""`domainAvailability`: per-name answers with registry fees, input errors in the payload."""

from __future__ import annotations

from tests.support.graphql import gql_data

AVAILABILITY = """
query($tenantId: ID!, $names: [String!]!) {
  domainAvailability(tenantId: $tenantId, names: $names, feeCommands: ["create"]) {
    results { name status fees { command amount currency } premiumMarker error }
    errors { code field }
  }
}"""


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
