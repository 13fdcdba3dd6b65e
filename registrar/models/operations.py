"""Operational tables: the notification outbox and rate-limit counters."""

from __future__ import annotations

from datetime import datetime

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
