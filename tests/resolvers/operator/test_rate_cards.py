"""The operator's rate cards: one row per key (NULL period and class included, under
concurrency), the validation of every field, and the all-or-nothing CSV import."""

from __future__ import annotations

import asyncio
from decimal import Decimal

import pytest
from sqlalchemy.exc import IntegrityError
from sqlmodel import select

from registrar.errors import RegistrarError
from registrar.models import RateCardEntry
from registrar.resolvers.operator import rate_cards, rate_import
from registrar.resolvers.operator.rate_cards import RateInput
from tests.support.factories import make_tenant
from tests.support.tld_setup import add_account, add_binding, associate, audit_entries, operator_context

CSV_HEADER = "tld,operation,period,tier,premium_class,amount,currency\n"


@pytest.fixture
async def acme(services):
    """A tenant associated with `shop` and `store` (no rates yet)."""
    tenant = await make_tenant(services, slug="acme")
    await add_binding(services, "alpha")
    account = await add_account(services, tenant.tenant_id, "alpha")
    await associate(services, tenant.tenant_id, "shop", account.id)
    await associate(services, tenant.tenant_id, "store", account.id)
    return tenant


async def upsert(services, **fields):
    ctx, operator = operator_context(services)
    return await rate_cards.upsert_rate(ctx, operator, "acme", RateInput(**fields))


async def stored_rows(services, tenant_id):
    async with services.db.read() as session:
        return list((await session.exec(select(RateCardEntry).where(RateCardEntry.tenant_id == tenant_id))).all())


async def test_upsert_creates_then_updates_then_leaves_a_row_alone(services, acme):
    # when
    created = await upsert(services, tld="shop", operation="register", period=1, amount="9.99")
    updated = await upsert(services, tld="SHOP", operation="register", period=1, amount=12, currency="eur")
    unchanged = await upsert(services, tld="shop", operation="register", period=1, amount="12.0000", currency="EUR")
    # then
    assert [created.outcome, updated.outcome, unchanged.outcome] == ["created", "updated", "unchanged"]
    assert created.entry.id == updated.entry.id == unchanged.entry.id
    (row,) = await stored_rows(services, acme.tenant_id)
    assert (row.amount, row.currency, row.tier, row.premium_class) == (Decimal("12.0000"), "EUR", "standard", None)
    entries = await audit_entries(services, "rate.")
    assert [entry.action for entry in entries] == ["rate.upsert", "rate.upsert"]
    assert entries[0].diff["amount"] == {"to": "9.9900"} and entries[0].target_id == row.id
    assert entries[1].diff == {"amount": {"from": "9.9900", "to": "12.0000"}, "currency": {"from": "USD", "to": "EUR"}}


async def test_restore_and_standard_rows_are_one_row_per_key_despite_their_nulls(services, acme):
    # when the restore price (no period, no class) is set twice
    await upsert(services, tld="shop", operation="restore", amount="79")
    await upsert(services, tld="shop", operation="restore", amount="80")
    # then there is one row
    (row,) = await stored_rows(services, acme.tenant_id)
    assert row.period is None and row.premium_class is None and row.amount == Decimal("80.0000")


async def test_the_database_refuses_a_second_row_for_a_null_key(services, acme):
    # given
    await upsert(services, tld="shop", operation="restore", amount="79")
    now = services.clock.now()
    duplicate = RateCardEntry(
        tenant_id=acme.tenant_id,
        tld="shop",
        operation="restore",
        tier="standard",
        amount=Decimal(1),
        inserted_at=now,
        updated_at=now,
    )
    # when / then
    with pytest.raises(IntegrityError):
        async with services.db.transaction() as session:
            session.add(duplicate)


@pytest.mark.parametrize(
    "fields",
    [
        {"operation": "restore", "amount": "79"},
        {"operation": "register", "period": 1, "tier": "premium", "premium_class": "gold", "amount": "499"},
    ],
)
async def test_two_concurrent_upserts_of_one_key_leave_one_row(services, acme, fields):
    # when
    results = await asyncio.gather(
        upsert(services, tld="shop", **fields), upsert(services, tld="shop", **{**fields, "amount": "500"})
    )
    # then
    rows = await stored_rows(services, acme.tenant_id)
    assert len(rows) == 1
    assert {result.entry.id for result in results} == {rows[0].id}
    assert sorted(result.outcome for result in results) == ["created", "updated"]
    assert len(await audit_entries(services, "rate.upsert")) == 2


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"tld": "sh op"}, "tld", "has an invalid label 'sh op'"),
        ({"operation": "transfer"}, "operation", "must be one of register, renew, transfer_in, restore"),
        ({"period": None}, "period", "is required for register, renew and transfer_in"),
        ({"period": 0}, "period", "must be a whole number of years from 1 to 10"),
        ({"period": 11}, "period", "must be a whole number of years from 1 to 10"),
        ({"period": True}, "period", "must be a whole number of years from 1 to 10"),
        ({"operation": "restore", "period": 1}, "period", "must be empty for restore"),
        ({"tier": "gold"}, "tier", "must be one of standard, premium"),
        ({"tier": "premium"}, "premium_class", "is required for the premium tier"),
        ({"tier": "premium", "premium_class": "  "}, "premium_class", "is required for the premium tier"),
        ({"tier": "premium", "premium_class": "g\x07"}, "premium_class", "must be printable text"),
        ({"tier": "premium", "premium_class": "g" * 65}, "premium_class", "must be at most 64 characters"),
        ({"premium_class": "gold"}, "premium_class", "must be empty for the standard tier"),
        ({"amount": None}, "amount", "must be a decimal number such as 9.99"),
        ({"amount": "abc"}, "amount", "must be a decimal number such as 9.99"),
        ({"amount": "NaN"}, "amount", "must be a decimal number such as 9.99"),
        ({"amount": "Infinity"}, "amount", "must be a decimal number such as 9.99"),
        ({"amount": True}, "amount", "must be a decimal number such as 9.99"),
        ({"amount": "0"}, "amount", "must be positive"),
        ({"amount": "-1"}, "amount", "must be positive"),
        ({"amount": "9.99001"}, "amount", "must have at most 4 decimal places"),
        ({"amount": "100000000"}, "amount", "must be less than 100000000"),
        ({"amount": "1e400000"}, "amount", "must be less than 100000000"),
        ({"currency": "XYZ"}, "currency", "must be an ISO 4217 currency code such as USD"),
        ({"currency": "dollars"}, "currency", "must be an ISO 4217 currency code such as USD"),
        ({"currency": 840}, "currency", "must be an ISO 4217 currency code such as USD"),
    ],
)
async def test_upsert_refuses_each_bad_field_with_details(services, acme, fields, field, message):
    # given
    body = {"tld": "shop", "operation": "register", "period": 1, "amount": "9.99", **fields}
    # when
    with pytest.raises(RegistrarError) as raised:
        await upsert(services, **body)
    # then
    assert raised.value.code == "unprocessable_entity"
    assert raised.value.details == {field: [message]}
    assert await stored_rows(services, acme.tenant_id) == []


async def test_upsert_accepts_json_numbers_and_four_decimals(services, acme):
    result = await upsert(services, tld="shop", operation="renew", period=2, amount=19.98)
    high = await upsert(services, tld="shop", operation="renew", period=3, amount="99999999.9999")
    assert result.entry.amount == Decimal("19.9800") and high.entry.amount == Decimal("99999999.9999")


async def test_upsert_refuses_a_tld_the_tenant_is_not_associated_with(services, acme):
    with pytest.raises(RegistrarError) as raised:
        await upsert(services, tld="club", operation="register", period=1, amount="9.99")
    assert raised.value.code == "tld_not_associated" and raised.value.detail == {"tld": "club"}
    assert await audit_entries(services, "rate.") == []


async def test_delete_removes_the_row_and_audits_it(services, acme):
    # given
    created = await upsert(services, tld="shop", operation="register", period=1, amount="9.99")
    ctx, operator = operator_context(services)
    # when
    await rate_cards.delete_rate(ctx, operator, "acme", created.entry.id)
    # then
    assert await stored_rows(services, acme.tenant_id) == []
    (entry,) = await audit_entries(services, "rate.delete")
    assert entry.target_id == created.entry.id and entry.diff["amount"] == {"from": "9.9900"}


async def test_delete_of_another_tenants_row_is_not_found(services, acme):
    # given a row of acme, deleted in the name of another tenant
    created = await upsert(services, tld="shop", operation="register", period=1, amount="9.99")
    await make_tenant(services, slug="other")
    ctx, operator = operator_context(services)
    # when
    with pytest.raises(RegistrarError) as raised:
        await rate_cards.delete_rate(ctx, operator, "other", created.entry.id)
    # then
    assert raised.value.code == "not_found"
    assert len(await stored_rows(services, acme.tenant_id)) == 1


async def test_list_orders_rows_and_filters_by_tld(services, acme):
    # given
    await upsert(services, tld="store", operation="register", period=1, amount="5")
    await upsert(services, tld="shop", operation="renew", period=1, amount="6")
    await upsert(services, tld="shop", operation="register", period=2, amount="8")
    await upsert(services, tld="shop", operation="register", period=1, amount="4")
    ctx, operator = operator_context(services)
    # when
    everything = await rate_cards.list_rates(ctx, operator, acme.tenant_id)
    shop = await rate_cards.list_rates(ctx, operator, "acme", tld="SHOP")
    # then
    assert [(row.tld, row.operation, row.period) for row in everything] == [
        ("shop", "register", 1),
        ("shop", "register", 2),
        ("shop", "renew", 1),
        ("store", "register", 1),
    ]
    assert {row.tld for row in shop} == {"shop"} and len(shop) == 3
    with pytest.raises(RegistrarError) as raised:
        await rate_cards.list_rates(ctx, operator, "acme", tld="no tld")
    assert raised.value.details == {"tld": ["has an invalid label 'no tld'"]}


async def run_import(services, text, progress=None):
    ctx, operator = operator_context(services)
    kwargs = {"progress": progress} if progress else {}
    return await rate_import.import_rates(ctx, operator, "acme", text, **kwargs)


async def test_import_creates_updates_and_counts_unchanged_rows_in_one_audited_change(services, acme):
    # given one existing row to update and one to leave
    await upsert(services, tld="shop", operation="register", period=1, amount="9.99")
    await upsert(services, tld="shop", operation="restore", amount="79")
    seen = []
    text = (
        "\ufeff" + CSV_HEADER + "shop,register,1,,,10.99,USD\n"
        "shop,restore,,,,79,\n"
        "\n"
        "store,register,1,premium,gold,499,usd\n"
        'store,renew,2,standard,,"22.50",EUR\n'
    )
    # when
    result = await run_import(services, text, progress=lambda phase, done, total: seen.append((phase, done, total)))
    # then
    assert (result.created, result.updated, result.unchanged) == (2, 1, 1)
    assert result.tlds == ["shop", "store"]
    rows = {
        (row.tld, row.operation, row.period, row.premium_class): row
        for row in await stored_rows(services, acme.tenant_id)
    }
    assert rows["shop", "register", 1, None].amount == Decimal("10.9900")
    assert rows["store", "register", 1, "gold"].tier == "premium"
    assert rows["store", "renew", 2, None].currency == "EUR"
    (entry,) = await audit_entries(services, "rate.import")
    assert entry.target_type == "rate_card" and entry.tenant_id == acme.tenant_id
    assert entry.diff == {
        "created": {"to": 2},
        "updated": {"to": 1},
        "unchanged": {"to": 1},
        "tlds": {"to": ["shop", "store"]},
    }
    assert seen[0] == ("validating", 1, 4) and seen[-1] == ("applying", 4, 4)


async def test_import_of_nothing_new_changes_nothing_and_is_not_audited(services, acme):
    await upsert(services, tld="shop", operation="restore", amount="79")
    result = await run_import(services, CSV_HEADER + "shop,restore,,,,79.0000,USD\n")
    assert (result.created, result.updated, result.unchanged, result.tlds) == (0, 0, 1, [])
    assert await audit_entries(services, "rate.import") == []


async def test_import_with_one_bad_row_writes_nothing_and_names_every_error(services, acme):
    # given
    text = CSV_HEADER + (
        "shop,register,1,,,9.99,USD\n"
        "shop,register,11,,,-2,USD\n"
        "club,register,1,,,9.99,USD\n"
        "shop,register,1,,,8.99,USD\n"
        "shop,register\n"
    )
    # when
    with pytest.raises(RegistrarError) as raised:
        await run_import(services, text)
    # then
    assert raised.value.code == "unprocessable_entity"
    assert raised.value.details == {
        "row 3: period": ["must be a whole number of years from 1 to 10"],
        "row 3: amount": ["must be positive"],
        "row 4: tld": ["is not associated with the tenant"],
        "row 5": ["repeats the key of row 2"],
        "row 6": ["has 2 cells, not 7"],
    }
    assert await stored_rows(services, acme.tenant_id) == []
    assert await audit_entries(services, "rate.") == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "can't be blank"),
        (None, "can't be blank"),
        (
            "tld,operation,amount\nshop,restore,79\n",
            "must start with the header tld,operation,period,tier,premium_class,amount,currency",
        ),
        (CSV_HEADER, "has no rows"),
        (CSV_HEADER + "shop,restore,,,,79,US\x00D\n", "must not contain NUL, control characters or invalid Unicode"),
        (CSV_HEADER + 'shop,restore,,,,"79,USD\n', "is not valid CSV (unexpected end of data)"),
    ],
)
async def test_import_refuses_a_csv_that_is_not_a_rate_card(services, acme, text, message):
    with pytest.raises(RegistrarError) as raised:
        await run_import(services, text)
    assert raised.value.details == {"csv": [message]}


async def test_import_reports_the_first_hundred_bad_rows_and_counts_the_rest(services, acme):
    text = CSV_HEADER + "shop,register,1,,,0,USD\n" * 105
    with pytest.raises(RegistrarError) as raised:
        await run_import(services, text)
    details = raised.value.details
    assert len([key for key in details if key.startswith("row ")]) == 100
    assert details["csv"] == ["5 more rows have errors"]


async def test_header_columns_may_come_in_any_order(services, acme):
    text = "amount,currency,tld,operation,period,tier,premium_class\n79,USD,shop,restore,,,\n"
    assert (await run_import(services, text)).created == 1
