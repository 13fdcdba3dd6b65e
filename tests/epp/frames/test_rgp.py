"""rgp-1.0 restore frames (RFC 3915), with and without a report or a fee, are XSD-valid."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest

from registrar.epp.frames.rgp import build_domain_restore
from registrar.epp.objects import RestoreReport

REPORT = RestoreReport(
    pre_data="Pre-delete registration data goes here.",
    post_data="Post-restore registration data goes here.",
    deleted_at=datetime(2025, 3, 1, 12, tzinfo=UTC),
    restored_at=datetime(2025, 3, 2, 12, tzinfo=UTC),
    reason="Registrant error.",
    statements=(
        "This registrar has not restored the Registered Name in order to assume the rights "
        "to use or sell the Registered Name for itself or for any third party.",
        "The information in this report is true to best of this registrar's knowledge.",
    ),
    other="Supporting information goes here.",
)


@pytest.mark.parametrize(
    "frame",
    [
        lambda: build_domain_restore("alpha.test"),
        lambda: build_domain_restore("alpha.test", fee_amount="40.00", fee_currency="USD"),
        lambda: build_domain_restore("alpha.test", REPORT),
    ],
    ids=["restore", "restore_fee", "report"],
)
def test_restore_frame_is_xsd_valid(frame, assert_valid: Callable[[bytes], None]) -> None:
    assert_valid(frame())
