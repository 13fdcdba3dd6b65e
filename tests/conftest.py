"""Fixtures: every test gets a fresh database (SQLite, then PostgreSQL), the real app over
ASGI, and the sandbox EPP registry over real TLS on loopback, reset between tests."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from argon2 import PasswordHasher

from registrar import crypto
from registrar.app import create_app
from registrar.bootstrap import SandboxAccess, ensure_demo, mint_demo_token
from registrar.clock import FrozenClock
from registrar.context import Services
from registrar.crypto import Encryptor
from registrar.db import Database
from registrar.embedded_sandbox import SandboxPki, ensure_sandbox_pki, sandbox_access, start_sandbox
from registrar.epp.gateway import RegistryGateway
from registrar.settings import Settings
from tests.support.databases import backend_params, open_backend


@pytest.fixture(scope="session", autouse=True)
def cheap_password_hashing():
    """Argon2id at the production cost takes a tenth to a third of a second per hash, and the
    suite hashes thousands of passwords and client secrets. Tests hash with the same algorithm
    at its lowest cost; each hash carries its parameters, so verification is the same code."""
    production = crypto.password_hasher
    crypto.password_hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    yield
    crypto.password_hasher = production


@pytest.fixture(scope="session")
def session_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("registrar")


@pytest.fixture(scope="session", params=backend_params())
async def database_backend(request: pytest.FixtureRequest, session_dir: Path):
    backend = await open_backend(request.param, session_dir)
    yield backend
    await backend.drop()


@pytest.fixture(scope="session")
def clock() -> FrozenClock:
    return FrozenClock(datetime.now(UTC).replace(microsecond=0))


@pytest.fixture(scope="session")
def sandbox_pki(session_dir: Path) -> SandboxPki:
    return ensure_sandbox_pki(session_dir / "sandbox")


@pytest.fixture(scope="session")
async def sandbox(sandbox_pki: SandboxPki, clock: FrozenClock):
    server = await start_sandbox(sandbox_pki, host="127.0.0.1", port=0, now=clock.now)
    yield server
    await server.stop()


@pytest.fixture
def settings(session_dir: Path) -> Settings:
    return Settings.from_env(
        {
            "REGISTRAR_DATA_DIR": str(session_dir / "data"),
            "REGISTRAR_SECRET_KEY": "test-secret-key-that-is-long-enough-for-hs256",
            "REGISTRAR_ENCRYPTION_KEY": Encryptor.generate_key(),
            "REGISTRAR_EMBEDDED_SANDBOX": "false",
            "REGISTRAR_RUN_WORKER": "false",
        }
    )


@pytest.fixture
async def services(
    database_backend, settings: Settings, clock: FrozenClock, sandbox, tmp_path: Path
) -> AsyncIterator[Services]:
    sandbox.reset()
    url = await database_backend.fresh_url(tmp_path)
    db = Database(url)
    registry = RegistryGateway(now=clock.now)
    yield Services(
        settings=settings,
        db=db,
        clock=clock,
        registry=registry,
        encryptor=Encryptor(settings.encryption_key),
    )
    await registry.aclose()
    await db.dispose()


@pytest.fixture
async def client(services: Services) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(services=services)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        yield http


@dataclass(frozen=True)
class Demo:
    tenant_id: str
    token: str
    access: SandboxAccess

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}

    def url(self, path: str) -> str:
        return f"/api/v1/tenants/{self.tenant_id}{path}"


@pytest.fixture
async def demo(services: Services, sandbox, sandbox_pki: SandboxPki) -> Demo:
    access = sandbox_access(sandbox_pki, "127.0.0.1", sandbox.port)
    seed = await ensure_demo(services, access)
    token = await mint_demo_token(services)
    return Demo(tenant_id=seed.tenant_id, token=token, access=access)
