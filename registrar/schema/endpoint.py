"""`/graphql`: the Strawberry ASGI view, with GraphiQL served from local assets (no CDN)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles
from strawberry.asgi import GraphQL

from registrar.errors import RegistrarError
from registrar.resolvers.auth.authentication import authenticate_bearer
from registrar.rest_compat.http import request_context
from registrar.schema import schema
from registrar.schema.context import GraphQLContext

STATIC_DIR = Path(__file__).resolve().parent.parent / "static"

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
