"""The typed per-request context every resolver receives."""

from __future__ import annotations

from dataclasses import dataclass, field

from registrar.clock import Clock
from registrar.crypto import Encryptor
from registrar.db import Database
from registrar.epp.gateway import RegistryGateway
from registrar.loaders import Loaders
from registrar.settings import Settings


@dataclass(frozen=True)
class Principal:
    """Who is calling, as proven by a verified, unrevoked bearer token."""

    jti: str
    user_id: str | None
    tenant_id: str | None
    scopes: frozenset[str]
    client_id: str | None

    @property
    def actor_type(self) -> str:
        return "user" if self.user_id else "client"

    @property
    def actor_id(self) -> str | None:
        return self.user_id or self.client_id


@dataclass(frozen=True)
class Services:
    """Process-wide collaborators, built once at start-up."""

    settings: Settings
    db: Database
    clock: Clock
    registry: RegistryGateway
    encryptor: Encryptor


@dataclass(frozen=True)
class RequestMeta:
    ip: str | None = None
    user_agent: str | None = None


@dataclass
class RequestContext:
    services: Services
    principal: Principal | None = None
    meta: RequestMeta = field(default_factory=RequestMeta)
    # SHA-256 of the Idempotency-Key and its scope, when the request carries one: the
    # operations journal finds an earlier attempt of this very request by it.
    request_key: str | None = None
    _loaders: Loaders | None = None

    @property
    def db(self) -> Database:
        return self.services.db

    @property
    def clock(self) -> Clock:
        return self.services.clock

    @property
    def loaders(self) -> Loaders:
        """Per-request dataloaders, created on first use and never shared across requests."""
        if self._loaders is None:
            self._loaders = Loaders(self.services.db)
        return self._loaders
