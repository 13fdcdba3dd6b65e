"""`python -m registrar.epp.sandbox [--host H] [--port P] [--pki-dir DIR] [--account CLID:PASSWORD ...]`.

The arguments are those of `registrar sandbox-registry` (`arguments.py`).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
from collections.abc import Sequence
from pathlib import Path

from registrar.epp.sandbox.arguments import add_sandbox_arguments
from registrar.epp.sandbox.standalone import serve_forever

DEFAULT_ACCOUNTS = {"registrar-a": "password-a", "registrar-b": "password-b"}
DEFAULT_PKI_DIR = Path("var/sandbox-pki")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m registrar.epp.sandbox", description="Run the sandbox EPP registry."
    )
    add_sandbox_arguments(parser)
    return parser


def main(argv: Sequence[str] | None = None) -> None:
    args = build_parser().parse_args(argv)
    accounts = dict(args.account) or DEFAULT_ACCOUNTS
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(serve_forever(args.host, args.port, args.pki_dir or DEFAULT_PKI_DIR, accounts))


if __name__ == "__main__":
    main()
