"""How CLI commands answer: a human line (or a few), or the same object as JSON with
`--json`; and how they fail: one line on stderr naming the fix, never a traceback."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from registrar.errors import RegistrarError


@dataclass(frozen=True)
class Output:
    data: Any  # printed as JSON with --json: the operator API's shape of the same object
    text: str
    exit_status: int = 0  # a report whose subject failed (a registry not reached) exits 1


class CommandFailed(Exception):
    """A failure the CLI reports as one line on stderr (exit status 1)."""


def add_command(
    commands: argparse._SubParsersAction,  # type: ignore[type-arg]
    name: str,
    help: str,
    action: Callable[..., Awaitable[Output]],
) -> argparse.ArgumentParser:
    """A subcommand with `--json`, running `action(ctx, operator, args)`."""
    parser = commands.add_parser(name, help=help, description=help)
    parser.add_argument("--json", action="store_true", help="print the result as JSON (the operator API's shape)")
    parser.set_defaults(operator_action=action)
    return parser


def emit(output: Output, as_json: bool) -> None:
    if as_json:
        print(json.dumps(output.data, indent=2, sort_keys=True))
    elif output.text:
        print(output.text)


def describe_error(error: RegistrarError) -> str:
    """`code: field message; field message` or `code: key=value …`, on one line."""
    parts: list[str] = []
    for field, messages in (error.details or {}).items():
        parts.extend(f"{field} {message}" for message in messages)
    for key, value in (error.detail or {}).items():
        parts.append(f"{key}={value}")
    return f"{error.code}: {'; '.join(parts)}" if parts else str(error.code)


def fail(message: str) -> int:
    print(f"registrar: {message}", file=sys.stderr)
    return 1
