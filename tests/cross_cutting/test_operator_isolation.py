"""Every operator route, enumerated from the app itself, against every credential that is not an
operator client's live token: each is refused (401 for no or a broken token, 403
`insufficient_scope` for every tenant and directory credential) in the house envelope. And no
tenant can come to hold the `operator` scope: not through its OAuth clients, API keys,
authorization codes, refresh tokens, nor dynamic client registration."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import timedelta

import httpx
import jwt
import pytest
from starlette.routing import BaseRoute, Mount, Route

from registrar.app import create_app
from registrar.auth_tokens import mint_access_token
from registrar.bootstrap import mint_demo_token
from registrar.context import RequestContext
from registrar.resolvers.operator import clients
from registrar.resolvers.operator.guard import cli_operator
from tests.support.credentials import api_key
from tests.support.graphql import gql
from tests.support.operator import platform_token
from tests.support.tenancy import (
    REDIRECT,
    bearer,
    client_credentials_token,
    code_grant,
    create_client,
    pkce_pair,
)

OPERATOR_API = "/operator/v1"
MUTATING = {"POST", "PUT", "PATCH", "DELETE"}
ENVELOPE = {"error", "detail", "details"}


def walk(routes: Sequence[BaseRoute], prefix: str = "") -> Iterator[tuple[str, str]]:
    for route in routes:
        if isinstance(route, Mount):
            yield from walk(route.routes, prefix + route.path)
        elif isinstance(route, Route):
            for method in route.methods or ():
                if method != "HEAD":
                    yield method, prefix + route.path


def operator_routes() -> list[tuple[str, str]]:
    app = create_app(services=None)  # type: ignore[arg-type]
    return sorted({(method, path) for method, path in walk(app.routes) if path.startswith(OPERATOR_API + "/")})


ROUTES = operator_routes()


def concrete(path: str) -> str:
    """`path` with every placeholder filled by a random value."""
    return re.sub(r"\{[^}]+\}", lambda _: "ex-" + uuid.uuid4().hex[:12], path)


@dataclass(frozen=True)
class Caller:
    name: str
    headers: dict[str, str]
    status: int
    code: str


def forged(token: str, *, key: str | None, alg: str) -> str:
    claims = jwt.decode(token, options={"verify_signature": False})
    return jwt.encode(claims, key, algorithm=alg)


@pytest.fixture
async def operator(client, services):
    """A live operator client's token: the one credential operator routes answer."""
    return await platform_token(client, services, "operator")


@pytest.fixture
async def callers(client, services, demo, clock, operator) -> list[Caller]:
    """Every credential an operator route must refuse, each made once per test."""
    expired = mint_access_token(
        services.settings.secret_key,
        now=clock.now() - timedelta(hours=5),
        ttl_seconds=60,
        user_id=None,
        tenant_id=None,
        scope="operator",
        client_id=operator.client_id,
    ).token
    confidential = await create_client(client, demo, allowed_flows=["client_credentials"], redirect_uris=[])
    client_token = (await client_credentials_token(client, confidential)).json()["access_token"]
    public = await create_client(client, demo, client_type="public", allowed_flows=["authorization_code"])
    code_token = (await code_grant(client, demo, public))["access_token"]
    key = await api_key(client, demo.tenant_id, demo.headers, ["read", "write"])
    directory = await platform_token(client, services, "directory")
    # What only the operator's own `registrar demo-token --scope …` can mint: still a tenant's token.
    tenant_token_claiming_operator = await mint_demo_token(services, scope="read write operator")
    unauthorized, refused = (401, "unauthorized"), (403, "insufficient_scope")
    return [
        Caller("no Authorization", {}, *unauthorized),
        Caller("malformed token", bearer("not-a-jwt"), *unauthorized),
        Caller("wrong scheme", {"Authorization": f"Basic {operator.token}"}, *unauthorized),
        Caller(
            "operator token signed with another key",
            bearer(forged(operator.token, key="another-secret-key-another-secret-key", alg="HS256")),
            *unauthorized,
        ),
        Caller("unsigned operator token", bearer(forged(operator.token, key=None, alg="none")), *unauthorized),
        Caller("expired operator token", bearer(expired), *unauthorized),
        Caller("demo owner read+write token", demo.headers, *refused),
        Caller("tenant API key", bearer(key), *refused),
        Caller("tenant client_credentials token", bearer(client_token), *refused),
        Caller("tenant authorization-code token", bearer(code_token), *refused),
        Caller("tenant token claiming the operator scope", bearer(tenant_token_claiming_operator), *refused),
        Caller("directory client token", directory.headers, *refused),
    ]


async def call(client: httpx.AsyncClient, method: str, path: str, headers: dict[str, str]) -> httpx.Response:
    kwargs = {"json": {}} if method in MUTATING else {}
    return await client.request(method, concrete(path), headers=headers, **kwargs)


def problem(response: httpx.Response, status: int, code: str) -> str | None:
    """What is wrong with `response` to a caller who must get `status` and `code`, if anything."""
    try:
        body = response.json()
    except ValueError:
        return f"{response.status_code} not JSON: {response.text[:80]!r}"
    if response.status_code != status or not isinstance(body, dict) or body.get("error") != code:
        return f"{response.status_code} {response.text[:160]}"
    if not set(body) <= ENVELOPE:
        return f"outside the envelope: {sorted(body)}"
    return None


def test_the_table_covers_the_operator_routes_that_exist() -> None:
    assert len(ROUTES) >= 3
    assert ("GET", f"{OPERATOR_API}/audit_log") in ROUTES
    assert ("POST", f"{OPERATOR_API}/clients") in ROUTES
    assert {method for method, _ in ROUTES} & MUTATING, "mutations are enumerated"
    assert any("{" in path for _, path in ROUTES), "routes with path parameters are enumerated"


async def test_every_operator_route_and_field_refuses_every_credential_but_a_live_operator_token(
    client, services, callers, operator
) -> None:
    # given every operator route and every credential that is not a live operator token
    failures = []
    for method, path in ROUTES:
        for caller in callers:
            # when the caller calls the route
            response = await call(client, method, path, caller.headers)
            # then it is refused with the documented status and code, in the house envelope
            found = problem(response, caller.status, caller.code)
            if found:
                failures.append(f"{method} {path} as {caller.name}: {found}")
        # and the route does answer the operator (so the refusals above are about the credential)
        answered = await call(client, method, path, operator.headers)
        if answered.status_code in (401, 403) or answered.status_code >= 500:
            failures.append(f"{method} {path} as the operator: {answered.status_code} {answered.text[:160]}")
    # and once the operator's client is revoked, its token is refused everywhere
    await clients.revoke_platform_client(RequestContext(services=services), cli_operator(), operator.client_id)
    for method, path in ROUTES:
        found = problem(await call(client, method, path, operator.headers), 401, "unauthorized")
        if found:
            failures.append(f"{method} {path} as a revoked operator client: {found}")
    # and GraphQL's operator field refuses them alike: a top-level error with the same code, no data
    for caller in callers:
        body = await gql(client, caller.headers, "{ operator { __typename } }")
        codes = [error.get("extensions", {}).get("code") for error in body.get("errors", [])]
        if body.get("data") is not None or codes != [caller.code]:
            failures.append(f"GraphQL operator as {caller.name}: {body}")
    assert failures == []


# -- the operator scope is not a tenant's to grant ----------------------------------------------------


@pytest.mark.parametrize("scopes", [["operator"], ["read", "write", "operator"]])
async def test_a_tenant_oauth_client_with_the_operator_scope_is_refused(client, demo, scopes) -> None:
    # when the demo owner creates a client allowed the operator scope
    response = await client.post(
        demo.url("/oauth_clients"),
        json={"name": "sneaky", "client_type": "confidential", "allowed_flows": ["client_credentials"]}
        | {"allowed_scopes": scopes},
        headers=demo.headers,
    )
    # then it is refused on the field
    assert response.status_code == 422, response.text
    assert response.json()["error"] == "unprocessable_entity" and "allowed_scopes" in response.json()["details"]


@pytest.mark.parametrize("scopes", [["operator"], ["read", "operator"]])
async def test_a_tenant_api_key_with_the_operator_scope_is_refused(client, demo, scopes) -> None:
    # when the demo owner asks for an API key holding the operator scope
    response = await client.post(demo.url("/api_keys"), json={"name": "sneaky", "scopes": scopes}, headers=demo.headers)
    # then it is refused on the field
    assert response.status_code == 422, response.text
    assert "scopes" in response.json()["details"]


@pytest.mark.parametrize("scope", ["operator", "read operator"])
async def test_a_tenant_client_credentials_grant_asking_for_operator_is_invalid_scope(client, demo, scope) -> None:
    # given a tenant's confidential client
    tenant_client = await create_client(client, demo)
    # when it asks the token endpoint for the operator scope
    response = await client_credentials_token(client, tenant_client, scope=scope)
    # then no token is issued
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_scope"
    assert "access_token" not in response.json()


async def test_an_authorization_code_asking_for_operator_is_refused_as_json_and_as_a_page(client, demo) -> None:
    # given a tenant's client and a PKCE challenge
    tenant_client = await create_client(client, demo)
    params = {
        "response_type": "code",
        "client_id": tenant_client["client_id"],
        "redirect_uri": REDIRECT,
        "code_challenge": pkce_pair()[1],
        "code_challenge_method": "S256",
        "state": "st",
        "scope": "read operator",
    }
    # when the owner authorizes it for the operator scope (JSON), or a browser opens the sign-in page
    as_json = await client.get("/oauth/authorize", params=params, headers=demo.headers)
    as_page = await client.get("/oauth/authorize", params=params, headers={"Accept": "text/html"})
    # then no code is issued and no sign-in form is offered
    assert as_json.status_code == 400 and as_json.json()["error"] == "invalid_scope"
    assert as_page.status_code == 400 and "<form" not in as_page.text


async def test_a_refresh_asking_for_operator_is_invalid_scope(client, demo) -> None:
    # given tokens from a tenant's authorization-code grant
    tenant_client = await create_client(client, demo)
    tokens = await code_grant(client, demo, tenant_client)
    # when the refresh asks for the operator scope
    response = await client.post(
        "/oauth/token",
        data={
            "grant_type": "refresh_token",
            "refresh_token": tokens["refresh_token"],
            "client_id": tenant_client["client_id"],
            "client_secret": tenant_client["client_secret"],
            "scope": "operator",
        },
    )
    # then it is refused
    assert response.status_code == 400 and response.json()["error"] == "invalid_scope"


async def test_dynamic_registration_with_the_operator_scope_is_refused(client, services, demo) -> None:
    # given dynamic client registration switched on
    object.__setattr__(services, "settings", replace(services.settings, dcr_enabled=True))
    # when a client registers asking for the operator scope
    asked = await client.post(
        "/oauth/register",
        json={"redirect_uris": [REDIRECT], "client_name": "sneaky", "scope": "read operator"},
    )
    # then it is refused on the field
    assert asked.status_code == 422, asked.text
    assert "scope" in asked.json()["details"]
    # and a client registered without it cannot be authorized for it either
    registered = await client.post("/oauth/register", json={"redirect_uris": [REDIRECT], "client_name": "plain"})
    assert registered.status_code == 201, registered.text
    authorize = await client.get(
        "/oauth/authorize",
        params={
            "response_type": "code",
            "client_id": registered.json()["client_id"],
            "redirect_uri": REDIRECT,
            "code_challenge": pkce_pair()[1],
            "code_challenge_method": "S256",
            "tenant_id": demo.tenant_id,
            "scope": "operator",
        },
        headers=demo.headers,
    )
    assert authorize.status_code == 400 and authorize.json()["error"] == "invalid_scope"
