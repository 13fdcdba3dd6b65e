"""The one partial-update convention of every PATCH-like action.

A `Patch` is what the request supplied, field by field, with raw values. REST builds it from
the JSON object's keys, GraphQL from the input fields that are not UNSET, so both transports
hand the action the same thing. A field that is absent stays as it is; a field supplied as
null (or "", where the action documents it) is cleared. The action validates every value and
decides what a name it does not know means (most report it as `unprocessable_entity`).
"""

from __future__ import annotations

from collections.abc import Collection, ItemsView, Mapping
from dataclasses import dataclass, field

from registrar.errors import FieldErrors


@dataclass(frozen=True)
class Patch:
    supplied: Mapping[str, object] = field(default_factory=dict)

    def __contains__(self, name: object) -> bool:
        return name in self.supplied

    def get(self, name: str) -> object:
        return self.supplied.get(name)

    def items(self) -> ItemsView[str, object]:
        return self.supplied.items()

    def report_unknown(self, known: Collection[str], errors: FieldErrors) -> None:
        for name in self.supplied:
            if name not in known:
                errors.add(name, "is not a known field")
