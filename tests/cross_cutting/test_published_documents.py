"""The published documents do not drift silently: /openapi.json is byte-identical to its committed
snapshot."""

from __future__ import annotations

from pathlib import Path

SNAPSHOT = Path(__file__).resolve().parents[1] / "snapshots" / "openapi.json"


async def test_openapi_document_matches_the_committed_snapshot(client):
    # when
    response = await client.get("/openapi.json")
    # then
    assert response.status_code == 200
    assert response.text == SNAPSHOT.read_text(), (
        "the REST contract changed: review it, then refresh tests/snapshots/openapi.json"
    )
