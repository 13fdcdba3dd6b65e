"""Idempotency records in the database: claim a key, then complete or release it.

The claim is an `INSERT … ON CONFLICT DO NOTHING` on the unique (scope, key), so of two
concurrent duplicates — in one process or in several on one PostgreSQL — exactly one inserts
the row and executes; the other reads the row it lost to. A claim holds only for
`IN_FLIGHT_LEASE`, two minutes: long enough for any request this app serves (registry calls
time out well within it), short enough that a process killed mid-request blocks the retry of
its keys for two minutes at most, not ten. A completed outcome is replayed until
`REPLAY_WINDOW` has passed, after which the key can be claimed afresh and the worker deletes
the row.

Stored response bodies are encrypted with `services.encryptor` (Fernet), because some carry a
one-time secret (a client secret, an API key, a rotated auth code, tokens); a row written
before encryption at rest is replayed as it was stored. The stored path has its secrets
redacted (`redaction.redact_url`: the invitation token of `/invitations/<token>/accept`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import delete, update
from sqlmodel import select

from registrar.context import Services
from registrar.db import insert_ignoring_conflict
from registrar.models import IdempotencyRecord
from registrar.models.base import new_id
from registrar.redaction import redact_url

REPLAY_WINDOW = timedelta(hours=24)
IN_FLIGHT_LEASE = timedelta(minutes=2)
PATH_COLUMN_LENGTH = 2000


@dataclass(frozen=True)
class StoredResponse:
    status_code: int
    body: bytes
    headers: dict[str, str]


@dataclass(frozen=True)
class Claim:
    """The outcome of claiming a key: ours to execute (`won`), or someone else's row."""

    record_id: str
    won: bool
    request_hash: str
    completed: StoredResponse | None


async def claim_key(services: Services, *, scope: str, key: str, method: str, path: str, request_hash: str) -> Claim:
    """Insert an in-flight row for (scope, key) unless a live one exists; return whichever row
    holds the key now. An expired row (a lapsed lease or replay window) is replaced."""
    now = services.clock.now()
    record_id = new_id()
    async with services.db.transaction() as session:
        await session.exec(
            delete(IdempotencyRecord).where(
                IdempotencyRecord.scope == scope,
                IdempotencyRecord.key == key,
                IdempotencyRecord.expires_at <= now,
            )
        )
        await insert_ignoring_conflict(
            session,
            IdempotencyRecord,
            [
                {
                    "id": record_id,
                    "scope": scope,
                    "key": key,
                    "method": method,
                    "path": redact_url(path)[:PATH_COLUMN_LENGTH],
                    "request_hash": request_hash,
                    "state": "in_flight",
                    "response_headers": {},
                    "expires_at": now + IN_FLIGHT_LEASE,
                    "inserted_at": now,
                }
            ],
            ["scope", "key"],
        )
        row = (
            await session.exec(
                select(IdempotencyRecord).where(IdempotencyRecord.scope == scope, IdempotencyRecord.key == key)
            )
        ).one()
    completed = None
    if row.state == "completed" and row.status_code is not None:
        completed = StoredResponse(
            status_code=row.status_code,
            body=_decrypted(services, row.response_body).encode(),
            headers=dict(row.response_headers),
        )
    return Claim(
        record_id=row.id,
        won=row.id == record_id,
        request_hash=row.request_hash,
        completed=completed,
    )


async def complete_claim(services: Services, record_id: str, response: StoredResponse) -> None:
    """Keep the outcome for replay during the next `REPLAY_WINDOW`."""
    async with services.db.transaction() as session:
        await session.exec(
            update(IdempotencyRecord)
            .where(IdempotencyRecord.id == record_id)
            .values(
                state="completed",
                status_code=response.status_code,
                response_body=services.encryptor.encrypt(response.body.decode()),
                response_headers=response.headers,
                expires_at=services.clock.now() + REPLAY_WINDOW,
            )
        )


def _decrypted(services: Services, stored: str | None) -> str:
    """The body as sent; a row from before encryption at rest holds it in the clear."""
    if not stored:
        return ""
    try:
        return services.encryptor.decrypt(stored)
    except ValueError:
        return stored


async def release_claim(services: Services, record_id: str) -> None:
    """Forget a claim whose outcome must not be replayed, so the next attempt re-executes."""
    async with services.db.transaction() as session:
        await session.exec(delete(IdempotencyRecord).where(IdempotencyRecord.id == record_id))


async def purge_expired_idempotency_records(services: Services) -> int:
    """Worker job: delete rows past their lease or replay window."""
    async with services.db.transaction() as session:
        result = await session.exec(
            delete(IdempotencyRecord).where(IdempotencyRecord.expires_at <= services.clock.now())
        )
    return result.rowcount or 0
