"""Builders of RFC 5731 domain renew, transfer and delete frames."""

from __future__ import annotations

from datetime import date

from registrar.epp.frames import command, finish
from registrar.epp.xml import DOMAIN, sub

TRANSFER_OPS = ("request", "query", "approve", "reject", "cancel")


def build_domain_renew(name: str, current_expiry: date, years: int = 1, *, cltrid: str | None = None) -> bytes:
    """`<domain:renew>`; `current_expiry` guards against renewing twice (RFC 5731 §3.2.3)."""
    root, cmd, verb = command("renew")
    renew = sub(verb, DOMAIN, "renew")
    sub(renew, DOMAIN, "name", name)
    sub(renew, DOMAIN, "curExpDate", current_expiry.isoformat())
    sub(renew, DOMAIN, "period", str(years), unit="y")
    return finish(root, cmd, cltrid)


def build_domain_transfer(
    op: str,
    name: str,
    *,
    auth_info: str | None = None,
    years: int | None = None,
    cltrid: str | None = None,
) -> bytes:
    """`<transfer op=...><domain:transfer>`; a request carries the authInfo."""
    if op not in TRANSFER_OPS:
        raise ValueError(f"unknown transfer op {op!r}")
    root, cmd, verb = command("transfer")
    verb.set("op", op)
    transfer = sub(verb, DOMAIN, "transfer")
    sub(transfer, DOMAIN, "name", name)
    if years is not None:
        sub(transfer, DOMAIN, "period", str(years), unit="y")
    if auth_info is not None:
        sub(sub(transfer, DOMAIN, "authInfo"), DOMAIN, "pw", auth_info)
    return finish(root, cmd, cltrid)


def build_domain_delete(name: str, *, cltrid: str | None = None) -> bytes:
    root, cmd, verb = command("delete")
    sub(sub(verb, DOMAIN, "delete"), DOMAIN, "name", name)
    return finish(root, cmd, cltrid)
