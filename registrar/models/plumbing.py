"""Plumbing tables with no business rule: the notification outbox, rate-limit counters and
stored idempotent responses."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, UniqueConstraint
from sqlmodel import Field, SQLModel

from registrar.models.base import UTCDateTime, new_id


class Notification(SQLModel, table=True):
    """An outbox row: written in the transaction that caused it, delivered by the worker."""

    __tablename__ = "notifications"

    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    tenant_id: str | None = Field(default=None, max_length=36, index=True)
    kind: str = Field(max_length=50)
    recipient: str = Field(max_length=320)
    subject: str = Field(max_length=300)
    body: str = Field(repr=False)
    state: str = Field(default="pending", max_length=20, index=True)  # pending|sent|failed
    attempts: int = Field(default=0)
    next_attempt_at: datetime = Field(sa_type=UTCDateTime)
    sent_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    last_error: str | None = Field(default=None, max_length=500)
    inserted_at: datetime = Field(sa_type=UTCDateTime)


class RateLimitBucket(SQLModel, table=True):
    """A fixed-window counter per key, shared by every process through the database."""

    __tablename__ = "rate_limit_buckets"

    key: str = Field(primary_key=True, max_length=200)
    window_start: datetime = Field(sa_type=UTCDateTime)
    count: int = Field(default=0)


class IdempotencyRecord(SQLModel, table=True):
    """A mutating request's stored outcome, replayed for 24 h to retries with the same key."""

    __tablename__ = "idempotency_records"
    __table_args__ = (UniqueConstraint("scope", "key"),)

    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    scope: str = Field(max_length=200)  # tenant + credential, or credential / IP when unauthenticated
    key: str = Field(max_length=200)
    method: str = Field(max_length=10)
    path: str = Field(max_length=2000)
    request_hash: str = Field(max_length=64)
    state: str = Field(default="in_flight", max_length=20)  # in_flight | completed
    status_code: int | None = Field(default=None)
    response_body: str | None = Field(default=None)
    response_headers: dict = Field(default_factory=dict, sa_type=JSON)
    expires_at: datetime = Field(sa_type=UTCDateTime, index=True)
    inserted_at: datetime = Field(sa_type=UTCDateTime)
