"""Running the `registrar` command as the operator does: a subprocess on the test's database."""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from registrar.cli import main
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


def operator(services: Services, *args: str, env: dict[str, str] | None = None):
    """`registrar operator ARGS…`, run in this process as the console script runs it (argument
    parsing, settings from the environment, its own event loop and database engine, output,
    exit status), on a thread of its own because the test's event loop is busy waiting. A
    subprocess would cost a second of imports per call; `run_cli` is there where a real process
    matters (working directory, terminal, start-up)."""
    return _in_process(["operator", *args], env if env is not None else cli_environment(services))


def _in_process(argv: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    stdout, stderr = io.StringIO(), io.StringIO()

    def run() -> int:
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            try:
                return main(argv)
            except SystemExit as exit_:  # argparse refusing the arguments
                return exit_.code if isinstance(exit_.code, int) else 1

    saved = dict(os.environ)
    os.environ.clear()
    os.environ.update(env)
    try:
        with ThreadPoolExecutor(max_workers=1) as pool:
            status = pool.submit(run).result(timeout=120)
    finally:
        os.environ.clear()
        os.environ.update(saved)
    return subprocess.CompletedProcess(["registrar", *argv], status, stdout.getvalue(), stderr.getvalue())
