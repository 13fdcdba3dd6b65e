"""The operator CLI and the embedded default, as a newcomer runs them: real processes."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

REPO = Path(__file__).resolve().parents[2]
REGISTRAR = [sys.executable, "-m", "registrar.cli"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
async def cli_env(database_backend, tmp_path: Path) -> dict[str, str]:
    """A fresh data directory and database (SQLite, then PostgreSQL) for CLI processes."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("REGISTRAR_")}
    env.update(
        {
            "REGISTRAR_DATA_DIR": str(tmp_path / "var"),
            "REGISTRAR_DATABASE_URL": await database_backend.fresh_url(tmp_path),
            "REGISTRAR_PORT": str(_free_port()),
            "REGISTRAR_SANDBOX_PORT": "0",
        }
    )
    return env


def _cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*REGISTRAR, *args], env=env, cwd=REPO, capture_output=True, text=True, timeout=60)


def test_demo_token_before_first_start_explains_what_to_do(cli_env):
    assert _cli(cli_env, "db", "upgrade").returncode == 0
    result = _cli(cli_env, "demo-token")
    assert result.returncode == 1
    assert "make run" in result.stderr
    assert "Traceback" not in result.stderr


def test_production_refuses_to_start_without_secrets(cli_env):
    result = _cli({**cli_env, "REGISTRAR_ENV": "production"}, "db", "upgrade")
    assert result.returncode == 2
    assert "REGISTRAR_SECRET_KEY" in result.stderr


def test_embedded_default_serves_and_demo_token_works_against_it(cli_env):
    # given a migrated database and a running server
    assert _cli(cli_env, "db", "upgrade").returncode == 0
    server = subprocess.Popen(
        [*REGISTRAR, "run"],
        env=cli_env,
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{cli_env['REGISTRAR_PORT']}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "server did not start"
            time.sleep(0.2)
        # when a script asks the CLI for a token
        token = _cli(cli_env, "demo-token").stdout.strip()
        headers = {"Authorization": f"Bearer {token}"}
        tenants = httpx.get(f"{base}/api/v1/user/tenants", headers=headers, timeout=10).json()["data"]
        tenant_id = tenants[0]["id"]
        check = httpx.post(
            f"{base}/api/v1/tenants/{tenant_id}/domains/check",
            json={"name": "smoke.test"},
            headers=headers,
            timeout=10,
        )
        # then the embedded sandbox answered over EPP
        assert check.status_code == 200
        assert check.json()["data"]["status"] == "available"
        assert httpx.get(f"{base}/health", timeout=10).json()["status"] == "ok"
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=30)
    assert "demo-token" in output
    assert "Traceback" not in output
