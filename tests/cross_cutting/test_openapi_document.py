"""The OpenAPI document: complete over the app's REST routes, valid OpenAPI 3.1, and carrying
the cross-cutting contracts (error envelope, security schemes, Idempotency-Key)."""

from __future__ import annotations

import pytest

from registrar.app import create_app
from registrar.openapi import undocumented_routes
from registrar.openapi.document import served_operations

MUTATING = {"post", "put", "patch", "delete"}


async def fetch_document(client) -> dict:
    response = await client.get("/openapi.json")
    assert response.status_code == 200
    return response.json()


def test_every_rest_route_the_app_serves_has_a_declaration():
    assert undocumented_routes(create_app().routes) == []


async def test_the_document_describes_every_served_operation_with_a_summary(client):
    # given
    served = set(served_operations(create_app().routes))
    # when
    document = await fetch_document(client)
    # then
    described = {(method.upper(), path) for path, item in document["paths"].items() for method in item}
    assert described == served
    assert all(op["summary"] for item in document["paths"].values() for op in item.values())
    assert "/graphql" not in document["paths"]


async def test_the_document_is_valid_openapi_3_1(client):
    validator = pytest.importorskip("openapi_spec_validator")
    document = await fetch_document(client)
    assert document["openapi"] == "3.1.0"
    validator.validate(document)


async def test_mutating_operations_take_an_idempotency_key_and_name_their_errors(client):
    document = await fetch_document(client)
    for path, item in document["paths"].items():
        for method, operation in item.items():
            refs = [p.get("$ref") for p in operation["parameters"]]
            has_key = "#/components/parameters/IdempotencyKey" in refs
            assert has_key == (method in MUTATING), (method, path)
            if method in MUTATING:
                assert {"400", "409"} <= set(operation["responses"]), (method, path)
            assert "default" in operation["responses"]


async def test_shared_components_carry_the_error_envelope_and_security_schemes(client):
    components = (await fetch_document(client))["components"]
    envelope = components["schemas"]["Error"]
    assert envelope["required"] == ["error"]
    assert set(envelope["properties"]) == {"error", "detail", "details", "meta"}
    assert envelope["additionalProperties"] is False
    assert components["securitySchemes"]["bearerAuth"]["bearerFormat"] == "JWT"
    assert components["securitySchemes"]["basicAuth"]["scheme"] == "basic"
    key = components["parameters"]["IdempotencyKey"]
    assert (key["in"], key["name"]) == ("header", "Idempotency-Key")
