"""The `registrar` command: serve, migrate, mint a demo token, run the worker or a sandbox."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from registrar.cli.operator import add_operator_commands
from registrar.cli.sandbox import add_sandbox_account_command
from registrar.epp.sandbox.arguments import add_sandbox_arguments
from registrar.settings import ConfigurationError, Settings


def _run(args: argparse.Namespace, settings: Settings) -> int:
    import uvicorn

    from registrar.app import create_app
    from registrar.runtime import Runtime

    app = create_app(runtime=Runtime(settings))
    uvicorn.run(app, host=args.host or settings.host, port=args.port or settings.port, log_level="info")
    return 0


def _db_upgrade(_args: argparse.Namespace, settings: Settings) -> int:
    from registrar.migrate import upgrade

    if settings.is_sqlite:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
    asyncio.run(upgrade(settings.database_url))
    print("database is at the latest revision")
    return 0


def _demo_token(args: argparse.Namespace, settings: Settings) -> int:
    from registrar.bootstrap import mint_demo_token
    from registrar.runtime import offline_services

    async def mint() -> str:
        services = offline_services(settings)
        try:
            return await mint_demo_token(services, scope=args.scope, ttl_seconds=args.ttl)
        finally:
            await services.db.dispose()

    try:
        print(asyncio.run(mint()))
    except LookupError as exc:
        print(f"registrar: {exc}", file=sys.stderr)
        return 1
    return 0


def _demo_scope(value: str) -> str:
    """A demo owner's token holds tenant scopes only: never `operator`."""
    scopes = value.split()
    if not scopes or any(scope not in DEMO_TOKEN_SCOPES for scope in scopes):
        raise argparse.ArgumentTypeError(f"must be space-separated scopes among {', '.join(DEMO_TOKEN_SCOPES)}")
    return " ".join(dict.fromkeys(scopes))


def _worker(_args: argparse.Namespace, settings: Settings) -> int:
    from registrar.jobs.worker import run_forever
    from registrar.runtime import offline_services

    async def work() -> None:
        services = offline_services(settings)
        try:
            await run_forever(services, settings.worker_interval_seconds)
        finally:
            await services.registry.aclose()
            await services.db.dispose()

    asyncio.run(work())
    return 0


def _sandbox_registry(args: argparse.Namespace, settings: Settings) -> int:
    from registrar.epp.sandbox import serve_forever

    pki_dir = Path(args.pki_dir) if args.pki_dir else settings.data_dir / "sandbox-standalone"
    accounts = dict(args.account)
    asyncio.run(serve_forever(args.host, args.port, pki_dir, accounts))
    return 0


def _export_schema(args: argparse.Namespace, _settings: Settings) -> int:
    from registrar.schema import schema

    text = schema.as_str() + "\n"
    if args.output == "-":
        sys.stdout.write(text)
    else:
        Path(args.output).write_text(text)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="registrar", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    run = commands.add_parser("run", help="serve the API (embedded sandbox and worker by default)")
    run.add_argument("--host")
    run.add_argument("--port", type=int)
    run.set_defaults(handler=_run)

    db = commands.add_parser("db", help="database schema")
    db_commands = db.add_subparsers(dest="db_command", required=True)
    db_commands.add_parser("upgrade", help="apply every Alembic migration").set_defaults(handler=_db_upgrade)

    token = commands.add_parser("demo-token", help="print a bearer token for the demo owner")
    token.add_argument(
        "--scope",
        default="read write",
        type=_demo_scope,
        help="space-separated, among read and write (default: %(default)s)",
    )
    token.add_argument("--ttl", type=int, default=86_400, help="lifetime in seconds")
    token.set_defaults(handler=_demo_token)

    commands.add_parser("worker", help="run background jobs").set_defaults(handler=_worker)

    sandbox = commands.add_parser("sandbox-registry", help="run the sandbox EPP registry")
    add_sandbox_arguments(sandbox)
    sandbox.set_defaults(handler=_sandbox_registry)
    add_sandbox_account_command(commands)

    add_operator_commands(commands)

    export = commands.add_parser("export-schema", help="write the GraphQL SDL")
    export.add_argument("output", nargs="?", default="schema.graphql")
    export.set_defaults(handler=_export_schema)
    return parser


DEMO_TOKEN_SCOPES = ("read", "write")
# Commands that set an installation up; the others only use one and never create `var/`.
INSTALLING_COMMANDS = frozenset({"run", "db", "sandbox-registry", "export-schema"})
SERVING_COMMANDS = frozenset({"run", "worker", "sandbox-registry", "db"})


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    # Servers log what they do; one-shot commands print their answer and stay quiet otherwise.
    level = logging.INFO if args.command in SERVING_COMMANDS else logging.WARNING
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        settings = Settings.from_env(create_secrets=args.command in INSTALLING_COMMANDS)
    except ConfigurationError as exc:
        print(f"registrar: {exc}", file=sys.stderr)
        return 2
    return int(args.handler(args, settings))


if __name__ == "__main__":
    raise SystemExit(main())
