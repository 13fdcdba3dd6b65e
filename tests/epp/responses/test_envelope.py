"""The response envelope: a non-EPP root fails, and no input fails with anything but EppXmlError."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from registrar.epp.responses.envelope import parse_response
from registrar.epp.wire.xml import EppXmlError


def test_parse_response_rejects_a_non_epp_root() -> None:
    with pytest.raises(EppXmlError):
        parse_response(b"<response/>")


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=600))
def test_parser_never_fails_with_anything_but_eppxmlerror(data: bytes) -> None:
    with contextlib.suppress(EppXmlError):
        parse_response(data)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_parser_handles_arbitrary_xml_like_text(text: str) -> None:
    data = f'<epp xmlns="urn:ietf:params:xml:ns:epp-1.0"><response>{text}</response></epp>'
    with contextlib.suppress(EppXmlError):
        parse_response(data.encode("utf-8", "surrogatepass"))
