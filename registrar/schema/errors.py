"""The `errors` list every mutation payload carries: same codes as the REST envelope."""

from __future__ import annotations

import strawberry
from strawberry.scalars import JSON

from registrar.errors import RegistrarError


@strawberry.type(description="An expected failure of a mutation: same codes as the REST API.")
class UserError:
    code: str = strawberry.field(description="Stable snake_case error code, as in the REST API.")
    message: str = strawberry.field(description="Human-readable explanation.")
    field: str | None = strawberry.field(default=None, description="Input field the error is about, when there is one.")
    detail: JSON | None = strawberry.field(default=None, description="Structured context, as the REST `detail` object.")


def camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def user_errors(error: RegistrarError) -> list[UserError]:
    """One entry per field message for validation errors, else one entry for the code.

    Field names are given as the GraphQL input spells them (camelCase)."""
    detail = dict(error.detail or {})
    if error.meta:
        detail.update(error.meta)
    if error.details:
        return [
            UserError(code=error.code, message=message, field=camel(field), detail=detail or None)
            for field, messages in error.details.items()
            for message in messages
        ]
    return [UserError(code=error.code, message=error.code.replace("_", " "), detail=detail or None)]
