"""Text no column, EPP frame or mail can hold — NUL, control characters, lone surrogates — is
refused where it enters, with 422 `unprocessable_entity` and `details` naming the field (or a
400 for a URL path), on SQLite and PostgreSQL alike; never stored, never a 500."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from sqlmodel import select

from registrar.app import create_app
from registrar.errors import RegistrarError
from registrar.models import Contact, Tenant
from registrar.resolvers._shared.input_text import CONTROL_CHARACTER_MESSAGE, UNSAFE_TEXT_MESSAGE
from registrar.resolvers.operator.guard import cli_operator
from registrar.resolvers.operator.tenants import NewTenant, create_tenant
from tests.support.factories import contact_body
from tests.support.graphql import CREATE_CONTACT, contact_input, gql
from tests.support.users import context


@pytest.fixture
async def lenient_client(services) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=create_app(services=services), raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        yield http


async def contacts(services) -> list[Contact]:
    async with services.db.read() as session:
        return list((await session.exec(select(Contact))).all())


def as_json(**fields: str) -> dict[str, str]:
    return {"content-type": "application/json", **fields}


async def test_nul_in_a_json_body_is_a_422_naming_the_field_and_nothing_is_stored(lenient_client, demo, services):
    # when
    response = await lenient_client.post(
        demo.url("/contacts"), json=contact_body(name="Jane\x00Doe"), headers=demo.headers
    )
    # then
    assert response.status_code == 422
    assert response.json() == {"error": "unprocessable_entity", "details": {"name": [UNSAFE_TEXT_MESSAGE]}}
    assert await contacts(services) == []


async def test_a_lone_surrogate_in_a_json_body_is_a_422_naming_the_field(lenient_client, demo, services):
    # given: JSON text, since a surrogate cannot be encoded into a body any other way
    body = '{"handle": "jdoe", "city": "\\ud800", "name": "Jane"}'
    # when
    response = await lenient_client.post(demo.url("/contacts"), content=body, headers=as_json(**demo.headers))
    # then
    assert response.status_code == 422
    assert response.json()["details"] == {"city": [UNSAFE_TEXT_MESSAGE]}


async def test_nul_in_an_oauth_token_form_body_is_a_422(lenient_client):
    response = await lenient_client.post(
        "/oauth/token", data={"grant_type": "client_credentials", "client_id": "a\x00b", "client_secret": "s"}
    )
    assert response.status_code == 422
    assert response.json() == {"error": "unprocessable_entity", "details": {"client_id": [UNSAFE_TEXT_MESSAGE]}}


async def test_nul_in_a_multipart_form_field_is_a_422(lenient_client):
    response = await lenient_client.post(
        "/oauth/token",
        data={"grant_type": "client_credentials", "client_id": "a\x00b"},
        files={"unused": ("unused.txt", b"", "text/plain")},
    )
    assert response.status_code == 422
    assert response.json()["details"] == {"client_id": [UNSAFE_TEXT_MESSAGE]}


async def test_nul_in_the_sign_in_form_is_a_422(lenient_client):
    response = await lenient_client.post(
        "/oauth/authorize", data={"email": "a\x00@example.net", "password": "x", "client_id": "c"}
    )
    assert response.status_code == 422
    assert response.json()["details"] == {"email": [UNSAFE_TEXT_MESSAGE]}


@pytest.mark.parametrize("segment", ["%00", "a%00b", "a%0D%0Ab"])
async def test_a_control_character_in_a_url_path_is_a_400(lenient_client, demo, segment):
    response = await lenient_client.get(demo.url(f"/contacts/{segment}"), headers=demo.headers)
    assert response.status_code == 400
    assert response.json() == {"error": "bad_request", "detail": {"reason": "the URL path holds control characters"}}


async def test_nul_in_a_query_parameter_is_a_422_naming_it(lenient_client, demo):
    response = await lenient_client.get(demo.url("/domains"), params={"tld": "te\x00st"}, headers=demo.headers)
    assert response.status_code == 422
    assert response.json() == {"error": "unprocessable_entity", "details": {"tld": [UNSAFE_TEXT_MESSAGE]}}


@pytest.mark.parametrize("field", ["name", "organization", "city", "state_province", "postal_code"])
@pytest.mark.parametrize("text", ["Jane\r\nBcc: x", "Jane\tDoe", "Jane\x1b[31m", "Jane\x85Doe", "Jane\u2028Doe"])
async def test_control_characters_in_a_contact_field_are_a_422_with_details(client, demo, services, field, text):
    # when
    response = await client.post(demo.url("/contacts"), json=contact_body(**{field: text}), headers=demo.headers)
    # then
    assert response.status_code == 422
    assert response.json()["details"][field]
    assert await contacts(services) == []


async def test_a_line_break_in_a_street_line_is_a_422(client, demo):
    response = await client.post(
        demo.url("/contacts"), json=contact_body(street=["1 Main St\nApt 2"]), headers=demo.headers
    )
    assert response.status_code == 422
    assert response.json()["details"] == {"street": ["lines must not contain control characters or line breaks"]}


async def test_a_contact_update_with_a_control_character_is_a_422(client, demo):
    # given
    assert (await client.post(demo.url("/contacts"), json=contact_body(), headers=demo.headers)).status_code == 201
    # when
    response = await client.patch(demo.url("/contacts/jdoe"), json={"name": "Jane\r\nDoe"}, headers=demo.headers)
    # then
    assert response.status_code == 422
    assert response.json()["details"]["name"] == [CONTROL_CHARACTER_MESSAGE]


@pytest.mark.parametrize("name", ["Acme\r\nBcc: victim@example.net", "Acme\x00", "Acme\tRegistrar"])
async def test_a_tenant_name_with_control_characters_is_a_422_and_unchanged(client, demo, services, name):
    # when
    response = await client.patch(f"/api/v1/tenants/{demo.tenant_id}", json={"name": name}, headers=demo.headers)
    # then
    assert response.status_code == 422
    assert list(response.json()["details"]) == ["name"]
    async with services.db.read() as session:
        tenant = await session.get(Tenant, demo.tenant_id)
    assert tenant is not None and "\n" not in tenant.name and "\x00" not in tenant.name


async def test_the_operator_cannot_create_a_tenant_named_with_a_line_break(services):
    with pytest.raises(RegistrarError) as refused:
        await create_tenant(context(services), cli_operator(), NewTenant(name="Acme\nRegistrar", slug="acme"))
    assert refused.value.details == {"name": [CONTROL_CHARACTER_MESSAGE]}


async def test_graphql_variables_with_nul_are_a_422_naming_the_path(lenient_client, demo):
    body = {"query": CREATE_CONTACT, "variables": {"input": {**contact_input(demo.tenant_id), "name": "G\x00Q"}}}
    response = await lenient_client.post("/graphql", json=body, headers=demo.headers)
    assert response.status_code == 422
    assert response.json() == {
        "error": "unprocessable_entity",
        "details": {"variables.input.name": [UNSAFE_TEXT_MESSAGE]},
    }


async def test_a_graphql_string_literal_spelling_nul_is_refused_at_validation(client, demo, services):
    document = 'query { tenant(id: "a\\u0000b") { name } }'
    body = await gql(client, demo, document)
    assert body["errors"][0]["extensions"]["code"] == "unprocessable_entity"
    assert "Unexpected error" not in str(body)


async def test_a_graphql_mutation_with_a_line_break_in_a_contact_name_is_a_field_error(client, demo, services):
    variables = {"input": {**contact_input(demo.tenant_id), "name": "Graph\r\nQ"}}
    body = await gql(client, demo, CREATE_CONTACT, variables)
    assert body["data"]["createContact"]["contact"] is None
    assert body["data"]["createContact"]["errors"] == [
        {"code": "unprocessable_entity", "field": "name", "message": CONTROL_CHARACTER_MESSAGE}
    ]
    assert await contacts(services) == []
