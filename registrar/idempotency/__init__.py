"""Idempotency-Key for the REST surface: keys, scopes and stored outcomes in the database.

`middleware.IdempotencyMiddleware` applies the spec's replay table to every mutating request
that carries the header; `store` claims, completes, releases and purges the rows.
"""

from registrar.idempotency.middleware import IdempotencyMiddleware
from registrar.idempotency.store import purge_expired_idempotency_records

__all__ = ["IdempotencyMiddleware", "purge_expired_idempotency_records"]
