"""The operator's first-day session through `registrar operator …`, against the API."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def operator(services, *args: str) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("REGISTRAR_")}
    env.update(
        {
            "REGISTRAR_DATABASE_URL": services.db.url,
            "REGISTRAR_SECRET_KEY": services.settings.secret_key,
            "REGISTRAR_ENCRYPTION_KEY": services.settings.encryption_key,
            "REGISTRAR_DATA_DIR": str(services.settings.data_dir),
        }
    )
    return subprocess.run(
        [sys.executable, "-m", "registrar.cli", "operator", *args],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )


async def test_operator_creates_a_tenant_seats_its_owner_and_suspends_it(client, services):
    created = operator(services, "create-tenant", "--name", "Acme Registrar", "--slug", "acme")
    assert created.returncode == 0, created.stderr
    tenant_id = created.stdout.strip().rsplit(" ", 1)[-1]

    invited = operator(services, "invite-owner", "acme", "Boss@Acme.example")
    assert invited.returncode == 0, invited.stderr
    token = re.search(r"/api/v1/invitations/(\S+)/accept", invited.stdout).group(1)
    accepted = await client.post(f"/api/v1/invitations/{token}/accept", json={"password": "a long enough password"})
    assert accepted.status_code == 200
    assert accepted.json()["data"]["message"] == "invitation_accepted"
    again = await client.post(f"/api/v1/invitations/{token}/accept", json={})
    assert again.status_code == 404

    made = operator(
        services,
        "create-client",
        "acme",
        "--name",
        "billing",
        "--flow",
        "client_credentials",
        "--scope",
        "read",
    )
    assert made.returncode == 0, made.stderr
    client_id = re.search(r"client_id: (\S+)", made.stdout).group(1)
    secret = re.search(r"client_secret \(shown once\): (\S+)", made.stdout).group(1)
    token_response = await client.post(
        "/oauth/token",
        data={"grant_type": "client_credentials", "client_id": client_id, "client_secret": secret},
    )
    access = {"Authorization": f"Bearer {token_response.json()['access_token']}"}
    assert (await client.get(f"/api/v1/tenants/{tenant_id}/domains", headers=access)).status_code == 200

    assert operator(services, "suspend-tenant", "acme").returncode == 0
    # suspension revokes the tenant's tokens, and no new one is issued while it lasts
    suspended = await client.get(f"/api/v1/tenants/{tenant_id}/domains", headers=access)
    assert suspended.status_code == 401 and suspended.json()["error"] == "unauthorized"
    refused = await client.post(
        "/oauth/token",
        data={"grant_type": "client_credentials", "client_id": client_id, "client_secret": secret},
    )
    assert refused.status_code == 400 and refused.json()["error"] == "unauthorized_client"


async def test_operator_errors_are_one_line_not_a_traceback(services):
    duplicate = operator(services, "create-tenant", "--name", "X", "--slug", "Not A Slug")
    assert duplicate.returncode == 1
    assert "unprocessable_entity" in duplicate.stderr and "Traceback" not in duplicate.stderr
    missing = operator(services, "suspend-tenant", "nobody")
    assert missing.returncode == 1 and "not_found" in missing.stderr
