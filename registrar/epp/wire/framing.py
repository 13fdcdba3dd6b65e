"""RFC 5734 data units on asyncio streams.

Each EPP frame is a 4-byte big-endian unsigned total length, counting the 4 header bytes
themselves, followed by that many minus four bytes of XML. A length below 5 or above
`max_size` is a protocol violation: we never allocate what a broken or hostile peer announces.
"""

from __future__ import annotations

import asyncio
import struct

HEADER = struct.Struct(">I")
DEFAULT_MAX_FRAME = 1024 * 1024


class FrameError(Exception):
    """The peer sent something that is not an acceptable RFC 5734 data unit."""


class ConnectionClosed(FrameError):
    """The stream ended before a whole frame arrived."""


def encode_frame(payload: bytes, max_size: int = DEFAULT_MAX_FRAME) -> bytes:
    """Prefix `payload` with its RFC 5734 total length."""
    total = len(payload) + HEADER.size
    if total > max_size:
        raise FrameError(f"frame of {total} bytes exceeds the {max_size}-byte limit")
    return HEADER.pack(total) + payload


def decode_length(header: bytes, max_size: int = DEFAULT_MAX_FRAME) -> int:
    """The payload length announced by a 4-byte header, validated against `max_size`."""
    if len(header) != HEADER.size:
        raise FrameError("a frame header is exactly 4 bytes")
    (total,) = HEADER.unpack(header)
    if total <= HEADER.size:
        raise FrameError(f"frame length {total} leaves no room for XML")
    if total > max_size:
        raise FrameError(f"frame length {total} exceeds the {max_size}-byte limit")
    return total - HEADER.size


async def read_frame(reader: asyncio.StreamReader, max_size: int = DEFAULT_MAX_FRAME) -> bytes:
    """Read one whole frame's XML payload; `ConnectionClosed` on a clean or mid-frame EOF."""
    try:
        header = await reader.readexactly(HEADER.size)
    except asyncio.IncompleteReadError as exc:
        raise ConnectionClosed("connection closed before a frame header") from exc
    length = decode_length(header, max_size)
    try:
        return await reader.readexactly(length)
    except asyncio.IncompleteReadError as exc:
        raise ConnectionClosed(f"connection closed after {len(exc.partial)} of {length} frame bytes") from exc


async def write_frame(writer: asyncio.StreamWriter, payload: bytes, max_size: int = DEFAULT_MAX_FRAME) -> None:
    """Write one frame and wait until the transport accepted it."""
    writer.write(encode_frame(payload, max_size))
    await writer.drain()
