"""The user password policy (12 characters minimum, per the spec)."""

from __future__ import annotations

MIN_LENGTH = 12
MAX_LENGTH = 256


def password_problems(password: object) -> list[str]:
    """Messages for `details.password`; empty when the password is acceptable."""
    if not isinstance(password, str) or not password:
        return ["can't be blank"]
    problems = []
    if len(password) < MIN_LENGTH:
        problems.append(f"should be at least {MIN_LENGTH} character(s)")
    if len(password) > MAX_LENGTH:
        problems.append(f"should be at most {MAX_LENGTH} character(s)")
    if not password.strip():
        problems.append("can't be only whitespace")
    return problems
