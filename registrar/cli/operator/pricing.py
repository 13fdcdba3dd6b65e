"""`registrar operator set-rate | delete-rate | list-rates | import-rates`: a tenant's rate
card. `import-rates` shows its progress on stderr when that is a terminal, then one summary
line."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from registrar.cli.output import CommandFailed, Output, add_command
from registrar.context import RequestContext
from registrar.models import RateCardEntry
from registrar.resolvers.operator import rate_cards, rate_import
from registrar.resolvers.operator.guard import OperatorAccess
from registrar.resolvers.pricing.quotes import OPERATIONS, TIERS
from registrar.rest_compat.render.pricing import rate_card_entry
from registrar.rest_compat.render.rate_imports import rate_import_result

TENANT_HELP = "the tenant's slug or id"
BAR_WIDTH = 30


class ProgressLine:
    """A one-line progress bar redrawn in place with `\\r` (no dependency): a phase, a bar,
    and the count; a new line when a phase completes. Redrawn only when the percentage moves."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.shown: tuple[str, int] | None = None

    def __call__(self, phase: str, done: int, total: int) -> None:
        percent = done * 100 // max(total, 1)
        if self.shown == (phase, percent):
            return
        self.shown = (phase, percent)
        filled = BAR_WIDTH * percent // 100
        self.stream.write(f"\r{phase:<10} [{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {done}/{total}")
        if done >= total:
            self.stream.write("\n")
        self.stream.flush()


def progress_on(stream: TextIO) -> rate_import.Progress | None:
    """A progress line on `stream` when it is a terminal; None (no progress) otherwise."""
    return ProgressLine(stream) if stream.isatty() else None


def _line(row: RateCardEntry) -> str:
    period = "-" if row.period is None else f"{row.period}y"
    tier = row.tier if row.premium_class is None else f"{row.tier}:{row.premium_class}"
    return f"{row.tld:<16} {row.operation:<12} {period:>3}  {tier:<20} {row.amount:>14.4f} {row.currency}  {row.id}"


async def _set(ctx: RequestContext, operator: OperatorAccess, args: argparse.Namespace) -> Output:
    data = rate_cards.RateInput(
        tld=args.tld,
        operation=args.operation,
        period=args.period,
        tier=args.tier,
        premium_class=args.premium_class,
        amount=args.amount,
        currency=args.currency,
    )
    result = await rate_cards.upsert_rate(ctx, operator, args.tenant, data)
    return Output({"data": rate_card_entry(result.entry)}, f"{result.outcome}: {_line(result.entry)}")


async def _delete(ctx: RequestContext, operator: OperatorAccess, args: argparse.Namespace) -> Output:
    await rate_cards.delete_rate(ctx, operator, args.tenant, args.entry_id)
    return Output({}, f"rate {args.entry_id} deleted")


async def _list(ctx: RequestContext, operator: OperatorAccess, args: argparse.Namespace) -> Output:
    rows = await rate_cards.list_rates(ctx, operator, args.tenant, tld=args.tld)
    return Output({"data": [rate_card_entry(row) for row in rows]}, "\n".join(map(_line, rows)) or "no rates")


def read_csv_file(path: Path) -> str:
    """The file's text. Errors: CommandFailed (missing, unreadable, not UTF-8)."""
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CommandFailed(f"no such file: {path}") from None
    except UnicodeDecodeError:
        raise CommandFailed(f"{path} is not UTF-8 text") from None
    except OSError as exc:
        raise CommandFailed(f"cannot read {path}: {exc.strerror}") from None


async def _import(ctx: RequestContext, operator: OperatorAccess, args: argparse.Namespace) -> Output:
    text = read_csv_file(Path(args.file))
    progress = progress_on(sys.stderr)
    result = await rate_import.import_rates(ctx, operator, args.tenant, text, progress=progress)
    rows = result.created + result.updated + result.unchanged
    return Output(
        {"data": rate_import_result(result)},
        f"imported {rows} rows for {args.tenant}: {result.created} created, {result.updated} updated, "
        f"{result.unchanged} unchanged (TLDs changed: {', '.join(result.tlds) or 'none'})",
    )


def add_commands(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    set_rate = add_command(commands, "set-rate", "set the price of one rate-card key of a tenant", _set)
    set_rate.add_argument("tenant", help=TENANT_HELP)
    set_rate.add_argument("--tld", required=True, help="a TLD the tenant is associated with")
    set_rate.add_argument("--operation", required=True, choices=OPERATIONS, help="what the price is for")
    set_rate.add_argument("--period", type=int, help="years, 1-10 (not for restore)")
    set_rate.add_argument("--tier", choices=TIERS, default="standard", help="the price tier (default standard)")
    set_rate.add_argument("--premium-class", help="the registry's premium class (premium tier only)")
    set_rate.add_argument("--amount", required=True, help="positive, at most 4 decimals, e.g. 9.99")
    set_rate.add_argument("--currency", default="USD", help="ISO 4217 code (default USD)")

    delete = add_command(commands, "delete-rate", "delete one rate-card row of a tenant", _delete)
    delete.add_argument("tenant", help=TENANT_HELP)
    delete.add_argument("entry_id", help="the row's id (see list-rates)")

    listing = add_command(commands, "list-rates", "list a tenant's rate-card rows", _list)
    listing.add_argument("tenant", help=TENANT_HELP)
    listing.add_argument("--tld", help="only this TLD's rows")

    importing = add_command(
        commands,
        "import-rates",
        "import a tenant's rate-card rows from a CSV file, all or nothing",
        _import,
    )
    importing.add_argument("tenant", help=TENANT_HELP)
    importing.add_argument("file", help="CSV with the header tld,operation,period,tier,premium_class,amount,currency")
