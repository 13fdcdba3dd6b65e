"""The one hardened parser: DTDs, entities and garbage fail typed; datetimes are UTC-aware."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from registrar.epp.wire.xml import EppXmlError, format_datetime, parse_datetime, parse_document

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;">]>
<epp xmlns="urn:ietf:params:xml:ns:epp-1.0"><hello>&lol2;</hello></epp>"""
LOCAL_XXE = b"""<?xml version="1.0"?>
<!DOCTYPE epp [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<epp xmlns="urn:ietf:params:xml:ns:epp-1.0"><hello>&xxe;</hello></epp>"""


@pytest.mark.parametrize("data", [BILLION_LAUGHS, LOCAL_XXE, b"", b"   ", b"<epp", b"\xff\xfe<"])
def test_parse_document_rejects_dtds_entities_and_garbage(data: bytes) -> None:
    with pytest.raises(EppXmlError):
        parse_document(data)


def test_datetimes_are_utc_aware_both_ways() -> None:
    parsed = parse_datetime("1999-04-03T22:00:00.0Z")
    assert parsed == datetime(1999, 4, 3, 22, tzinfo=UTC)
    assert parse_datetime("2000-01-01T02:00:00+02:00") == datetime(2000, 1, 1, tzinfo=UTC)
    assert format_datetime(datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC)) == "2025-01-02T03:04:05.0Z"
    with pytest.raises(EppXmlError):
        parse_datetime("yesterday")
