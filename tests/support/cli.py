"""Running the `registrar` command as the operator does: a subprocess on the test's database."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from registrar.context import Services

REPO = Path(__file__).resolve().parents[2]


def cli_environment(services: Services) -> dict[str, str]:
    """This process's environment minus every REGISTRAR_ setting, plus the test's database,
    secrets and data directory."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("REGISTRAR_")}
    env.update(
        {
            "REGISTRAR_DATABASE_URL": services.db.url,
            "REGISTRAR_SECRET_KEY": services.settings.secret_key,
            "REGISTRAR_ENCRYPTION_KEY": services.settings.encryption_key,
            "REGISTRAR_DATA_DIR": str(services.settings.data_dir),
        }
    )
    return env


def run_cli(services: Services, *args: str, cwd: Path = REPO, env: dict[str, str] | None = None):
    """`registrar ARGS…` against the test's database; returns the CompletedProcess."""
    return subprocess.run(
        [sys.executable, "-m", "registrar.cli", *args],
        env=env if env is not None else cli_environment(services),
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )


def operator(services: Services, *args: str, **kwargs):
    """`registrar operator ARGS…`."""
    return run_cli(services, "operator", *args, **kwargs)
