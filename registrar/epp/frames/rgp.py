"""Builder of the RFC 3915 rgp-1.0 restore: a `<domain:update>` carrying `<rgp:restore>`."""

from __future__ import annotations

from registrar.epp.frames.envelope import command, extension, finish
from registrar.epp.frames.fee import fee_agreement
from registrar.epp.objects import RestoreReport
from registrar.epp.wire.xml import DOMAIN, RGP, Element, format_datetime, sub


def build_domain_restore(
    name: str,
    report: RestoreReport | None = None,
    *,
    fee_amount: str | None = None,
    fee_currency: str | None = None,
    cltrid: str | None = None,
) -> bytes:
    """RFC 3915 restore: an empty `<domain:chg/>` plus `<rgp:restore op="request|report">`."""
    root, cmd, verb = command("update")
    update = sub(verb, DOMAIN, "update")
    sub(update, DOMAIN, "name", name)
    sub(update, DOMAIN, "chg")
    ext = extension(cmd)
    restore = sub(sub(ext, RGP, "update"), RGP, "restore", op="request" if report is None else "report")
    if report is not None:
        _report(restore, report)
    if fee_amount is not None:
        fee_agreement(ext, "update", fee_amount, fee_currency)
    return finish(root, cmd, cltrid)


def _report(restore: Element, report: RestoreReport) -> None:
    if not 1 <= len(report.statements) <= 2:
        raise ValueError("a restore report carries one or two statements")
    node = sub(restore, RGP, "report")
    sub(node, RGP, "preData", report.pre_data)
    sub(node, RGP, "postData", report.post_data)
    sub(node, RGP, "delTime", format_datetime(report.deleted_at))
    sub(node, RGP, "resTime", format_datetime(report.restored_at))
    sub(node, RGP, "resReason", report.reason)
    for statement in report.statements:
        sub(node, RGP, "statement", statement)
    if report.other:
        sub(node, RGP, "other", report.other)
