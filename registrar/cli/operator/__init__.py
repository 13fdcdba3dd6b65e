"""`registrar operator …`: the platform operator's commands, over the operator resolvers.

They read and write the database the settings name (as the server does), act as the operator
named by the OS user, and land in the same audit log as `/operator/v1`. Secrets they create
(invitation tokens, client secrets) are printed once to the operator's terminal, never logged.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from registrar.cli.operator import audit, clients, pricing, registry, tenants, tld_associations
from registrar.cli.output import CommandFailed, describe_error, emit, fail
from registrar.context import RequestContext
from registrar.errors import RegistrarError
from registrar.migrate import current_revision, head_revision
from registrar.resolvers.operator.guard import cli_operator
from registrar.runtime import offline_services
from registrar.settings import Settings

log = logging.getLogger(__name__)
AREAS = (tenants, registry, tld_associations, pricing, clients, audit)


def add_operator_commands(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    operator = commands.add_parser(
        "operator",
        help="platform operator commands (see `registrar operator -h`)",
        description="Platform operator commands; each also exists as an /operator/v1 route.",
    )
    sub = operator.add_subparsers(dest="operator_command", required=True, metavar="COMMAND")
    for area in AREAS:
        area.add_commands(sub)
    operator.set_defaults(handler=run_operator_command)


async def check_database(settings: Settings) -> None:
    """The database the settings name exists and is migrated. Errors: CommandFailed."""
    url = make_url(settings.database_url)
    if url.get_backend_name() == "sqlite" and url.database and not Path(url.database).exists():
        raise CommandFailed(
            f"no database at {url.database}: run this from the project directory, set REGISTRAR_DATA_DIR "
            "or REGISTRAR_DATABASE_URL to the server's, or create it with `registrar db upgrade`"
        )
    try:
        revision = await current_revision(settings.database_url)
    except (DBAPIError, OSError) as exc:
        raise CommandFailed(f"cannot open the database ({url.render_as_string(hide_password=True)}): {exc}") from None
    if revision != head_revision():
        raise CommandFailed(
            f"the database is at revision {revision or 'none'}, this code needs {head_revision()}: "
            "run `registrar db upgrade`"
        )


def run_operator_command(args: argparse.Namespace, settings: Settings) -> int:
    async def run() -> int:
        try:
            await check_database(settings)
        except CommandFailed as failure:
            return fail(str(failure))
        services = offline_services(settings)
        try:
            output = await args.operator_action(RequestContext(services=services), cli_operator(), args)
        except RegistrarError as error:
            return fail(describe_error(error))
        except CommandFailed as failure:
            return fail(str(failure))
        except Exception as exc:  # a bug: one line here, the traceback in the log at DEBUG
            log.debug("operator command failed", exc_info=True)
            return fail(f"unexpected {type(exc).__name__}: {exc} (a bug: please report it)")
        finally:
            await services.registry.aclose()
            await services.db.dispose()
        emit(output, args.json)
        return output.exit_status

    return asyncio.run(run())
