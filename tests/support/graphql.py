"""GraphQL test helpers: a client that fails on any top-level error unless told otherwise."""

from __future__ import annotations

from typing import Any


async def gql(client, demo_or_headers, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
    """POST a document; return the whole JSON body (data and errors)."""
    headers = demo_or_headers.headers if hasattr(demo_or_headers, "headers") else demo_or_headers
    response = await client.post("/graphql", json={"query": query, "variables": variables or {}}, headers=headers)
    assert response.status_code == 200, response.text
    return response.json()


async def gql_data(client, demo, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
    """Like `gql`, but any top-level error fails the test (Saleor's get_graphql_content)."""
    body = await gql(client, demo, query, variables)
    assert "errors" not in body, body["errors"]
    return body["data"]
