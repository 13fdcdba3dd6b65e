"""Secrets handling: hashing what clients present back, encrypting what we must read again.

- Tokens a client presents back (auth codes, reset/verification tokens, API keys): SHA-256.
- Passwords and OAuth client secrets: Argon2id (argon2-cffi).
- Registry passwords and private keys: Fernet (AES + HMAC) under the settings' key.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from cryptography.fernet import Fernet, InvalidToken

password_hasher = PasswordHasher()  # replaceable: the test suite hashes at the lowest cost


def sha256_hex(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def constant_time_equal(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode(), b.encode())


def random_token(nbytes: int = 32) -> str:
    """A URL-safe token with `nbytes` bytes of CSPRNG entropy (32 bytes = 256 bits)."""
    return secrets.token_urlsafe(nbytes)


def random_hex(nchars: int) -> str:
    return secrets.token_hex((nchars + 1) // 2)[:nchars]


def hash_password(password: str) -> str:
    return password_hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    if not password_hash:
        return False
    try:
        return password_hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


class Encryptor:
    """Symmetric encryption at rest for registry credentials and certificate keys."""

    def __init__(self, key: str) -> None:
        self._fernet = Fernet(key.encode())

    @staticmethod
    def generate_key() -> str:
        return Fernet.generate_key().decode()

    def encrypt(self, plaintext: str) -> str:
        return self._fernet.encrypt(plaintext.encode()).decode()

    def decrypt(self, ciphertext: str) -> str:
        try:
            return self._fernet.decrypt(ciphertext.encode()).decode()
        except InvalidToken as exc:
            raise ValueError("ciphertext was not made with the configured encryption key") from exc
