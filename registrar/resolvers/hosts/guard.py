"""Host-name and address parsing and the loads every host action starts from."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from registrar.errors import CommonError, RegistrarError, validation_error
from registrar.models import Domain, Host
from registrar.names import InvalidName, normalize_name
from registrar.resolvers.auth.guard import TenantAccess

MAX_ADDRESSES = 13


def parse_host_name(raw: object, field: str = "name") -> str:
    """Errors: unprocessable_entity with `details[field]`."""
    try:
        return normalize_name(raw)
    except InvalidName as exc:
        raise validation_error({field: [str(exc)]}) from exc


def parse_addresses(raw: object, field: str) -> list[str]:
    """Canonical IPv4/IPv6 texts, unique, globally routable kinds only."""
    if raw is None:
        return []
    if not isinstance(raw, list) or not all(isinstance(item, str) for item in raw):
        raise validation_error({field: ["must be a list of IP addresses"]})
    addresses: list[str] = []
    for item in raw:
        try:
            address = ipaddress.ip_address(item.strip())
        except ValueError:
            raise validation_error({field: [f"{item[:45]!r} is not an IPv4 or IPv6 address"]}) from None
        if address.is_loopback or address.is_unspecified or address.is_multicast or address.is_link_local:
            raise validation_error({field: [f"{address} cannot be a name server address"]})
        if str(address) in addresses:
            raise validation_error({field: [f"{address} is listed twice"]})
        addresses.append(str(address))
    if len(addresses) > MAX_ADDRESSES:
        raise validation_error({field: [f"at most {MAX_ADDRESSES} addresses"]})
    return addresses


def reject_unknown(unknown: Iterable[str]) -> None:
    """Errors: unprocessable_entity naming every field the action does not take."""
    names = list(unknown)
    if names:
        raise validation_error({name: ["is not a known field"] for name in names})


async def find_host(session: AsyncSession, access: TenantAccess, name: str, *, lock: bool = False) -> Host:
    """The tenant's host by name. Errors: not_found."""
    try:
        ascii_name = normalize_name(name)
    except InvalidName as exc:
        raise RegistrarError(CommonError.NOT_FOUND) from exc
    statement = select(Host).where(Host.tenant_id == access.tenant_id, Host.name == ascii_name)
    host = (await session.exec(statement.with_for_update() if lock else statement)).first()
    if host is None:
        raise RegistrarError(CommonError.NOT_FOUND)
    return host


async def parent_domain(session: AsyncSession, access: TenantAccess, host_name: str) -> Domain | None:
    """The tenant's live domain the host name sits under (the longest match), if any."""
    labels = host_name.split(".")
    suffixes = [".".join(labels[start:]) for start in range(1, len(labels) - 1)]
    rows = (
        await session.exec(
            select(Domain).where(
                Domain.tenant_id == access.tenant_id,
                col(Domain.name).in_(suffixes),
                Domain.state != "deleted",
            )
        )
    ).all()
    return max(rows, key=lambda domain: len(domain.name), default=None)
