"""Constants shared by the EPP tests: the registrar accounts of the test sandbox, a domain create
that uses every part of the frame, and where the third-party sample corpus lives.

The EPP XSDs ship with the package (`registrar.epp.schemas`). The Nomulus sample corpus does not:
it sits in the shared folder beside the project (`REGISTRAR_SHARED_DIR` overrides where), and the
tests that read it skip, saying why, when it is not there.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from registrar.epp.objects import DomainCreateRequest, DsData

REPO = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("REGISTRAR_SHARED_DIR", REPO.parent / "shared"))
SAMPLES_DIR = SHARED / "epp" / "samples"
NOMULUS_SAMPLES = SAMPLES_DIR / "nomulus"

requires_nomulus_samples = pytest.mark.skipif(
    not NOMULUS_SAMPLES.is_dir(),
    reason=(
        f"the third-party Nomulus EPP sample corpus is not at {NOMULUS_SAMPLES}: it is not part of "
        "this project; set REGISTRAR_SHARED_DIR to the folder holding epp/samples/nomulus to run these"
    ),
)

ACCOUNTS = {"registrar-a": "password-a1", "registrar-b": "password-b1"}

FULL_CREATE = DomainCreateRequest(
    name="alpha.test",
    registrant="C-REG-1",
    auth_info="x9-Auth-secret",
    period_years=2,
    nameservers=("ns1.provider.example", "ns2.provider.example"),
    admin=("C-ADM-1",),
    tech=("C-TEC-1", "C-TEC-2"),
    billing=("C-BIL-1",),
    ds_data=(DsData(2371, 13, 2, "8E2B3A9C7F1D0E45A6B3C2D1E0F9A8B7C6D5E4F3A2B1C0D9E8F7A6B5C4D3E2F1"),),
    max_sig_life=604800,
    idn_language="de",
    fee_amount="20.00",
    fee_currency="USD",
)
"""A domain create with every optional part: nameservers, contacts, secDNS, IDN table and fee."""
