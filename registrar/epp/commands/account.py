"""The registry account a session speaks for, and what its commands run on.

`RegistryEndpoint` says where a registry is and how hard to press it; `RegistryLogin` is one
registrar account there. `ConnectionSource` is what a command needs from whoever holds the
account's connection pool, the binding's circuit breaker and its command pacing:
`RegistryGateway` is the one implementation, so the commands never import the gateway that
creates them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from registrar.epp.wire.breaker import CircuitBreaker
from registrar.epp.wire.pool import ConnectionPool


@dataclass(frozen=True)
class RegistryEndpoint:
    binding: str
    host: str
    port: int
    ca_pem: bytes | None = field(repr=False)
    server_hostname: str | None = None
    max_connections: int = 2
    names_per_check: int = 5
    commands_per_minute: int | None = None  # None: the registry sets no limit
    connect_timeout: float = 5.0
    command_timeout: float = 15.0


@dataclass(frozen=True)
class RegistryLogin:
    account_id: str
    clid: str
    password: str = field(repr=False)
    cert_pem: bytes | None = field(repr=False)
    key_pem: bytes | None = field(repr=False)


class ConnectionSource(Protocol):
    """The pools (one per registry account), breakers and pacers (one per binding) commands run on."""

    def breaker(self, binding: str) -> CircuitBreaker: ...

    async def pace(self, endpoint: RegistryEndpoint) -> None:
        """Wait until the binding's `commands_per_minute` allows one more command."""
        ...

    async def pool(self, endpoint: RegistryEndpoint, login: RegistryLogin) -> ConnectionPool: ...
