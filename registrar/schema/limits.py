"""Limits on a GraphQL document beyond depth, aliases and tokens (Strawberry's own extensions).

- `MaxDocumentBytes`: the token limit does not bound a document's size — one string literal or
  comment can be a megabyte and still be one token (or none) — so the document is refused
  above `max_bytes` before it is parsed.
- `SafeStringLiterals`: a string literal may spell NUL or another control character as an
  escape (`"\\u0000"`) that the JSON body does not show; it is refused at validation, as the
  request body's own text is (`resolvers/_shared/input_text.py`).

Both answer a top-level GraphQL error with `extensions.code`, like every other limit.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from graphql import GraphQLError, StringValueNode, ValidationRule
from strawberry.extensions import SchemaExtension

from registrar.resolvers._shared.input_text import UNSAFE_TEXT_MESSAGE, is_unsafe_text


class MaxDocumentBytes(SchemaExtension):
    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes

    def on_operation(self) -> Iterator[None]:
        query = self.execution_context.query or ""
        if len(query) > self.max_bytes or len(query.encode("utf-8", "surrogatepass")) > self.max_bytes:
            raise GraphQLError(
                f"The document is larger than {self.max_bytes} bytes.",
                extensions={"code": "payload_too_large"},
            )
        yield


class SafeStringLiterals(ValidationRule):
    def enter_string_value(self, node: StringValueNode, *_args: Any) -> None:
        if is_unsafe_text(node.value):
            self.report_error(
                GraphQLError(
                    f"A string literal {UNSAFE_TEXT_MESSAGE}.", node, extensions={"code": "unprocessable_entity"}
                )
            )
