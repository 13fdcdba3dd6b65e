"""`python -m registrar.epp.sandbox [--host H] [--port P] [--pki-dir DIR] [--account ID=PW ...]`."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
from pathlib import Path

from registrar.epp.sandbox.standalone import serve_forever

DEFAULT_ACCOUNTS = {"registrar-a": "password-a", "registrar-b": "password-b"}


def main() -> None:
    parser = argparse.ArgumentParser(description="Run the sandbox EPP registry.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=7000)
    parser.add_argument("--pki-dir", type=Path, default=Path("var/sandbox-pki"))
    parser.add_argument("--account", action="append", default=[], metavar="CLID=PASSWORD")
    args = parser.parse_args()
    accounts = dict(item.split("=", 1) for item in args.account) or DEFAULT_ACCOUNTS
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(serve_forever(args.host, args.port, args.pki_dir, accounts))


if __name__ == "__main__":
    main()
