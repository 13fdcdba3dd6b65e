"""Constants shared by the EPP tests: the registrar accounts of the test sandbox and the schema corpus."""

from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("REGISTRAR_SHARED_DIR", REPO.parent / "shared"))
XSD_DIR = SHARED / "epp" / "xsd"
SAMPLES_DIR = SHARED / "epp" / "samples"

ACCOUNTS = {"registrar-a": "password-a1", "registrar-b": "password-b1"}
