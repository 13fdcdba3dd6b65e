"""`/graphql`: the Strawberry ASGI view, with GraphiQL served from local assets (no CDN).

The request itself is parsed as every REST body is: `load_json` (bounded depth, finite
numbers; 400 `bad_request`), then no NUL, control character or lone surrogate anywhere in the
document or its variables (422 `unprocessable_entity`, `details` by dotted path such as
`variables.input.name`). Strawberry's own transport refusals (not JSON, no query, a batch)
are answered in the same error envelope, never as plain text. The size limit is the request
guard's (`registrar/request_guard.py`), as for every route.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from cross_web import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import Receive, Scope, Send
from strawberry.asgi import GraphQL

from registrar.errors import RegistrarError
from registrar.resolvers._shared.input_text import MalformedJson, check_json_text, load_json
from registrar.resolvers.auth.authentication import authenticate_bearer
from registrar.rest_compat.http import error_response, request_context
from registrar.schema import schema
from registrar.schema.context import GraphQLContext

STATIC_DIR = Path(__file__).resolve().parent.parent / "static"
CODE_BY_STATUS = {404: "not_found", 405: "method_not_allowed", 413: "payload_too_large", 415: "unsupported_media_type"}

GRAPHIQL_HTML = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Registrar GraphiQL</title>
<link rel="stylesheet" href="/static/graphiql/graphiql.min.css">
<style>html, body, #graphiql { height: 100%; margin: 0; }</style>
</head>
<body>
<div id="graphiql">Loading…</div>
<script src="/static/graphiql/react.production.min.js"></script>
<script src="/static/graphiql/react-dom.production.min.js"></script>
<script src="/static/graphiql/graphiql.min.js"></script>
<script>
  const fetcher = GraphiQL.createFetcher({ url: window.location.pathname });
  ReactDOM.createRoot(document.getElementById("graphiql")).render(
    React.createElement(GraphiQL, {
      fetcher,
      defaultEditorToolsVisibility: true,
      headers: JSON.stringify({ Authorization: "Bearer <paste the output of registrar demo-token>" }, null, 2),
    })
  );
</script>
</body>
</html>
"""


class RegistrarGraphQL(GraphQL):
    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return
        try:
            response = await self.run(Request(scope=scope, receive=receive))
        except HTTPException as exc:
            code = CODE_BY_STATUS.get(exc.status_code, "bad_request")
            response = error_response(RegistrarError(code, detail={"reason": exc.reason}))
        await response(scope, receive, send)

    def decode_json(self, data: str | bytes) -> object:
        """The body (or a GET request's `variables`): a JSON object or a batch list whose
        text is safe; anything else is refused in the envelope."""
        try:
            value = load_json(data)
        except MalformedJson as exc:
            raise RegistrarError("bad_request", detail={"reason": f"request {exc}"}) from exc
        if not isinstance(value, dict | list):
            raise RegistrarError("bad_request", detail={"reason": "request must be a JSON object"})
        check_json_text(value, prefix="")
        return value

    async def get_context(self, request: Any, response: Any) -> GraphQLContext:
        ctx = request_context(request)
        auth_error = None
        try:
            await authenticate_bearer(ctx, request.headers.get("authorization"))
        except RegistrarError as error:
            auth_error = error
        return GraphQLContext(request_context=ctx, auth_error=auth_error, request=request, response=response)

    async def render_graphql_ide(self, request: Request) -> Response:
        return HTMLResponse(GRAPHIQL_HTML)


def graphql_routes() -> list[BaseRoute]:
    view = RegistrarGraphQL(schema, graphql_ide="graphiql")
    return [
        Route("/graphql", view, methods=["GET", "POST"]),
        Mount("/static", StaticFiles(directory=STATIC_DIR), name="static"),
    ]
