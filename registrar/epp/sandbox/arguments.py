"""The command-line arguments of the standalone sandbox registry.

`python -m registrar.epp.sandbox` and `registrar sandbox-registry` both take them, so a command
line that works for one works for the other. Only what an argument left out differs: each entry
point picks its own PKI directory and accounts.
"""

from __future__ import annotations

import argparse
from pathlib import Path

SEPARATORS = ":="


def parse_account(value: str) -> tuple[str, str]:
    """`CLID:PASSWORD` or `CLID=PASSWORD`; the first separator ends the registrar id."""
    cut = min((value.find(sep) for sep in SEPARATORS if sep in value), default=-1)
    clid, password = value[:cut], value[cut + 1 :]
    if cut < 0 or not clid or not password:
        raise argparse.ArgumentTypeError("expected CLID:PASSWORD")
    return clid, password


def add_sandbox_arguments(parser: argparse.ArgumentParser) -> None:
    """--host, --port, --pki-dir (None when not given) and the repeatable --account."""
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=7000)
    parser.add_argument("--pki-dir", type=Path, help="where the CA and certificates are kept")
    parser.add_argument(
        "--account",
        action="append",
        default=[],
        metavar="CLID:PASSWORD",
        type=parse_account,
        help="registrar id and password the sandbox accepts (repeatable; CLID=PASSWORD works too)",
    )
