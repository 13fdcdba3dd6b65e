"""A scan of everything the platform writes — every row of every table, SQLite's database file
and WAL, and every log line — for the secrets it hands out: API keys, client secrets, access
tokens and auth codes. None may appear in plaintext, whichever path produced it."""

from __future__ import annotations

import logging
from pathlib import Path

from sqlalchemy import select

from registrar.models import metadata
from tests.support.lifecycle import registered

CLIENT = {
    "name": "scan",
    "client_type": "confidential",
    "allowed_flows": ["client_credentials"],
    "allowed_scopes": ["read"],
}


def database_files(services) -> list[Path]:
    if not services.db.is_sqlite:
        return []
    path = Path(services.db.url.split("///", 1)[1])
    return [candidate for candidate in (path, Path(f"{path}-wal")) if candidate.exists()]


async def every_row(services) -> str:
    async with services.db.read() as session:
        rows = [str(row) for table in metadata.sorted_tables for row in (await session.exec(select(table))).all()]
    return "\n".join(rows)


async def test_no_secret_handed_out_is_found_in_the_database_files_or_the_logs(client, demo, services, caplog):
    caplog.set_level(logging.DEBUG)
    # given: every kind of secret, created once with an Idempotency-Key (so it is stored for replay)
    keyed = {**demo.headers, "Idempotency-Key": "scan-api-key"}
    api_key = (await client.post(demo.url("/api_keys"), json={"name": "ci", "scopes": ["read"]}, headers=keyed)).json()
    keyed = {**demo.headers, "Idempotency-Key": "scan-client"}
    oauth_client = (await client.post(demo.url("/oauth_clients"), json=CLIENT, headers=keyed)).json()["data"]
    token = await client.post(
        "/oauth/token",
        data={
            "grant_type": "client_credentials",
            "client_id": oauth_client["client_id"],
            "client_secret": oauth_client["client_secret"],
            "scope": "read",
        },
    )
    await registered(client, demo, "scan.test")
    keyed = {**demo.headers, "Idempotency-Key": "scan-auth-code"}
    rotated = await client.post(demo.url("/domains/scan.test/auth_code/rotate"), headers=keyed)
    secrets = {
        "api key": api_key["data"]["api_key"],
        "client secret": oauth_client["client_secret"],
        "client access token": token.json()["access_token"],
        "demo access token": demo.token,
        "auth code": rotated.json()["data"]["auth_code"],
    }
    # when: every row is read, and the database is flushed to its files
    rows = await every_row(services)
    await services.db.dispose()
    stored = b"".join(path.read_bytes() for path in database_files(services)) + rows.encode()
    logged = "\n".join(record.getMessage() for record in caplog.records)
    # then
    assert all(len(secret) >= 16 for secret in secrets.values())
    assert b"scan.test" in stored  # the scan reads what was written
    found = [name for name, secret in secrets.items() if secret.encode() in stored or secret in logged]
    assert found == []
