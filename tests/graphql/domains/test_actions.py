"""Domain lifecycle mutations through GraphQL share the resolvers (and codes) with REST."""

from __future__ import annotations

from tests.support.graphql import gql_data
from tests.support.rest import create_contact, quote, register

LOCK = """
mutation($input: DomainLockInput!) { applyDomainLock(input: $input) { domain { eppStatuses } errors { code } } }"""
NAMESERVERS = """
mutation($input: UpdateNameserversInput!) { updateNameservers(input: $input) { domain { nameservers { name } } errors { code detail } } }"""
ROTATE = """
mutation($input: DomainRefInput!) { rotateAuthCode(input: $input) { authCode errors { code } } }"""
FILTERED = """
query($id: ID!) { tenant(id: $id) { domains(first: 10, filter: {nameserver: "ns1.example.net"}) { edges { node { name } } } } }"""


async def test_lock_nameservers_and_auth_code_through_graphql(client, demo):
    await create_contact(client, demo)
    assert (
        await register(client, demo, "gq-life.test", quote_id=await quote(client, demo, "gq-life.test"))
    ).status_code == 201
    ref = {"tenantId": demo.tenant_id, "name": "gq-life.test"}
    locked = await gql_data(client, demo, LOCK, {"input": {**ref, "lock": "TRANSFER"}})
    assert locked["applyDomainLock"] == {
        "domain": {"eppStatuses": ["clientTransferProhibited"]},
        "errors": [],
    }
    empty = await gql_data(client, demo, NAMESERVERS, {"input": {**ref, "nameservers": []}})
    assert empty["updateNameservers"]["errors"][0]["code"] == "empty_nameservers"
    missing = await gql_data(client, demo, NAMESERVERS, {"input": {**ref, "nameservers": ["ns1.gq-life.test"]}})
    assert missing["updateNameservers"]["errors"] == [
        {"code": "subordinate_host_missing", "detail": {"nameserver": "ns1.gq-life.test"}}
    ]
    code = await gql_data(client, demo, ROTATE, {"input": ref})
    assert len(code["rotateAuthCode"]["authCode"]) == 16
    filtered = await gql_data(client, demo, FILTERED, {"id": demo.tenant_id})
    assert [e["node"]["name"] for e in filtered["tenant"]["domains"]["edges"]] == ["gq-life.test"]
