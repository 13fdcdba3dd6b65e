"""`decode_access_token` verifies the time claims against the injected clock, `nbf` included."""

from __future__ import annotations

from datetime import UTC, datetime

import jwt
import pytest

from registrar.auth_tokens import ALGORITHM, InvalidAccessToken, decode_access_token, mint_access_token

SECRET = "test-secret-key-that-is-long-enough-for-hs256"
NOW = datetime(2030, 1, 1, 12, 0, tzinfo=UTC)


def token_with(**changes: object) -> str:
    minted = mint_access_token(
        SECRET, now=NOW, ttl_seconds=3600, user_id="u", tenant_id="t", scope="read", client_id="c"
    )
    claims = jwt.decode(minted.token, options={"verify_signature": False})
    claims.update(changes)
    return jwt.encode(claims, SECRET, algorithm=ALGORITHM)


@pytest.mark.parametrize("offset", [1, 600, 3000])
def test_a_token_not_yet_valid_is_refused(offset):
    with pytest.raises(InvalidAccessToken):
        decode_access_token(SECRET, token_with(nbf=int(NOW.timestamp()) + offset), now=NOW)


@pytest.mark.parametrize("nbf", ["soon", None, True, [1]])
def test_a_malformed_nbf_is_refused(nbf):
    with pytest.raises(InvalidAccessToken):
        decode_access_token(SECRET, token_with(nbf=nbf), now=NOW)


@pytest.mark.parametrize("offset", [0, -1, -3600])
def test_a_token_valid_from_now_or_earlier_is_accepted(offset):
    claims = decode_access_token(SECRET, token_with(nbf=int(NOW.timestamp()) + offset), now=NOW)
    assert claims["sub"] == "u"


def test_a_token_without_nbf_is_accepted():
    assert decode_access_token(SECRET, token_with(), now=NOW)["scope"] == "read"
