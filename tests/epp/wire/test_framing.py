"""RFC 5734 framing: lengths count the header, absurd lengths fail typed, a reader never hangs."""

from __future__ import annotations

import asyncio
import struct

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from registrar.epp.wire.framing import (
    ConnectionClosed,
    FrameError,
    decode_length,
    encode_frame,
    read_frame,
)


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
