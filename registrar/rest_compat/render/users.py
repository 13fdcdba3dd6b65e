"""JSON shapes of the caller as a user."""

from __future__ import annotations

from typing import Any

from registrar.models import User
from registrar.rest_compat.render.formats import ts


def verified_user(user: User) -> dict[str, Any]:
    return {"email": user.email, "email_verified_at": ts(user.email_verified_at), "id": user.id}
