"""`python -m registrar.epp.sandbox` and `registrar sandbox-registry` take the same arguments."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from registrar.cli import build_parser as registrar_parser
from registrar.epp.sandbox.__main__ import build_parser as module_parser
from registrar.epp.sandbox.arguments import parse_account

ARGUMENTS = [
    "--host",
    "0.0.0.0",
    "--port",
    "7100",
    "--pki-dir",
    "pki",
    "--account",
    "a-1:pw-1",
    "--account",
    "b-1=pw-2",
]


def sandbox_arguments(namespace: argparse.Namespace) -> dict[str, object]:
    return {name: getattr(namespace, name) for name in ("host", "port", "pki_dir", "account")}


def test_both_entry_points_read_the_same_command_line_alike() -> None:
    # when
    from_module = module_parser().parse_args(ARGUMENTS)
    from_registrar = registrar_parser().parse_args(["sandbox-registry", *ARGUMENTS])
    # then
    assert sandbox_arguments(from_module) == sandbox_arguments(from_registrar)
    assert sandbox_arguments(from_module) == {
        "host": "0.0.0.0",
        "port": 7100,
        "pki_dir": Path("pki"),
        "account": [("a-1", "pw-1"), ("b-1", "pw-2")],
    }


def options(parser: argparse.ArgumentParser) -> dict[str, tuple[object, ...]]:
    """Every option of `parser` (bar --help) with what it takes: how often, of what type, what default."""
    return {
        option: (type(action).__name__, action.nargs, action.type, action.default, action.metavar)
        for action in parser._actions
        if not isinstance(action, argparse._HelpAction | argparse._SubParsersAction)
        for option in action.option_strings
    }


def sandbox_registry_parser() -> argparse.ArgumentParser:
    [commands] = [action for action in registrar_parser()._actions if isinstance(action, argparse._SubParsersAction)]
    return commands.choices["sandbox-registry"]


def test_both_entry_points_accept_the_same_options() -> None:
    # when
    from_module = options(module_parser())
    from_registrar = options(sandbox_registry_parser())
    # then
    assert from_module == from_registrar
    assert {"--host", "--port", "--pki-dir", "--account"} <= set(from_module)


def test_both_entry_points_have_the_same_defaults() -> None:
    # when
    from_module = module_parser().parse_args([])
    from_registrar = registrar_parser().parse_args(["sandbox-registry"])
    # then
    assert sandbox_arguments(from_module) == sandbox_arguments(from_registrar)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("a-1:pw:x", ("a-1", "pw:x")), ("a-1=pw:x", ("a-1", "pw:x")), ("a-1:pw=x", ("a-1", "pw=x"))],
)
def test_the_first_separator_ends_the_registrar_id(value: str, expected: tuple[str, str]) -> None:
    assert parse_account(value) == expected


@pytest.mark.parametrize("value", ["a-1", ":pw", "a-1:", "a-1="])
def test_an_account_without_id_or_password_is_refused(value: str) -> None:
    with pytest.raises(argparse.ArgumentTypeError):
        parse_account(value)
