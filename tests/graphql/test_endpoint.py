"""What holds for every GraphQL operation: auth failures are top-level errors with codes, the
alias and token limits, and GraphiQL served from local assets."""

from __future__ import annotations

from tests.support.factories import make_tenant
from tests.support.graphql import CREATE_CONTACT, contact_input, gql


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
