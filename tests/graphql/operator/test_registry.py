"""The operator's registry bindings and accounts through GraphQL: the same resolvers as
`/operator/v1`, expected failures in the payload's `errors`, tenants refused at the top."""

from __future__ import annotations

from tests.support.graphql import gql, gql_data
from tests.support.operator import operator_token
from tests.support.registry_operator import audit_entries, sandbox_registrar

BINDINGS = """{ operator { registryBindings { name host port tlds extensions commandsPerMinute caPem } } }"""
BINDING = """query($name: String!) { operator { registryBinding(name: $name) { name namesPerCheck } } }"""
ACCOUNTS = """query($tenant: String!) { operator { registryAccounts(tenant: $tenant) { id name isDefault state } } }"""
CREATE_BINDING = """mutation($input: CreateRegistryBindingInput!) {
  operatorCreateRegistryBinding(input: $input) {
    registryBinding { name host port tlds commandsPerMinute } errors { code field message }
  }
}"""
UPDATE_BINDING = """mutation($input: UpdateRegistryBindingInput!) {
  operatorUpdateRegistryBinding(input: $input) { registryBinding { name port commandsPerMinute } errors { code field } }
}"""
TEST_BINDING = """mutation($input: TestRegistryBindingInput!) {
  operatorTestRegistryBinding(input: $input) {
    test { binding reachable loggedIn latencyMs registryAccountId
           greeting { serverId serverDate versions languages objects extensions } error { code detail } }
    errors { code field }
  }
}"""
CREATE_ACCOUNT = """mutation($input: CreateRegistryAccountInput!) {
  operatorCreateRegistryAccount(input: $input) { registryAccount { id name isDefault state } errors { code field } }
}"""
ROTATE = """mutation($input: RotateRegistryPasswordInput!) {
  operatorRotateRegistryPassword(input: $input) { registryAccount { id } errors { code field detail } }
}"""
ACCOUNT_MUTATIONS = {
    name: f"""mutation($input: RegistryAccountInput!) {{
  {name}(input: $input) {{ registryAccount {{ id state isDefault }} errors {{ code }} }}
}}"""
    for name in ("operatorDisableRegistryAccount", "operatorEnableRegistryAccount", "operatorSetDefaultRegistryAccount")
}
DELETE_ACCOUNT = """mutation($input: RegistryAccountInput!) {
  operatorDeleteRegistryAccount(input: $input) { ok errors { code detail } }
}"""


async def test_bindings_are_created_updated_read_and_tested(client, services, demo):
    operator = await operator_token(client, services)
    # when
    created = await gql_data(
        client,
        operator,
        CREATE_BINDING,
        {"input": {"name": "ote", "host": "epp.example.net", "tlds": ["NET"], "commandsPerMinute": 60}},
    )
    updated = await gql_data(
        client, operator, UPDATE_BINDING, {"input": {"name": "ote", "port": 3121, "commandsPerMinute": None}}
    )
    listed = await gql_data(client, operator, BINDINGS)
    one = await gql_data(client, operator, BINDING, {"name": "ote"})
    missing = await gql_data(client, operator, BINDING, {"name": "nowhere"})
    tested = await gql_data(client, operator, TEST_BINDING, {"input": {"name": "sandbox"}})
    # then
    payload = created["operatorCreateRegistryBinding"]
    assert payload["errors"] == [] and payload["registryBinding"]["tlds"] == ["net"]
    assert updated["operatorUpdateRegistryBinding"]["registryBinding"] == {
        "name": "ote",
        "port": 3121,
        "commandsPerMinute": None,
    }
    assert [row["name"] for row in listed["operator"]["registryBindings"]] == ["ote", "sandbox"]
    assert one["operator"]["registryBinding"] == {"name": "ote", "namesPerCheck": 5}
    assert missing["operator"]["registryBinding"] is None
    test = tested["operatorTestRegistryBinding"]["test"]
    assert (test["reachable"], test["loggedIn"], test["error"]) == (True, True, None)
    assert test["greeting"]["versions"] == ["1.0"]
    assert len(await audit_entries(services)) == 3  # the client, the create and the update


async def test_binding_failures_are_payload_errors(client, services, demo):
    operator = await operator_token(client, services)
    bad = await gql_data(client, operator, CREATE_BINDING, {"input": {"name": "x", "host": "http://x", "port": 0}})
    errors = bad["operatorCreateRegistryBinding"]["errors"]
    assert {(error["code"], error["field"]) for error in errors} == {
        ("unprocessable_entity", "host"),
        ("unprocessable_entity", "port"),
    }
    in_use = await gql_data(client, operator, UPDATE_BINDING, {"input": {"name": "sandbox", "tlds": []}})
    assert [error["code"] for error in in_use["operatorUpdateRegistryBinding"]["errors"]] == ["in_use"]
    unknown = await gql_data(client, operator, TEST_BINDING, {"input": {"name": "nowhere"}})
    assert unknown["operatorTestRegistryBinding"] == {"test": None, "errors": [{"code": "not_found", "field": None}]}


async def test_accounts_are_created_listed_disabled_enabled_made_default_and_deleted(client, services, demo):
    operator = await operator_token(client, services)
    # given
    created = await gql_data(
        client,
        operator,
        CREATE_ACCOUNT,
        {
            "input": {
                "tenant": "demo",
                "registryBinding": "sandbox",
                "name": "spare",
                "clid": "spare-reg",
                "password": "Spare-pw-1",
            }
        },
    )
    account_id = created["operatorCreateRegistryAccount"]["registryAccount"]["id"]
    target = {"input": {"registryAccountId": account_id}}
    # when
    states = []
    for name in ACCOUNT_MUTATIONS:
        data = await gql_data(client, operator, ACCOUNT_MUTATIONS[name], target)
        states.append(data[name]["registryAccount"])
    listed = await gql_data(client, operator, ACCOUNTS, {"tenant": demo.tenant_id})
    deleted = await gql_data(client, operator, DELETE_ACCOUNT, target)
    # then
    assert [(s["state"], s["isDefault"]) for s in states] == [("disabled", False), ("active", False), ("active", True)]
    assert {row["name"] for row in listed["operator"]["registryAccounts"]} == {"primary", "spare"}
    assert deleted["operatorDeleteRegistryAccount"] == {"ok": True, "errors": []}
    nobody = await gql_data(client, operator, ACCOUNTS, {"tenant": "nobody"})
    assert nobody["operator"]["registryAccounts"] is None


async def test_account_failures_are_payload_errors(client, services, demo):
    operator = await operator_token(client, services)
    accounts = (await gql_data(client, operator, ACCOUNTS, {"tenant": "demo"}))["operator"]["registryAccounts"]
    in_use = await gql_data(client, operator, DELETE_ACCOUNT, {"input": {"registryAccountId": accounts[0]["id"]}})
    assert in_use["operatorDeleteRegistryAccount"]["errors"][0]["code"] == "in_use"
    bad = await gql_data(
        client,
        operator,
        CREATE_ACCOUNT,
        {"input": {"tenant": "demo", "registryBinding": "sandbox", "name": "x", "clid": "x", "password": "x"}},
    )
    fields = {error["field"] for error in bad["operatorCreateRegistryAccount"]["errors"]}
    assert fields == {"clid", "password"}


async def test_rotation_through_graphql(client, services, demo, sandbox):
    operator = await operator_token(client, services)
    async with sandbox_registrar(sandbox) as registrar:
        created = await gql_data(
            client,
            operator,
            CREATE_ACCOUNT,
            {
                "input": {
                    "tenant": "demo",
                    "registryBinding": "sandbox",
                    "name": "rotating",
                    "clid": registrar.clid,
                    "password": registrar.password,
                    "certPem": registrar.cert_pem,
                    "keyPem": registrar.key_pem,
                }
            },
        )
        account_id = created["operatorCreateRegistryAccount"]["registryAccount"]["id"]
        # when
        rotated = await gql_data(
            client, operator, ROTATE, {"input": {"registryAccountId": account_id, "newPassword": "Rotated-pw-2"}}
        )
        short = await gql_data(
            client, operator, ROTATE, {"input": {"registryAccountId": account_id, "newPassword": "short"}}
        )
        # then
        assert rotated["operatorRotateRegistryPassword"] == {"registryAccount": {"id": account_id}, "errors": []}
        assert sandbox.accounts[registrar.clid] == "Rotated-pw-2"
    assert short["operatorRotateRegistryPassword"]["errors"][0]["field"] == "newPassword"


async def test_a_tenant_token_is_refused_at_the_top(client, demo):
    body = await gql(client, demo, BINDINGS)
    assert body["data"] is None
    assert body["errors"][0]["extensions"]["code"] == "insufficient_scope"
    mutation = await gql(client, demo, CREATE_BINDING, {"input": {"name": "x", "host": "x.example"}})
    assert mutation["errors"][0]["extensions"]["code"] == "insufficient_scope"
