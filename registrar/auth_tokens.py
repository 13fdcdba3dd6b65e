"""HS256 JWT access tokens: minting and strict verification (pyjwt).

Verification pins the algorithm to HS256, so `alg: none` and asymmetric-key confusion are
refused; `exp`, `iat` and `nbf` are checked against the injected clock; revocation is checked
by the caller against `oauth_tokens` using the `jti`.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import jwt

ALGORITHM = "HS256"
ISSUED_AT_LEEWAY_SECONDS = 60
REQUIRED_CLAIMS = ("scope", "jti", "iat", "exp")
NULLABLE_CLAIMS = ("tenant_id", "client_id")  # present, but null for some grants


@dataclass(frozen=True)
class MintedToken:
    token: str
    jti: str
    expires_at: datetime


def mint_access_token(
    secret: str,
    *,
    now: datetime,
    ttl_seconds: int,
    user_id: str | None,
    tenant_id: str | None,
    scope: str,
    client_id: str | None,
    token_type: str = "access",
) -> MintedToken:
    jti = uuid.uuid4().hex
    expires_at = now + timedelta(seconds=ttl_seconds)
    claims: dict[str, Any] = {
        "tenant_id": tenant_id,
        "scope": scope,
        "client_id": client_id,
        "jti": jti,
        "iat": int(now.timestamp()),
        "exp": int(expires_at.timestamp()),
        "typ": token_type,
    }
    if user_id is not None:  # RFC 7519: `sub` is a string when present; client tokens omit it
        claims["sub"] = user_id
    return MintedToken(jwt.encode(claims, secret, algorithm=ALGORITHM), jti, expires_at)


class InvalidAccessToken(Exception):
    """The token is malformed, wrongly signed, expired or lacks a required claim."""


def decode_access_token(secret: str, token: str, *, now: datetime, verify_expiry: bool = True) -> dict[str, Any]:
    try:
        claims = jwt.decode(
            token,
            secret,
            algorithms=[ALGORITHM],
            # Time claims are checked below against the injectable clock, not the wall clock.
            options={
                "require": list(REQUIRED_CLAIMS),
                "verify_exp": False,
                "verify_iat": False,
                "verify_nbf": False,
            },
        )
    except jwt.PyJWTError as exc:
        raise InvalidAccessToken(str(exc)) from exc
    if any(name not in claims for name in NULLABLE_CLAIMS):
        raise InvalidAccessToken("token lacks a required claim")
    if not isinstance(claims.get("exp"), int) or not isinstance(claims.get("iat"), int):
        raise InvalidAccessToken("token has no integer exp or iat")
    if claims["iat"] > int(now.timestamp()) + ISSUED_AT_LEEWAY_SECONDS:
        raise InvalidAccessToken("token issued in the future")
    if "nbf" in claims and not _valid_from(claims["nbf"], now):
        raise InvalidAccessToken("token not yet valid, or a malformed nbf")
    if verify_expiry and claims["exp"] <= int(now.timestamp()):
        raise InvalidAccessToken("token expired")
    return claims


def _valid_from(nbf: object, now: datetime) -> bool:
    """RFC 7519 §4.1.5: a NumericDate at or before now. We never mint `nbf`, so one that is
    present is held to the letter, without leeway."""
    if isinstance(nbf, bool) or not isinstance(nbf, int | float):
        return False
    return nbf <= now.timestamp()
