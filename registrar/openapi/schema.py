"""A small vocabulary for JSON Schema fragments and the per-route `Operation` declaration."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

Schema = dict[str, Any]

HTML = "text/html"

STRING: Schema = {"type": "string"}
INTEGER: Schema = {"type": "integer"}
BOOLEAN: Schema = {"type": "boolean"}
ANY_OBJECT: Schema = {"type": "object"}
TIMESTAMP: Schema = {"type": "string", "format": "date-time"}
MONEY: Schema = {"type": "string", "pattern": r"^-?\d+\.\d{4}$"}
EMAIL: Schema = {"type": "string", "format": "email"}


def nullable(schema: Schema) -> Schema:
    if "$ref" in schema:
        return {"oneOf": [schema, {"type": "null"}]}
    kind = schema.get("type")
    if isinstance(kind, str):
        return {**schema, "type": [kind, "null"]}
    return {"oneOf": [schema, {"type": "null"}]}


def enum(*values: str) -> Schema:
    return {"type": "string", "enum": list(values)}


def array(items: Schema) -> Schema:
    return {"type": "array", "items": items}


def ref(name: str) -> Schema:
    return {"$ref": f"#/components/schemas/{name}"}


def obj(
    required: dict[str, Schema] | None = None,
    optional: dict[str, Schema] | None = None,
    *,
    closed: bool = False,
) -> Schema:
    """An object whose `required` properties must be present and `optional` ones may be."""
    required = required or {}
    schema: Schema = {"type": "object", "properties": {**required, **(optional or {})}}
    if required:
        schema["required"] = list(required)
    if closed:
        schema["additionalProperties"] = False
    return schema


def data(schema: Schema) -> Schema:
    """The `{"data": …}` envelope of every REST response."""
    return obj({"data": schema})


def data_list(item: Schema, pagination: Schema | None = None) -> Schema:
    if pagination is None:
        return data(array(item))
    return obj({"data": array(item), "pagination": pagination})


@dataclass(frozen=True)
class Param:
    name: str
    description: str
    schema: Schema = field(default_factory=lambda: dict(STRING))
    location: Literal["query", "header"] = "query"
    required: bool = False


def query(names: Iterable[str], description: str = "Filter") -> tuple[Param, ...]:
    return tuple(Param(name, f"{description}: {name}.") for name in names)


Auth = Literal["bearer", "none", "client"]


@dataclass(frozen=True)
class Operation:
    """One route and method: what it takes and what it answers.

    `auth` is `bearer` (JWT or API key), `none`, or `client` (OAuth client authentication:
    HTTP Basic or credentials in the body). `response` None means an empty body; `media`
    is the success body's type (HTML pages answer `text/html`). `errors` lists the statuses
    the spec documents beyond those the builder adds from `auth`, the path and the method.
    """

    method: str
    path: str
    summary: str
    status: int = 200
    response: Schema | None = None
    body: Schema | None = None
    body_optional: bool = False
    form: bool = False
    params: tuple[Param, ...] = ()
    auth: Auth = "bearer"
    errors: tuple[int, ...] = ()
    media: str = "application/json"
    tag: str = "misc"

    @property
    def key(self) -> tuple[str, str]:
        return self.method, self.path
