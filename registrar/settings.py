"""Settings, read once from the environment and frozen.

Development secrets are generated on first use and kept in the data directory, so the server,
the worker and `registrar demo-token` (separate processes) agree on them. In production every
secret must come from the environment; the process refuses to start otherwise.
"""

from __future__ import annotations

import json
import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.fernet import Fernet


class ConfigurationError(RuntimeError):
    """The environment describes a configuration the process must not run with."""


DEV_SECRETS = "dev-secrets.json"


def _bool(value: str | None, default: bool) -> bool:
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _int(env: dict[str, str], name: str, default: int) -> int:
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ConfigurationError(f"{name} must be an integer, got {raw!r}") from exc


def normalize_database_url(url: str) -> str:
    """Accept the plain URLs operators write and pick the async drivers we ship."""
    if url.startswith("postgres://"):
        url = "postgresql://" + url.removeprefix("postgres://")
    if url.startswith("postgresql://"):
        return "postgresql+psycopg://" + url.removeprefix("postgresql://")
    if url.startswith("sqlite://") and not url.startswith("sqlite+aiosqlite://"):
        return "sqlite+aiosqlite://" + url.removeprefix("sqlite://")
    return url


@dataclass(frozen=True)
class Settings:
    environment: str
    host: str
    port: int
    data_dir: Path
    database_url: str
    secret_key: str = field(repr=False)
    encryption_key: str = field(repr=False)
    embedded_sandbox: bool
    sandbox_port: int
    run_worker: bool
    worker_interval_seconds: float
    access_token_ttl_seconds: int
    quote_ttl_seconds: int
    operation_lease_seconds: int
    registry_command_timeout_seconds: float
    smtp_url: str | None
    smtp_from: str
    account_rate_limit: int
    token_rate_limit: int
    reset_email_rate_limit: int
    totp_attempt_limit: int
    account_rate_window_seconds: int
    dcr_enabled: bool
    public_url: str

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None, *, create_secrets: bool = True) -> Settings:
        """The settings of this process. Development secrets are generated into the data
        directory on first use, unless `create_secrets` is false (commands that only use an
        existing installation), in which case their absence is a `ConfigurationError`."""
        env = dict(os.environ if env is None else env)
        environment = env.get("REGISTRAR_ENV", "development")
        data_dir = Path(env.get("REGISTRAR_DATA_DIR", "var")).resolve()
        database_url = normalize_database_url(
            env.get("REGISTRAR_DATABASE_URL") or f"sqlite+aiosqlite:///{data_dir / 'registrar.db'}"
        )
        secret_key = env.get("REGISTRAR_SECRET_KEY", "")
        encryption_key = env.get("REGISTRAR_ENCRYPTION_KEY", "")
        if environment == "production":
            if len(secret_key) < 32 or not encryption_key:
                raise ConfigurationError(
                    "production needs REGISTRAR_SECRET_KEY (32+ chars) and REGISTRAR_ENCRYPTION_KEY (a Fernet key)"
                )
        elif not secret_key or not encryption_key:
            if not create_secrets and not (data_dir / DEV_SECRETS).exists():
                raise ConfigurationError(
                    f"no installation at {data_dir} (no {DEV_SECRETS}): run this from the project directory "
                    "or set REGISTRAR_DATA_DIR (and REGISTRAR_DATABASE_URL) to the server's"
                )
            generated = _development_secrets(data_dir)
            secret_key = secret_key or generated["secret_key"]
            encryption_key = encryption_key or generated["encryption_key"]
        return cls(
            environment=environment,
            host=env.get("REGISTRAR_HOST", "127.0.0.1"),
            port=_int(env, "REGISTRAR_PORT", 8000),
            data_dir=data_dir,
            database_url=database_url,
            secret_key=secret_key,
            encryption_key=encryption_key,
            embedded_sandbox=_bool(env.get("REGISTRAR_EMBEDDED_SANDBOX"), True),
            sandbox_port=_int(env, "REGISTRAR_SANDBOX_PORT", 7700),
            run_worker=_bool(env.get("REGISTRAR_RUN_WORKER"), True),
            worker_interval_seconds=float(env.get("REGISTRAR_WORKER_INTERVAL", "5")),
            access_token_ttl_seconds=_int(env, "REGISTRAR_ACCESS_TOKEN_TTL", 3600),
            quote_ttl_seconds=_int(env, "REGISTRAR_QUOTE_TTL", 3600),
            operation_lease_seconds=_int(env, "REGISTRAR_OPERATION_LEASE", 60),
            registry_command_timeout_seconds=float(env.get("REGISTRAR_REGISTRY_COMMAND_TIMEOUT", "15")),
            smtp_url=env.get("REGISTRAR_SMTP_URL") or None,
            smtp_from=env.get("REGISTRAR_SMTP_FROM") or "registrar@localhost",
            account_rate_limit=_int(env, "REGISTRAR_ACCOUNT_RATE_LIMIT", 20),
            token_rate_limit=_int(env, "REGISTRAR_TOKEN_RATE_LIMIT", 120),
            reset_email_rate_limit=_int(env, "REGISTRAR_RESET_EMAIL_RATE_LIMIT", 5),
            totp_attempt_limit=_int(env, "REGISTRAR_TOTP_ATTEMPT_LIMIT", 10),
            account_rate_window_seconds=_int(env, "REGISTRAR_ACCOUNT_RATE_WINDOW", 900),
            dcr_enabled=_bool(env.get("REGISTRAR_DCR_ENABLED"), False),
            public_url=(
                env.get("REGISTRAR_PUBLIC_URL")
                or f"http://{env.get('REGISTRAR_HOST', '127.0.0.1')}:{_int(env, 'REGISTRAR_PORT', 8000)}"
            ).rstrip("/"),
        )


def _development_secrets(data_dir: Path) -> dict[str, str]:
    """Create (once) and read the development secrets file, readable by its owner only."""
    path = data_dir / DEV_SECRETS
    if path.exists():
        return json.loads(path.read_text())
    data_dir.mkdir(parents=True, exist_ok=True)
    values = {
        "secret_key": secrets.token_urlsafe(48),
        "encryption_key": Fernet.generate_key().decode(),
    }
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process won the race; use its values
        return json.loads(path.read_text())
    try:
        os.write(fd, json.dumps(values).encode())
    finally:
        os.close(fd)
    return values
