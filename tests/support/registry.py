"""What the sandbox registry holds, asked over EPP as the demo account."""

from __future__ import annotations

from sqlmodel import select

from registrar.context import RequestContext
from registrar.models import RegistryAccount, RegistryBinding
from registrar.resolvers.registry.accounts import endpoint_of, login_of


async def registry_view(services, name: str):
    """What the sandbox registry holds for `name`, asked over EPP as the demo account."""
    async with services.db.read() as session:
        account = (await session.exec(select(RegistryAccount))).first()
        binding = await session.get(RegistryBinding, account.registry_binding)
    session = services.registry.session(
        endpoint_of(binding, services.settings.registry_command_timeout_seconds),
        login_of(RequestContext(services=services), account),
    )
    return await session.domain_info(name)
