"""Session frames (hello, login, logout, poll) and the command envelope: XSD-valid, only the
URIs both sides support, a unique clTRID on every command."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from registrar.epp.frames.envelope import new_cltrid
from registrar.epp.frames.session import (
    build_hello,
    build_login,
    build_logout,
    build_poll_ack,
    build_poll_request,
    negotiated_uris,
)
from registrar.epp.objects import Greeting
from registrar.epp.wire.xml import CONTACT, DOMAIN, FEE, HOST, IDN, RGP, SECDNS

GREETING = Greeting(
    server_id="x",
    server_date=None,
    versions=("1.0",),
    languages=("en",),
    object_uris=(DOMAIN, HOST, "urn:example:other-1.0"),
    extension_uris=(SECDNS, FEE, "urn:ietf:params:xml:ns:launch-1.0"),
)

FRAMES: dict[str, Callable[[], bytes]] = {
    "hello": build_hello,
    "login": lambda: build_login("registrar-a", "password-a1", object_uris=[DOMAIN, HOST]),
    "login_new_password_and_extensions": lambda: build_login(
        "registrar-a",
        "password-a1",
        new_password="password-a2",
        object_uris=[DOMAIN, CONTACT, HOST],
        extension_uris=[SECDNS, RGP, FEE, IDN],
    ),
    "logout": build_logout,
    "poll_request": build_poll_request,
    "poll_ack": lambda: build_poll_ack("12345"),
}


@pytest.mark.parametrize("name", sorted(FRAMES))
def test_session_frame_is_xsd_valid(name: str, assert_valid: Callable[[bytes], None]) -> None:
    assert_valid(FRAMES[name]())


def test_login_announces_only_uris_both_sides_support() -> None:
    objects, extensions = negotiated_uris(GREETING)
    assert objects == [DOMAIN, HOST]
    assert extensions == [SECDNS, FEE]


def test_every_command_carries_a_unique_cltrid() -> None:
    ids = {new_cltrid() for _ in range(1000)}
    assert len(ids) == 1000
    assert b"<clTRID>" in build_logout()
