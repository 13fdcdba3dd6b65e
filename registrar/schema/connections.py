"""Relay connections: forward pagination with opaque keyset cursors, `first` capped at 100."""

from __future__ import annotations

from typing import Generic, TypeVar

import strawberry
from graphql import GraphQLError

from registrar.resolvers._shared.pagination import Page

NodeT = TypeVar("NodeT")
MAX_PAGE = 100


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
