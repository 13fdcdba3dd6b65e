"""A dashboard page costs a constant number of SQL statements, whatever its size."""

from __future__ import annotations

from registrar.db import count_statements
from tests.support.graphql import gql_data
from tests.support.seeding import seed_domains

DASHBOARD = """
query($id: ID!, $first: Int!) {
  tenant(id: $id) {
    domains(first: $first) {
      edges { node {
        name expiresAt
        registrant { handle email }
        adminContact { handle }
        nameservers { name addresses }
        registryAccount { name }
        acceptance { acceptanceMethod reacceptanceRequired }
        autoRenewal { enabled renewalFee { amount } }
        events(last: 5) { eventType insertedAt }
      } }
    }
  }
}"""


async def test_dashboard_query_statement_count_is_independent_of_page_size(client, demo, services):
    await seed_domains(services, demo.tenant_id, 100)
    counts = {}
    for size in (10, 100):
        async with count_statements() as statements:
            data = await gql_data(client, demo, DASHBOARD, {"id": demo.tenant_id, "first": size})
        assert len(data["tenant"]["domains"]["edges"]) == size
        counts[size] = len(statements)
    assert counts[10] == counts[100]
    assert 3 <= counts[10] <= 16


async def test_rest_domain_list_statement_count_is_independent_of_page_size(client, demo, services):
    await seed_domains(services, demo.tenant_id, 100)
    counts = {}
    for size in (10, 100):
        async with count_statements() as statements:
            response = await client.get(demo.url(f"/domains?limit={size}"), headers=demo.headers)
        assert len(response.json()["data"]) == size
        counts[size] = len(statements)
    assert counts[10] == counts[100]
