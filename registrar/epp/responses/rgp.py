"""Extractors for RFC 3915 rgp-1.0 data: a domain's grace-period statuses."""

from __future__ import annotations

from registrar.epp.responses.envelope import EppResponse, extension_child
from registrar.epp.wire.xml import RGP, children


def rgp_statuses(response: EppResponse) -> tuple[str, ...]:
    """The `<rgp:rgpStatus>` values of a domain info's `<rgp:infData>`, else ()."""
    return _statuses(response, "infData")


def restore_statuses(response: EppResponse) -> tuple[str, ...]:
    """The rgp statuses a restore left (`pendingRestore` when a report is due), else ()."""
    return _statuses(response, "upData")


def _statuses(response: EppResponse, name: str) -> tuple[str, ...]:
    data = extension_child(response, RGP, name)
    if data is None:
        return ()
    return tuple(node.get("s", "") for node in children(data, RGP, "rgpStatus"))
