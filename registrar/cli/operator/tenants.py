"""Placeholder: filled by the tenants part of the operator CLI."""

import argparse


def add_commands(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    return None
