"""The README's "operator's first day", run verbatim against a real server: from nothing to a new
tenant's first domain, registered at the sandbox under the tenant's own registrar id."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from tests.support.databases import SqliteTemplate

REPO = Path(__file__).resolve().parents[2]
FIRST_DAY = re.compile(r"<!-- first-day:begin -->\n```sh\n(.*?)```\n<!-- first-day:end -->", re.S)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def first_day_script() -> str:
    match = FIRST_DAY.search((REPO / "README.md").read_text())
    assert match, "README.md lost its first-day block"
    return match.group(1)


@pytest.fixture
async def installation(database_backend, tmp_path: Path):
    """A project directory of its own (the virtualenv linked in), so the README's relative paths
    (`.venv/bin/registrar`, `var/sandbox/…`) resolve as on a fresh clone; a running server."""
    (tmp_path / ".venv").symlink_to(Path(sys.prefix))
    env = {key: value for key, value in os.environ.items() if not key.startswith("REGISTRAR_")}
    env.update(
        {
            "REGISTRAR_PORT": str(_free_port()),
            "REGISTRAR_SANDBOX_PORT": str(_free_port()),
            "REGISTRAR_WORKER_INTERVAL": "1",
        }
    )
    if not isinstance(database_backend, SqliteTemplate):
        env["REGISTRAR_DATABASE_URL"] = await database_backend.fresh_url(tmp_path)
    registrar = str(tmp_path / ".venv" / "bin" / "registrar")
    subprocess.run([registrar, "db", "upgrade"], env=env, cwd=tmp_path, check=True, capture_output=True)
    server = subprocess.Popen(
        [registrar, "run"], env=env, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    api = f"http://127.0.0.1:{env['REGISTRAR_PORT']}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{api}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert server.poll() is None and time.monotonic() < deadline, "the server did not start"
            time.sleep(0.2)
        yield tmp_path, {**env, "API": api}
    finally:
        server.terminate()
        log, _ = server.communicate(timeout=30)
        assert "Traceback" not in log, log


def test_readme_first_day_ends_with_the_new_tenants_domain_registered_at_the_sandbox(installation):
    directory, env = installation

    # when the README's block runs as pasted, then reads the domain back with the tenant's token
    epilogue = '\ncurl -s $API/api/v1/tenants/$TENANT/domains/acme-first.test -H "Authorization: Bearer $TOKEN"\n'
    result = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", first_day_script() + epilogue],
        env=env,
        cwd=directory,
        capture_output=True,
        text=True,
        timeout=600,
    )

    # then every step succeeded and the domain is the new tenant's, registered
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    domain = json.loads(result.stdout.strip().splitlines()[-1])["data"]
    assert domain["name"] == "acme-first.test"
    assert domain["state"] == "registered"
    # and the tenant's audit log (printed before) shows the operator's steps on it
    for action in ("tenant.create", "invitation.create", "registry_account.create", "tld_association.create"):
        assert action in result.stdout
    # and the sandbox registry holds it under acme's own registrar id
    sandbox_state = json.loads((directory / "var" / "sandbox" / "state.json").read_text())
    assert sponsor_of(sandbox_state, "acme-first.test") == "acme-registrar"


def sponsor_of(state: dict, name: str) -> str | None:
    return next((domain["sponsor"] for domain in state["domains"] if domain["name"] == name), None)
