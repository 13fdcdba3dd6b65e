"""Domain availability: one or many names, fanned out per registry binding.

A binding whose registry call fails marks only its own names `error`; the others answer.
"""

from __future__ import annotations

import asyncio
from collections import defaultdict
from dataclasses import dataclass, field

from registrar.context import RequestContext
from registrar.errors import ErrorCode, FieldErrors, RegistrarError, UpstreamError
from registrar.models import TldAssociation
from registrar.names import InvalidName, normalize_name, split_tld
from registrar.resolvers.auth.guard import TenantAccess
from registrar.resolvers.registry.accounts import registry_session, select_registry_account
from registrar.resolvers.registry.errors import RegistryError
from registrar.resolvers.registry.guard import active_associations

FEE_COMMANDS = ("create", "renew", "transfer", "restore")
MAX_NAMES = 100


@dataclass
class CheckInput:
    name: object = None
    names: object = None
    idn_language: object = None
    fee_commands: object = None
    fee_period: object = None
    client_transaction_id: object = None
    extra: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class Fee:
    command: str
    amount: str
    currency: str
    period_years: int | None
    refundable: bool | None


@dataclass(frozen=True)
class Availability:
    name: str
    status: str  # available | unavailable | error
    fees: list[Fee]
    premium_marker: str | None = None
    reason: str | None = None
    error: ErrorCode | None = None


@dataclass(frozen=True)
class CheckResult:
    single: bool
    results: list[Availability]
    client_transaction_id: str | None


def _validate(data: CheckInput) -> tuple[bool, list[str], list[str], int, str | None]:
    errors = FieldErrors()
    for unknown in data.extra:
        errors.add(unknown, "is not a known field")
    single, names = _names(data, errors)
    commands = data.fee_commands if data.fee_commands is not None else []
    if not isinstance(commands, list) or any(c not in FEE_COMMANDS for c in commands):
        errors.add("fee_commands", f"must be a subset of {', '.join(FEE_COMMANDS)}")
    period = 1 if data.fee_period is None else data.fee_period
    if isinstance(period, bool) or not isinstance(period, int) or not 1 <= period <= 10:
        errors.add("fee_period", "must be an integer from 1 to 10")
    trid = data.client_transaction_id
    if trid is not None and (not isinstance(trid, str) or not 3 <= len(trid) <= 64):
        errors.add("client_transaction_id", "must be a string of 3 to 64 characters")
    if data.idn_language is not None and not isinstance(data.idn_language, str):
        errors.add("idn_language", "must be a string")
    errors.raise_if_any()
    return single, names, list(dict.fromkeys(commands)), int(period), trid  # type: ignore[arg-type]


def _names(data: CheckInput, errors: FieldErrors) -> tuple[bool, list[str]]:
    """Exactly one of `name` or `names`, as A-labels; a shape error is reported at once."""
    if (data.name is None) == (data.names is None):
        errors.add("name", "exactly one of name or names is required")
        errors.raise_if_any()
    single = data.name is not None
    raw = [data.name] if single else data.names
    if not isinstance(raw, list) or not raw:
        errors.add("names", "must be a non-empty list of domain names")
    elif len(raw) > MAX_NAMES:
        errors.add("names", f"should have at most {MAX_NAMES} item(s)")
    errors.raise_if_any()
    names: list[str] = []
    for item in raw:  # type: ignore[union-attr]
        try:
            names.append(normalize_name(item))
        except InvalidName as exc:
            errors.add("name" if single else "names", f"{item!r} {exc}")
    return single, names


async def check_domains(ctx: RequestContext, access: TenantAccess, data: CheckInput) -> CheckResult:
    """Availability (and fees, when asked) from each name's registry.

    Errors: insufficient_scope; unprocessable_entity; tld_not_associated (single name only —
    in the multi-name form such a name answers `status: error`).
    """
    access.require_scope("read")
    single, names, commands, period, trid = _validate(data)
    associations = await active_associations(ctx, access)
    by_binding: dict[str, list[tuple[str, TldAssociation]]] = defaultdict(list)
    answers: dict[str, Availability] = {}
    for name in names:
        association = associations.get(split_tld(name, set(associations)))
        if association is None:
            if single:
                raise RegistrarError(RegistryError.TLD_NOT_ASSOCIATED, detail={"tld": split_tld(name)})
            answers[name] = Availability(name, "error", [], error=RegistryError.TLD_NOT_ASSOCIATED)
        else:
            by_binding[association.registry_binding].append((name, association))

    async def check_group(group: list[tuple[str, TldAssociation]]) -> None:
        group_names = list(dict.fromkeys(name for name, _ in group))
        try:
            account = await select_registry_account(ctx, access, group[0][1])
            registry = await registry_session(ctx, account)
            results = await registry.check_domains(
                group_names,
                fee_commands=commands,
                fee_period=period,
                idn_language=data.idn_language if isinstance(data.idn_language, str) else None,
            )
        except RegistrarError as exc:
            for name in group_names:
                answers[name] = Availability(name, "error", [], error=exc.code)
            return
        for result in results:
            answers[result.name] = Availability(
                name=result.name,
                status="available" if result.available else "unavailable",
                fees=[
                    Fee(
                        command=fee.command,
                        amount=fee.amount,
                        currency=fee.currency,
                        period_years=fee.period_years,
                        refundable=None,
                    )
                    for fee in result.fees
                ],
                premium_marker=next((fee.fee_class or "premium" for fee in result.fees if fee.premium), None),
                reason=result.reason,
            )

    await asyncio.gather(*(check_group(group) for group in by_binding.values()))
    return CheckResult(
        single=single,
        results=[
            answers.get(name) or Availability(name, "error", [], error=UpstreamError.REGISTRY_ERROR) for name in names
        ],
        client_transaction_id=trid,
    )
