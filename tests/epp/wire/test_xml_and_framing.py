"""The hardened parser and RFC 5734 framing: typed errors only, never a hang."""

from __future__ import annotations

import asyncio
import contextlib
import struct
from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from registrar.epp.framing import (
    ConnectionClosed,
    FrameError,
    decode_length,
    encode_frame,
    read_frame,
)
from registrar.epp.responses import parse_response
from registrar.epp.xml import EppXmlError, format_datetime, parse_datetime, parse_document

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


def test_parse_response_rejects_a_non_epp_root() -> None:
    with pytest.raises(EppXmlError):
        parse_response(b"<response/>")


def test_datetimes_are_utc_aware_both_ways() -> None:
    parsed = parse_datetime("1999-04-03T22:00:00.0Z")
    assert parsed == datetime(1999, 4, 3, 22, tzinfo=UTC)
    assert parse_datetime("2000-01-01T02:00:00+02:00") == datetime(2000, 1, 1, tzinfo=UTC)
    assert format_datetime(datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC)) == "2025-01-02T03:04:05.0Z"
    with pytest.raises(EppXmlError):
        parse_datetime("yesterday")


def test_frame_length_counts_the_header() -> None:
    frame = encode_frame(b"<x/>")
    assert frame[:4] == struct.pack(">I", 8)
    assert decode_length(frame[:4]) == 4


@pytest.mark.parametrize("total", [0, 3, 4, 2**31, 2**32 - 1])
def test_decode_length_rejects_absurd_lengths(total: int) -> None:
    with pytest.raises(FrameError):
        decode_length(struct.pack(">I", total), max_size=1024)


def _reader(data: bytes) -> asyncio.StreamReader:
    reader = asyncio.StreamReader()
    reader.feed_data(data)
    reader.feed_eof()
    return reader


async def test_read_frame_returns_the_payload_and_stops_at_its_end() -> None:
    reader = _reader(encode_frame(b"<a/>") + encode_frame(b"<b/>"))
    assert await read_frame(reader) == b"<a/>"
    assert await read_frame(reader) == b"<b/>"
    with pytest.raises(ConnectionClosed):
        await read_frame(reader)


async def test_read_frame_fails_typed_when_the_stream_ends_mid_frame() -> None:
    with pytest.raises(ConnectionClosed):
        await read_frame(_reader(struct.pack(">I", 100) + b"<epp"))


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=600))
def test_parser_never_fails_with_anything_but_eppxmlerror(data: bytes) -> None:
    with contextlib.suppress(EppXmlError):
        parse_response(data)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300))
def test_frame_reader_never_hangs_or_fails_untyped(data: bytes) -> None:
    async def read_all() -> None:
        reader = _reader(data)
        while True:
            try:
                await read_frame(reader, max_size=256)
            except FrameError:
                return

    asyncio.run(asyncio.wait_for(read_all(), 2.0))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_parser_handles_arbitrary_xml_like_text(text: str) -> None:
    data = f'<epp xmlns="urn:ietf:params:xml:ns:epp-1.0"><response>{text}</response></epp>'
    with contextlib.suppress(EppXmlError):
        parse_response(data.encode("utf-8", "surrogatepass"))
