"""Process runtime: builds the services and, for the embedded default, starts the sandbox
registry, seeds the demo tenant and runs the worker in-process. Also the logging set-up every
serving process gets: `install_log_redaction` puts `redaction.RedactSecretsFilter` on the
access log (uvicorn's) and on ours, so no reset link, invitation or verification token or
authorization code is ever written to a log."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging

from registrar.bootstrap import ensure_demo
from registrar.clock import SystemClock
from registrar.context import Services
from registrar.crypto import Encryptor
from registrar.db import Database
from registrar.embedded_sandbox import start_embedded_sandbox
from registrar.epp.gateway import RegistryGateway
from registrar.jobs.worker import run_forever
from registrar.redaction import RedactSecretsFilter
from registrar.settings import Settings

log = logging.getLogger("registrar")
REDACTED_LOGGERS = ("uvicorn.access", "uvicorn.error", "registrar", "registrar.app")


def install_log_redaction() -> None:
    """Idempotent; called from the app's lifespan, after uvicorn has configured its loggers
    (a filter sits on a logger, so it is set on each logger that writes request targets)."""
    for name in REDACTED_LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(existing, RedactSecretsFilter) for existing in logger.filters):
            logger.addFilter(RedactSecretsFilter())


def offline_services(settings: Settings) -> Services:
    """Services without the embedded sandbox or worker (CLI commands, standalone worker)."""
    clock = SystemClock()
    return Services(
        settings=settings,
        db=Database(settings.database_url),
        clock=clock,
        registry=RegistryGateway(now=clock.now),
        encryptor=Encryptor(settings.encryption_key),
    )


class Runtime:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.services: Services | None = None
        self._sandbox = None
        self._worker: asyncio.Task[None] | None = None

    async def start(self) -> Services:
        services = offline_services(self.settings)
        self.services = services
        if self.settings.embedded_sandbox:
            self._sandbox, access = await start_embedded_sandbox(self.settings, services.clock)
            seed = await ensure_demo(services, access)
            print(welcome_banner(self.settings, seed.tenant_id, seed.owner_email), flush=True)
        if self.settings.run_worker:
            self._worker = asyncio.create_task(run_forever(services, self.settings.worker_interval_seconds))
        return services

    async def stop(self) -> None:
        if self._worker is not None:
            self._worker.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._worker
        if self.services is not None:
            await self.services.registry.aclose()
        if self._sandbox is not None:
            await self._sandbox.stop()
        if self.services is not None:
            await self.services.db.dispose()


def welcome_banner(settings: Settings, tenant_id: str, email: str) -> str:
    base = f"http://{settings.host}:{settings.port}"
    lines = [
        "",
        f"registrar is serving on {base} (GraphiQL: {base}/graphql)",
        f"demo tenant: {tenant_id}  owner: {email}",
    ]
    lines += [
        "",
        "get a token:   export TOKEN=$(.venv/bin/registrar demo-token)",
        "REST example:",
        f"  curl -s -X POST {base}/api/v1/tenants/{tenant_id}/domains/check \\",
        '    -H "Authorization: Bearer $TOKEN" -H "Content-Type: application/json" \\',
        '    -d \'{"name": "my-first-domain.test"}\'',
        "GraphQL example:",
        f'  curl -s {base}/graphql -H "Authorization: Bearer $TOKEN" -H "Content-Type: application/json" \\',
        "    -d '"
        + json.dumps(
            {
                "query": f'{{ tenant(id: "{tenant_id}") {{ name domains(first: 10) '
                + "{ edges { node { name expiresAt } } } } }"
            }
        )
        + "'",
        "",
    ]
    return "\n".join(lines)
