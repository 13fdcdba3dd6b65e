"""`Endpoint`: a Starlette route declared together with the OpenAPI operation(s) it serves.

Path and methods come from the declarations, so a route cannot be served under one path and
documented under another; `registrar.openapi` builds the document from the operations the
app's routes carry, and reports any plain `Route` as undocumented.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from starlette.routing import Route

from registrar.openapi.schema import Operation


class Endpoint(Route):
    """`handler` serving `operations`, which share one path (usually one operation; `PATCH`
    and `PUT` of one resource share a handler)."""

    def __init__(self, handler: Callable[..., Any], *operations: Operation, name: str | None = None) -> None:
        paths = {operation.path for operation in operations}
        if len(paths) != 1:
            raise ValueError(f"an endpoint serves one path, not {sorted(paths)}")
        super().__init__(
            operations[0].path,
            handler,
            methods=[operation.method for operation in operations],
            name=name,
        )
        self.operations = operations
