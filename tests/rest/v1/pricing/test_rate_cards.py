"""Rate cards: every priced row grouped by TLD, and the rows of one TLD."""

from __future__ import annotations

from sqlmodel import select

from registrar.models import RateCardEntry

ENTRY_KEYS = {
    "amount",
    "currency",
    "id",
    "inserted_at",
    "operation",
    "period",
    "premium_class",
    "tier",
    "tld",
    "updated_at",
}


async def test_rate_card_lists_every_row_grouped_by_tld(client, demo, services):
    response = await client.get(demo.url("/rate_card"), headers=demo.headers)
    assert response.status_code == 200
    cards = response.json()["data"]
    assert [card["tld"] for card in cards] == ["example", "test"]
    async with services.db.read() as session:
        count = len((await session.exec(select(RateCardEntry).where(RateCardEntry.tld == "test"))).all())
    test_card = cards[1]
    assert len(test_card["entries"]) == count
    assert all(set(entry) == ENTRY_KEYS and entry["tld"] == "test" for entry in test_card["entries"])
    register_one = next(
        e for e in test_card["entries"] if (e["operation"], e["period"], e["tier"]) == ("register", 1, "standard")
    )
    assert (register_one["amount"], register_one["currency"], register_one["premium_class"]) == (
        "9.9900",
        "USD",
        None,
    )


async def test_rate_card_of_one_tld_and_of_an_unassociated_one(client, demo):
    response = await client.get(demo.url("/tlds/test/rate_card"), headers=demo.headers)
    assert response.status_code == 200
    data = response.json()["data"]
    assert data["tld"] == "test"
    restore = [e for e in data["entries"] if e["operation"] == "restore"]
    assert [(e["amount"], e["period"]) for e in restore] == [("79.0000", None)]
    missing = await client.get(demo.url("/tlds/com/rate_card"), headers=demo.headers)
    assert (missing.status_code, missing.json()["error"]) == (422, "tld_not_associated")
