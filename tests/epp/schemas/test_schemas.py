"""The EPP XSDs ship with the package: the loader needs nothing outside it, every file is used,
documented and declared as package data."""

from __future__ import annotations

import re
import tomllib

from lxml import etree

from registrar.epp.frames.session import build_hello
from registrar.epp.schemas import ENTRY_POINT, SCHEMA_DIR, load_epp_schema
from tests.support.epp import REPO

XSD_FILES = sorted(path.name for path in SCHEMA_DIR.glob("*.xsd"))


def test_loader_accepts_a_valid_frame_and_refuses_an_invalid_one() -> None:
    # given
    schema = load_epp_schema()
    # when
    valid = schema.validate(etree.fromstring(build_hello()))
    invalid = schema.validate(etree.fromstring(b'<epp xmlns="urn:ietf:params:xml:ns:epp-1.0"><nonsense/></epp>'))
    # then
    assert (valid, invalid) == (True, False)


def test_every_schema_file_is_imported_by_the_entry_point() -> None:
    # given
    imported = set(re.findall(r'schemaLocation="([^"]+)"', ENTRY_POINT.read_text(encoding="utf-8")))
    # then
    assert imported == set(XSD_FILES) - {ENTRY_POINT.name}


def test_the_readme_names_the_source_and_licence_of_every_file() -> None:
    # given
    readme = (SCHEMA_DIR / "README.md").read_text(encoding="utf-8")
    # then
    assert [name for name in XSD_FILES if f"`{name}`" not in readme] == []
    assert "IETF Trust" in readme and "Simplified BSD License" in readme


def test_the_schemas_are_declared_as_package_data() -> None:
    # given
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    # when
    patterns = pyproject["tool"]["setuptools"]["package-data"]["registrar.epp.schemas"]
    # then
    assert "*.xsd" in patterns and "README.md" in patterns
