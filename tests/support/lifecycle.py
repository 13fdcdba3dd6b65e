"""Helpers for lifecycle tests: a registered domain and the demo account's EPP session."""

from __future__ import annotations

from typing import Any

from sqlmodel import select

from registrar.context import RequestContext
from registrar.epp.commands.session import RegistrySession
from registrar.models import Notification, RegistryAccount, RegistryBinding
from registrar.resolvers.registry.accounts import endpoint_of, login_of
from tests.support.rest import create_contact, quote, register


async def registry(services) -> RegistrySession:
    """The sandbox registry, asked over EPP as the demo account."""
    async with services.db.read() as session:
        account = (await session.exec(select(RegistryAccount))).first()
        binding = await session.get(RegistryBinding, account.registry_binding)
    return services.registry.session(
        endpoint_of(binding, services.settings.registry_command_timeout_seconds),
        login_of(RequestContext(services=services), account),
    )


async def registered(client, demo, name: str, *, handle: str = "jdoe", **overrides: Any) -> dict[str, Any]:
    """Register `name` (creating the contact first when needed) and return the domain."""
    check = await client.post(demo.url("/contacts/check"), json={"handle": handle}, headers=demo.headers)
    if check.json()["data"]["status"] == "available":
        await create_contact(client, demo, handle)
    payment = {"payment_assured": True} if name.endswith(".example") else {"quote_id": await quote(client, demo, name)}
    body = {"registrant_handle": handle, "nameservers": [], **payment, **overrides}
    response = await register(client, demo, name, **body)
    assert response.status_code == 201, response.text
    return response.json()["data"]


async def notifications(services, kind: str) -> list[Notification]:
    async with services.db.read() as session:
        rows = await session.exec(
            select(Notification).where(Notification.kind == kind).order_by(Notification.inserted_at)
        )
        return list(rows.all())
