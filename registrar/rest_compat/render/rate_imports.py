"""JSON shape of a rate-card import's outcome (the operator API and `registrar operator
import-rates --json`)."""

from __future__ import annotations

from typing import Any

from registrar.resolvers.operator.rate_import import ImportResult


def rate_import_result(result: ImportResult) -> dict[str, Any]:
    return {"created": result.created, "tlds": result.tlds, "unchanged": result.unchanged, "updated": result.updated}
