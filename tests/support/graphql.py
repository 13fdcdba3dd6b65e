"""GraphQL test helpers: a client that fails on any top-level error unless told otherwise, and
the contact every GraphQL scenario starts from."""

from __future__ import annotations

from typing import Any

CREATE_CONTACT = """
mutation($input: CreateContactInput!) {
  createContact(input: $input) { contact { id handle phone street } errors { code field message } }
}"""


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


def contact_input(tenant_id: str, handle: str = "gq") -> dict:
    """A valid `CreateContactInput`."""
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
