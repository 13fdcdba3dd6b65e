"""The EPP XML schemas (RFC 5730-5733, 5910, 3915, 8748, 8334, 7848 and idn-1.0) as package
data, and their loader. Sources, licences and checksums: `README.md` in this folder."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

SCHEMA_DIR = Path(__file__).resolve().parent
ENTRY_POINT = SCHEMA_DIR / "epp-all.xsd"
"""The wrapper that imports every namespace once with a local `schemaLocation`."""


def load_epp_schema() -> etree.XMLSchema:
    """One `XMLSchema` covering EPP 1.0 and every extension in this folder.

    A new object on every call, for the caller to keep: libxml2 records the errors of the last
    validation on the schema object, so users sharing one would read each other's errors.
    The network stays off; every import resolves to a file of this package.
    """
    parser = etree.XMLParser(no_network=True)
    return etree.XMLSchema(etree.parse(str(ENTRY_POINT), parser))
