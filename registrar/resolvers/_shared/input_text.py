"""Untrusted text and JSON: what no column, EPP frame, mail header or log line can hold.

Two rules, applied before a value reaches any rule of an aggregate:

- **Anywhere** (every JSON string and key of a body or of GraphQL variables, form values, query
  parameters, cursors): no NUL or other C0 control character but TAB, LF and CR, no DEL, and
  no lone surrogate (U+D800–U+DFFF, which JSON's `\\ud800` escape yields and UTF-8 cannot
  encode). PostgreSQL refuses NUL in text, lxml refuses it in an EPP frame, and a surrogate
  fails at the first encode: each of them used to be a 500.
- **Single-line stored text** (a contact's name and address, a tenant's name): in addition no
  CR, LF, TAB or any other control character (Unicode category Cc, so C1 too) and no line or
  paragraph separator, so a value cannot split a mail header, a log line or an EPP
  `normalizedString`. Multi-line text (a PEM certificate, an agreement's body) keeps the first
  rule only.

JSON is parsed with a depth limit, `MAX_JSON_DEPTH`, far above any document of this API and
far below Python's recursion limit, so nothing that walks a parsed value can fail on it; and
as I-JSON (RFC 7493) has it, numbers are finite and integers within ±(2^53 − 1), so none
overflows a column, a `timedelta` or an `int()` later.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator
from typing import Any

from registrar.errors import FieldErrors, validation_error

MAX_JSON_DEPTH = 32
MAX_JSON_INTEGER = 2**53 - 1
UNSAFE_TEXT_MESSAGE = "must not contain NUL, control characters or invalid Unicode"
CONTROL_CHARACTER_MESSAGE = "must not contain control characters or line breaks"

_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
_NOT_SINGLE_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


class MalformedJson(ValueError):
    """Not JSON, not UTF-8, too deep or with numbers out of range. The message completes a
    sentence whose subject is the document: `f"body {exc}"` reads "body is not valid JSON"."""


def is_unsafe_text(value: str) -> bool:
    """True when `value` breaks the rule that holds anywhere."""
    return _UNSAFE.search(value) is not None


def is_single_line_text(value: str) -> bool:
    return _NOT_SINGLE_LINE.search(value) is None


def load_json(raw: bytes | str) -> Any:
    """`json.loads` that fails only with `MalformedJson`, whatever the input: a document nested
    past the interpreter's recursion limit is refused, not a crash."""
    try:
        value = json.loads(raw, parse_float=_finite_float, parse_int=_safe_int, parse_constant=_no_constant)
    except MalformedJson:
        raise
    except RecursionError as exc:
        raise MalformedJson(f"is nested deeper than {MAX_JSON_DEPTH} levels") from exc
    except (ValueError, UnicodeDecodeError) as exc:
        raise MalformedJson("is not valid JSON") from exc
    if json_depth(value) > MAX_JSON_DEPTH:
        raise MalformedJson(f"is nested deeper than {MAX_JSON_DEPTH} levels")
    return value


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise MalformedJson("holds a number that is not finite")
    return value


def _safe_int(text: str) -> int:
    if len(text.lstrip("-")) > 16 or abs(int(text)) > MAX_JSON_INTEGER:
        raise MalformedJson("holds an integer beyond ±(2^53 - 1)")
    return int(text)


def _no_constant(text: str) -> Any:
    raise MalformedJson(f"holds {text}, which is not JSON")


def json_depth(value: Any) -> int:
    """Nesting depth of a parsed JSON value (a scalar is 0), without recursion."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        deepest = max(deepest, depth)
        if isinstance(item, dict):
            stack.extend((child, depth + 1) for child in item.values())
        elif isinstance(item, list):
            stack.extend((child, depth + 1) for child in item)
    return deepest


def unsafe_text_paths(value: Any) -> Iterator[tuple[str | int, ...]]:
    """The path of every string (or object key) in a parsed JSON value that breaks the rule
    that holds anywhere; a bad key is reported at its parent's path, never echoed."""
    stack: list[tuple[tuple[str | int, ...], Any]] = [((), value)]
    while stack:
        path, item = stack.pop()
        if isinstance(item, str) and is_unsafe_text(item):
            yield path
        elif isinstance(item, dict):
            for key, child in item.items():
                if isinstance(key, str) and is_unsafe_text(key):
                    yield path
                    continue
                stack.append(((*path, key), child))
        elif isinstance(item, list):
            stack.extend(((*path, index), child) for index, child in enumerate(item))


def check_json_text(value: Any, *, prefix: str | None = None) -> None:
    """422 `unprocessable_entity` naming every field that holds unsafe text: the top-level
    member of a body (`body` for the body itself), or with a `prefix` (which may be "") the
    dotted path below it (`variables.input.name`)."""
    fields = {_field_name(path, prefix) for path in unsafe_text_paths(value)}
    if fields:
        raise validation_error({field: [UNSAFE_TEXT_MESSAGE] for field in sorted(fields)})


def _field_name(path: tuple[str | int, ...], prefix: str | None) -> str:
    if prefix is not None:
        return ".".join(part for part in (prefix, *map(str, path)) if part) or "body"
    return str(path[0]) if path else "body"


def check_text_pairs(pairs: list[tuple[str, str]], *, whole: str) -> None:
    """The same for form fields or query parameters, reported by name (or as `whole`, the
    form or the query, when the name itself is unsafe)."""
    fields = {whole if is_unsafe_text(name) else name for name, value in pairs if is_unsafe_text(name + value)}
    if fields:
        raise validation_error({field: [UNSAFE_TEXT_MESSAGE] for field in sorted(fields)})


def check_single_line(errors: FieldErrors, field: str, value: str) -> bool:
    """Adds the field error for a stored single-line value that is not one; True when fine."""
    if is_single_line_text(value):
        return True
    errors.add(field, CONTROL_CHARACTER_MESSAGE)
    return False
