"""Host frames (RFC 5732) are valid against the EPP XSDs."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from registrar.epp.frames.host import (
    build_host_check,
    build_host_create,
    build_host_delete,
    build_host_info,
    build_host_update,
)
from registrar.epp.objects import ObjectStatus


@pytest.mark.parametrize(
    "frame",
    [
        lambda: build_host_check(["ns1.a.test", "ns2.a.test"]),
        lambda: build_host_info("ns1.a.test"),
        lambda: build_host_create("ns1.example.net"),
        lambda: build_host_create("ns1.a.test", ["192.0.2.1", "2001:db8::1"]),
        lambda: build_host_update(
            "ns1.a.test",
            add_addresses=["192.0.2.1", "2001:db8::1"],
            rem_addresses=["192.0.2.2"],
            add_statuses=[ObjectStatus("clientDeleteProhibited", "keep")],
            rem_statuses=["clientUpdateProhibited"],
            new_name="ns2.a.test",
        ),
        lambda: build_host_update("ns1.a.test", new_name="ns1.b.test"),
        lambda: build_host_delete("ns1.a.test"),
    ],
    ids=[
        "host_check",
        "host_info",
        "host_create_external",
        "host_create_glue",
        "host_update_full",
        "host_rename",
        "host_delete",
    ],
)
def test_host_frame_is_xsd_valid(frame, assert_valid: Callable[[bytes], None]) -> None:
    assert_valid(frame())
