"""Build the OpenAPI 3.1 document from the operations the app's routes carry.

A documented route (`rest_compat.endpoints.Endpoint`) carries its `Operation`s; any other REST
route is served undocumented and `undocumented_routes` names it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any, Protocol, runtime_checkable

from starlette.routing import BaseRoute, Route

from registrar.openapi.components import COMPONENTS
from registrar.openapi.schema import HTML, STRING, Operation, Schema, ref


@runtime_checkable
class Documented(Protocol):
    """A route that carries the declarations of the operations it serves."""

    operations: tuple[Operation, ...]


NOT_REST = ("/graphql",)  # GraphQL is described by schema.graphql, not by OpenAPI
MUTATING = frozenset({"POST", "PUT", "PATCH", "DELETE"})
PATH_PARAM = re.compile(r"{(\w+)}")
JSON = "application/json"
STATUS_TEXT = {
    200: "OK",
    201: "Created",
    204: "No content",
    302: "Redirect",
    400: "Malformed request, body or Idempotency-Key",
    401: "Missing, invalid, expired or revoked credential",
    403: "Insufficient scope or role, or a tenant-isolation failure",
    404: "Not found in the caller's scope",
    405: "Method not allowed",
    409: "Conflicting state, or Idempotency-Key in use",
    413: "Body too large",
    422: "Validation or business-rule failure",
    429: "Rate limited; retry after Retry-After",
    500: "Registrar failure",
    502: "Registry answered badly",
    503: "Registry unavailable (or, for /health, the database is down)",
    504: "Registry timed out",
}


def served_operations(routes: Iterable[BaseRoute]) -> Iterator[tuple[str, str]]:
    """(method, path) of every REST route the app serves, HEAD aside."""
    for route in routes:
        if isinstance(route, Route) and not route.path.startswith(NOT_REST):
            for method in sorted((route.methods or set()) - {"HEAD"}):
                yield method, route.path


def declared_operations(routes: Iterable[BaseRoute]) -> dict[tuple[str, str], Operation]:
    """The operations the routes declare, by (method, path)."""
    declared: dict[tuple[str, str], Operation] = {}
    for route in routes:
        for operation in route.operations if isinstance(route, Documented) else ():
            assert operation.key not in declared, f"two declarations for {operation.key}"
            declared[operation.key] = operation
    return declared


def undocumented_routes(routes: Iterable[BaseRoute]) -> list[tuple[str, str]]:
    routes = list(routes)
    declared = declared_operations(routes)
    return [key for key in served_operations(routes) if key not in declared]


def build_document(routes: Iterable[BaseRoute]) -> dict[str, Any]:
    routes = list(routes)
    declared = declared_operations(routes)
    paths: dict[str, dict[str, Any]] = {}
    for method, path in served_operations(routes):
        declaration = declared.get((method, path))
        if declaration is not None:
            paths.setdefault(path, {})[method.lower()] = _operation(declaration)
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Registrar REST API",
            "version": "1",
            "description": "REST compatibility surface. Errors use the `Error` envelope.",
        },
        "paths": paths,
        "components": {
            "schemas": COMPONENTS,
            "securitySchemes": {
                "bearerAuth": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"},
                "basicAuth": {"type": "http", "scheme": "basic"},
            },
            "parameters": {
                "IdempotencyKey": {
                    "name": "Idempotency-Key",
                    "in": "header",
                    "required": False,
                    "description": "Replays the stored response for 24 h to the same caller.",
                    "schema": {"type": "string", "pattern": r"^[A-Za-z0-9_\-:.+]{1,200}$"},
                }
            },
            "headers": {
                "IdempotentReplayed": {
                    "description": "`true` on a replay, `false` on the original execution.",
                    "schema": {"type": "string", "enum": ["true", "false"]},
                }
            },
        },
    }


def _operation(operation: Operation) -> dict[str, Any]:
    mutating = operation.method in MUTATING
    document: dict[str, Any] = {
        "operationId": _operation_id(operation),
        "summary": operation.summary,
        "tags": [operation.tag],
        "parameters": _parameters(operation, mutating),
        "security": _security(operation),
        "responses": _responses(operation, mutating),
    }
    if operation.body is not None:
        media = [JSON, "application/x-www-form-urlencoded"] if operation.form else [JSON]
        document["requestBody"] = {
            "required": not operation.body_optional,
            "content": {name: {"schema": operation.body} for name in media},
        }
    return document


def _operation_id(operation: Operation) -> str:
    slug = re.sub(r"[^a-z0-9]+", "_", operation.path.lower()).strip("_")
    return f"{operation.method.lower()}_{slug or 'root'}"


def _parameters(operation: Operation, mutating: bool) -> list[dict[str, Any]]:
    parameters: list[dict[str, Any]] = [
        {"name": name, "in": "path", "required": True, "schema": {"type": "string", "minLength": 1}}
        for name in PATH_PARAM.findall(operation.path)
    ]
    parameters += [
        {
            "name": param.name,
            "in": param.location,
            "required": param.required,
            "description": param.description,
            "schema": param.schema,
        }
        for param in operation.params
    ]
    if mutating:
        parameters.append({"$ref": "#/components/parameters/IdempotencyKey"})
    return parameters


def _security(operation: Operation) -> list[dict[str, list[str]]]:
    if operation.auth == "bearer":
        return [{"bearerAuth": []}]
    if operation.auth == "client":
        return [{"basicAuth": []}, {}]
    return [{}]


def _error_statuses(operation: Operation, mutating: bool) -> set[int]:
    statuses = set(operation.errors)
    if operation.auth == "bearer":
        statuses |= {401, 403}
    if mutating:
        statuses |= {400, 409}
    if operation.body is not None:
        statuses |= {400, 413}
    return statuses - {operation.status}


def _responses(operation: Operation, mutating: bool) -> dict[str, Any]:
    html = HTML in operation.media
    success: dict[str, Any] = {"description": STATUS_TEXT.get(operation.status, "Success")}
    if operation.response is not None:
        success["content"] = {
            name: {"schema": STRING if name == HTML else operation.response} for name in operation.media.split(",")
        }
    if mutating:
        success["headers"] = {"Idempotent-Replayed": {"$ref": "#/components/headers/IdempotentReplayed"}}
    if operation.status == 302:
        success["headers"] = {
            **success.get("headers", {}),
            "Location": {"schema": {"type": "string"}, "description": "redirect_uri with the code"},
        }
    responses: dict[str, Any] = {str(operation.status): success}
    for status in sorted(_error_statuses(operation, mutating)):
        responses[str(status)] = _error_response(STATUS_TEXT.get(status, "Error"), html)
    responses["default"] = _error_response("Any other failure, as the error envelope", html)
    return responses


def _error_response(description: str, html: bool) -> dict[str, Any]:
    content: dict[str, Schema] = {JSON: {"schema": ref("Error")}}
    if html:
        content[HTML] = {"schema": STRING}
    return {"description": description, "content": content}
