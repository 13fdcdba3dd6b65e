"""The operator's credentials in tests: an operator client made through the resolver (as
`registrar operator create-operator-client` does) and a token from `/oauth/token`."""

from __future__ import annotations

from dataclasses import dataclass

from registrar.context import RequestContext, Services
from registrar.resolvers.operator import clients
from registrar.resolvers.operator.guard import cli_operator


@dataclass(frozen=True)
class OperatorCredentials:
    client_id: str
    client_secret: str
    token: str

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


async def platform_token(client, services: Services, kind: str = "operator") -> OperatorCredentials:
    created = await clients.create_platform_client(
        RequestContext(services=services), cli_operator(), kind, f"{kind} tests"
    )
    response = await client.post(
        "/oauth/token",
        data={
            "grant_type": "client_credentials",
            "client_id": created.client.client_id,
            "client_secret": created.client_secret,
        },
    )
    assert response.status_code == 200, response.text
    return OperatorCredentials(created.client.client_id, created.client_secret, response.json()["access_token"])


async def operator_token(client, services: Services) -> OperatorCredentials:
    return await platform_token(client, services, "operator")
