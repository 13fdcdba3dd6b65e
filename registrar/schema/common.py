"""GraphQL plumbing every area shares: the `Node` interface and the base of the `Tenant` field
mixins, `Money`, the `DomainName` scalar, the `errors` list every mutation payload carries
(same codes as the REST envelope), `attempt`, top-level errors for reads, and Relay
connections (forward pagination with opaque keyset cursors, `first` capped at 100)."""

from __future__ import annotations

from collections.abc import Awaitable
from decimal import Decimal
from typing import Annotated, Generic, NewType, TypeVar

import strawberry
from graphql import GraphQLError
from strawberry.scalars import JSON

from registrar.errors import RegistrarError
from registrar.resolvers._shared.pagination import Page
from registrar.resolvers.auth.guard import TenantAccess
from registrar.schema.context import top_level_error

T = TypeVar("T")
NodeT = TypeVar("NodeT")
MAX_PAGE = 100

DomainName = NewType("DomainName", str)
DOMAIN_NAME_SCALAR = strawberry.scalar(
    name="DomainName",
    description="A fully qualified domain or host name (A-label form in output).",
    serialize=str,
    parse_value=str,
)

TenantId = Annotated[strawberry.ID, strawberry.argument(description="The tenant.")]
Filter = Annotated[str | None, strawberry.argument(description="Match this value only.")]
First = Annotated[int, strawberry.argument(description="Page size, 1 to 100.")]
After = Annotated[str | None, strawberry.argument(description="Cursor to continue after.")]


@strawberry.interface(description="An object with a globally unique id.")
class Node:
    id: strawberry.ID = strawberry.field(description="Globally unique identifier (a UUID).")


@strawberry.type
class TenantFields(Node):
    """Base of the per-area field mixins `Tenant` is composed from: each area contributes its
    fields by subclassing this, and reads `self.access`, the caller's authorized tenant."""

    access: strawberry.Private[TenantAccess]


@strawberry.type(description="An amount of money; the amount is a decimal string with 4 places.")
class Money:
    amount: str = strawberry.field(description="Decimal amount, e.g. `9.9900`.")
    currency: str = strawberry.field(description="ISO 4217 currency code.")


def money(amount: Decimal, currency: str) -> Money:
    return Money(amount=f"{amount:.4f}", currency=currency)


def money_or_none(fee: tuple[Decimal, str] | None) -> Money | None:
    return money(*fee) if fee else None


@strawberry.type(description="Whether a contact handle or host name is free in the tenant.")
class ObjectAvailability:
    name: str = strawberry.field(description="The handle or host name checked (normalised).")
    available: bool = strawberry.field(description="True when nothing in the tenant uses it.")


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


async def attempt(action: Awaitable[T]) -> tuple[T | None, list[UserError]]:
    """Run one resolver call; expected failures become the payload's `errors`."""
    try:
        return await action, []
    except RegistrarError as error:
        return None, user_errors(error)


def input_fields(data: object) -> dict[str, object]:
    """An input's fields without `tenant_id`, as a resolver's input dataclass takes them."""
    values = dict(vars(data))
    values.pop("tenant_id")
    return values


async def read(action: Awaitable[T]) -> T:
    """Reads fail only on authorization (scope, role): those are top-level errors."""
    try:
        return await action
    except RegistrarError as error:
        raise top_level_error(error) from None


async def read_or_none(action: Awaitable[T]) -> T | None:
    """A read whose object may be missing: null instead of `not_found`."""
    try:
        return await action
    except RegistrarError as error:
        if error.code in ("not_found", "unprocessable_entity"):
            return None
        raise top_level_error(error) from None


@strawberry.type(description="Result of a mutation that returns nothing but may fail.")
class EmptyPayload:
    ok: bool = strawberry.field(description="Whether the action happened.")
    errors: list[UserError] = strawberry.field(description="Expected failures.")


@strawberry.input(description="An object of a tenant, by id.")
class TenantObjectInput:
    tenant_id: strawberry.ID = strawberry.field(description="The tenant.")
    id: strawberry.ID = strawberry.field(description="The object's id.")


@strawberry.type(description="Relay page information.")
class PageInfo:
    has_next_page: bool = strawberry.field(description="Whether more items follow this page.")
    end_cursor: str | None = strawberry.field(description="Cursor of the last item on this page.")


@strawberry.type(description="An item of a connection with its cursor.")
class Edge(Generic[NodeT]):
    cursor: str = strawberry.field(description="Opaque cursor of this item.")
    node: NodeT = strawberry.field(description="The item.")


@strawberry.type(description="A page of a list that can grow.")
class Connection(Generic[NodeT]):
    edges: list[Edge[NodeT]] = strawberry.field(description="The items of this page.")
    page_info: PageInfo = strawberry.field(description="Where this page sits in the list.")


def check_first(first: int) -> int:
    if not 1 <= first <= MAX_PAGE:
        raise GraphQLError(
            f"`first` must be between 1 and {MAX_PAGE}",
            extensions={"code": "unprocessable_entity"},
        )
    return first


def connection_of(page: Page, nodes: list, cursor_of) -> Connection:
    """Wrap a resolver `Page` whose items map one-to-one onto `nodes`."""
    edges = [Edge(cursor=cursor_of(item), node=node) for item, node in zip(page.items, nodes, strict=True)]
    return Connection(
        edges=edges,
        page_info=PageInfo(has_next_page=page.has_more, end_cursor=edges[-1].cursor if edges else None),
    )
