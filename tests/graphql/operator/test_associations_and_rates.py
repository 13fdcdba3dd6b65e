"""The operator's TLD associations and rate cards in GraphQL: `operator { tldAssociations
rateCard }` and the `operator…` mutations, over the same resolvers as `/operator/v1`."""

from __future__ import annotations

import pytest

from tests.support.graphql import gql, gql_data
from tests.support.operator import operator_token
from tests.support.tld_setup import add_domain, audit_entries, tenant_on_two_bindings

ASSOCIATION_FIELDS = (
    "tldAssociation { id tld accreditationType registryAccountId config } errors { code field message detail }"
)
CREATE = f"""
mutation($input: OperatorCreateTldAssociationInput!) {{
  operatorCreateTldAssociation(input: $input) {{ {ASSOCIATION_FIELDS} }}
}}"""
UPDATE_CONFIG = f"""
mutation($input: OperatorUpdateTldConfigInput!) {{ operatorUpdateTldConfig(input: $input) {{ {ASSOCIATION_FIELDS} }} }}
"""
REBIND = f"""
mutation($input: OperatorRebindTldAssociationInput!) {{
  operatorRebindTldAssociation(input: $input) {{ {ASSOCIATION_FIELDS} }}
}}"""
DELETE = """
mutation($input: OperatorTldAssociationInput!) { operatorDeleteTldAssociation(input: $input) { ok errors { code detail } } }
"""
ASSOCIATIONS = """
query($tenant: String!) { operator { tldAssociations(tenant: $tenant) { tld registryAccountId config } } }
"""
SET_RATE = """
mutation($input: OperatorSetRateInput!) {
  operatorSetRate(input: $input) {
    rateCardEntry { id operation period tier premiumClass price { amount currency } }
    outcome
    errors { code field message detail }
  }
}"""
DELETE_RATE = "mutation($input: OperatorDeleteRateInput!) { operatorDeleteRate(input: $input) { ok errors { code } } }"
IMPORT = """
mutation($input: OperatorImportRatesInput!) {
  operatorImportRates(input: $input) { created updated unchanged tlds errors { code field message } }
}"""
RATE_CARD = """
query($tenant: String!, $tld: String) {
  operator { rateCard(tenant: $tenant, tld: $tld) { tld entries { operation period price { amount currency } } } }
}"""


@pytest.fixture
async def operator(client, services):
    return await operator_token(client, services)


@pytest.fixture
async def acme(services):
    return await tenant_on_two_bindings(services)


async def create_shop(client, operator, account_id, **extra):
    data = await gql_data(
        client,
        operator,
        CREATE,
        {
            "input": {
                "tenant": "acme",
                "tld": "shop",
                "accreditationType": "non_icann",
                "registryAccountId": account_id,
                **extra,
            }
        },
    )
    return data["operatorCreateTldAssociation"]


async def test_operator_creates_configures_rebinds_and_deletes_an_association(client, services, operator, acme):
    # given
    tenant, alpha, beta = acme
    # when
    created = await create_shop(client, operator, alpha.id, config={"transfer_lock_days": 5})
    configured = await gql_data(
        client,
        operator,
        UPDATE_CONFIG,
        {
            "input": {
                "tenant": tenant.tenant_id,
                "idOrTld": "shop",
                "config": {"dnssec_supported": False, "transfer_lock_days": None},
            }
        },
    )
    rebound = await gql_data(
        client, operator, REBIND, {"input": {"tenant": "acme", "idOrTld": "shop", "registryAccountId": beta.id}}
    )
    listed = await gql_data(client, operator, ASSOCIATIONS, {"tenant": "acme"})
    deleted = await gql_data(client, operator, DELETE, {"input": {"tenant": "acme", "idOrTld": "shop"}})
    # then
    assert created["errors"] == [] and created["tldAssociation"]["config"]["transfer_lock_days"] == 5
    config = configured["operatorUpdateTldConfig"]["tldAssociation"]["config"]
    assert config["dnssec_supported"] is False and config["transfer_lock_days"] == 60
    assert rebound["operatorRebindTldAssociation"]["tldAssociation"]["registryAccountId"] == beta.id
    assert [row["tld"] for row in listed["operator"]["tldAssociations"]] == ["shop"]
    assert deleted["operatorDeleteTldAssociation"] == {"ok": True, "errors": []}
    actions = [entry.action for entry in await audit_entries(services, "tld_association.")]
    assert actions == [
        "tld_association.create",
        "tld_association.update_config",
        "tld_association.rebind",
        "tld_association.delete",
    ]


async def test_association_mutations_report_expected_failures_in_errors(client, services, operator, acme):
    # given
    tenant, alpha, beta = acme
    await create_shop(client, operator, alpha.id)
    await add_domain(services, tenant.tenant_id, alpha.id, "live.shop")
    # when
    duplicate = await create_shop(client, operator, beta.id)
    bad = await gql_data(
        client,
        operator,
        CREATE,
        {
            "input": {
                "tenant": "acme",
                "tld": "",
                "accreditationType": "x",
                "registryAccountId": alpha.id,
                "config": {"bogus": 1},
            }
        },
    )
    bad_config = await gql_data(
        client,
        operator,
        UPDATE_CONFIG,
        {"input": {"tenant": "acme", "idOrTld": "shop", "config": {"redemption_period_days": 365}}},
    )
    in_use = await gql_data(
        client, operator, REBIND, {"input": {"tenant": "acme", "idOrTld": "shop", "registryAccountId": beta.id}}
    )
    not_deleted = await gql_data(client, operator, DELETE, {"input": {"tenant": "acme", "idOrTld": "shop"}})
    # then
    assert duplicate["tldAssociation"] is None and duplicate["errors"][0]["code"] == "already_exists"
    fields = {error["field"] for error in bad["operatorCreateTldAssociation"]["errors"]}
    assert fields == {"tld", "accreditationType", "config.bogus"}
    assert bad_config["operatorUpdateTldConfig"]["errors"][0]["field"] == "redemptionPeriodDays"
    assert in_use["operatorRebindTldAssociation"]["errors"][0]["code"] == "in_use"
    assert not_deleted["operatorDeleteTldAssociation"]["ok"] is False
    assert not_deleted["operatorDeleteTldAssociation"]["errors"][0]["detail"] == {"tld": "shop", "live_domains": 1}


async def test_operator_sets_imports_reads_and_deletes_rates(client, services, operator, acme):
    # given
    _, alpha, _ = acme
    await create_shop(client, operator, alpha.id)
    # when
    set_ = await gql_data(
        client,
        operator,
        SET_RATE,
        {"input": {"tenant": "acme", "tld": "shop", "operation": "register", "period": 1, "amount": "9.5"}},
    )
    imported = await gql_data(
        client,
        operator,
        IMPORT,
        {
            "input": {
                "tenant": "acme",
                "csv": "tld,operation,period,tier,premium_class,amount,currency\nshop,restore,,,,70,EUR\n",
            }
        },
    )
    card = await gql_data(client, operator, RATE_CARD, {"tenant": "acme", "tld": "shop"})
    entry_id = set_["operatorSetRate"]["rateCardEntry"]["id"]
    deleted = await gql_data(client, operator, DELETE_RATE, {"input": {"tenant": "acme", "entryId": entry_id}})
    after = await gql_data(client, operator, RATE_CARD, {"tenant": "acme", "tld": None})
    # then
    assert set_["operatorSetRate"]["outcome"] == "created"
    assert set_["operatorSetRate"]["rateCardEntry"]["price"] == {"amount": "9.5000", "currency": "USD"}
    assert imported["operatorImportRates"] == {
        "created": 1,
        "updated": 0,
        "unchanged": 0,
        "tlds": ["shop"],
        "errors": [],
    }
    assert card["operator"]["rateCard"] == [
        {
            "tld": "shop",
            "entries": [
                {"operation": "register", "period": 1, "price": {"amount": "9.5000", "currency": "USD"}},
                {"operation": "restore", "period": None, "price": {"amount": "70.0000", "currency": "EUR"}},
            ],
        }
    ]
    assert deleted["operatorDeleteRate"] == {"ok": True, "errors": []}
    assert [entry["operation"] for entry in after["operator"]["rateCard"][0]["entries"]] == ["restore"]


async def test_rate_mutations_report_row_and_field_errors(client, operator, acme):
    # given
    _, alpha, _ = acme
    await create_shop(client, operator, alpha.id)
    # when
    bad_rate = await gql_data(
        client,
        operator,
        SET_RATE,
        {"input": {"tenant": "acme", "tld": "shop", "operation": "register", "amount": "1.23456"}},
    )
    not_associated = await gql_data(
        client, operator, SET_RATE, {"input": {"tenant": "acme", "tld": "club", "operation": "restore", "amount": "1"}}
    )
    bad_import = await gql_data(
        client,
        operator,
        IMPORT,
        {
            "input": {
                "tenant": "acme",
                "csv": "tld,operation,period,tier,premium_class,amount,currency\nshop,restore,3,,,70,EUR\n",
            }
        },
    )
    missing = await gql_data(client, operator, DELETE_RATE, {"input": {"tenant": "acme", "entryId": "nope"}})
    # then
    assert {error["field"] for error in bad_rate["operatorSetRate"]["errors"]} == {"period", "amount"}
    assert not_associated["operatorSetRate"]["errors"][0]["code"] == "tld_not_associated"
    assert bad_import["operatorImportRates"]["created"] is None
    assert bad_import["operatorImportRates"]["errors"] == [
        {"code": "unprocessable_entity", "field": "row 2: period", "message": "must be empty for restore"}
    ]
    assert missing["operatorDeleteRate"]["errors"] == [{"code": "not_found"}]


async def test_operator_fields_are_refused_to_a_tenant_token(client, acme):
    tenant, _, _ = acme
    body = await gql(client, tenant.headers, ASSOCIATIONS, {"tenant": "acme"})
    assert body["errors"][0]["extensions"]["code"] == "insufficient_scope"
    refused = await gql(client, tenant.headers, DELETE_RATE, {"input": {"tenant": "acme", "entryId": "x"}})
    assert refused["errors"][0]["extensions"]["code"] == "insufficient_scope"
