"""`POST /oauth/introspect` (RFC 7662) answers only an authenticated client (§2.1), and only
about tokens of that client's tenant."""

from __future__ import annotations

from tests.support.factories import make_tenant
from tests.support.tenancy import client_credentials_token, create_client


async def test_introspection_without_client_authentication_is_invalid_client(client, demo):
    # given a live token
    oauth_client = await create_client(client, demo)
    token = (await client_credentials_token(client, oauth_client)).json()["access_token"]
    public = await create_client(client, demo, name="spa", client_type="public", allowed_flows=["authorization_code"])
    # when it is introspected anonymously, with a wrong secret, or by a public client
    answers = [
        await client.post("/oauth/introspect", data={"token": token}),
        await client.post("/oauth/introspect", data={"token": token, "client_id": oauth_client["client_id"]}),
        await client.post("/oauth/introspect", data={"token": token}, auth=(oauth_client["client_id"], "wrong")),
        await client.post("/oauth/introspect", data={"token": token, "client_id": public["client_id"]}),
    ]
    # then each is refused without a word about the token
    for answer in answers:
        assert (answer.status_code, answer.json()) == (401, {"error": "invalid_client"})


async def test_introspection_by_an_authenticated_client_reports_the_token(client, demo):
    oauth_client = await create_client(client, demo)
    token = (await client_credentials_token(client, oauth_client)).json()["access_token"]
    for kwargs in (
        {"auth": (oauth_client["client_id"], oauth_client["client_secret"])},
        {"data": {"client_id": oauth_client["client_id"], "client_secret": oauth_client["client_secret"]}},
    ):
        data = {"token": token, **kwargs.pop("data", {})}
        answer = await client.post("/oauth/introspect", data=data, **kwargs)
        assert answer.status_code == 200 and answer.headers["cache-control"] == "no-store"
        assert answer.json()["active"] is True and answer.json()["tenant_id"] == demo.tenant_id


async def test_introspection_hides_the_tokens_of_another_tenant(client, demo, services):
    # given a client of another tenant
    other = await make_tenant(services, slug="prying")
    prying = await client.post(
        f"/api/v1/tenants/{other.tenant_id}/oauth_clients",
        json={
            "name": "prying",
            "client_type": "confidential",
            "allowed_flows": ["client_credentials"],
            "allowed_scopes": ["read"],
        },
        headers=other.headers,
    )
    prying_client = prying.json()["data"]
    # when it introspects a demo token
    answer = await client.post(
        "/oauth/introspect",
        data={"token": demo.token},
        auth=(prying_client["client_id"], prying_client["client_secret"]),
    )
    # then the token looks inactive
    assert answer.status_code == 200 and answer.json() == {"active": False}
