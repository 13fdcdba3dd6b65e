"""The idn-1.0 part of domain frames (Identity Digital's IDN extension): the IDN table."""

from __future__ import annotations

from registrar.epp.wire.xml import IDN, Element, sub


def idn_data(ext: Element, table: str) -> None:
    """Append `<idn:data><idn:table>`."""
    data = sub(ext, IDN, "data")
    sub(data, IDN, "table", table)
