"""Contacts through GraphQL: the same resolvers and codes as REST, field errors named as the
GraphQL input spells them."""

from __future__ import annotations

import re

from tests.support.graphql import CREATE_CONTACT, contact_input, gql_data
from tests.support.lifecycle import notifications
from tests.support.rest import create_contact

UPDATE_CONTACT = """
mutation($input: UpdateContactInput!) {
  updateContact(input: $input) { contact { handle city fax } errors { code field message } }
}"""
VERIFY_CONTACT = """
mutation($input: VerifyContactInput!) {
  verifyContact(input: $input) { contact { verificationState } errors { code } }
}"""


async def test_contact_validation_errors_name_the_graphql_field(client, demo):
    bad = contact_input(demo.tenant_id) | {"phone": "+15554545", "countryCode": "XX"}
    data = await gql_data(client, demo, CREATE_CONTACT, {"input": bad})
    errors = data["createContact"]["errors"]
    assert {(e["code"], e["field"]) for e in errors} == {
        ("unprocessable_entity", "phone"),
        ("unprocessable_entity", "countryCode"),
    }


async def test_update_and_verify_contact_through_graphql(client, demo, services):
    await create_contact(client, demo)
    changed = await gql_data(
        client,
        demo,
        UPDATE_CONTACT,
        {"input": {"tenantId": demo.tenant_id, "handle": "jdoe", "city": "Oakland"}},
    )
    assert changed["updateContact"] == {
        "contact": {"handle": "jdoe", "city": "Oakland", "fax": None},
        "errors": [],
    }
    bad = await gql_data(
        client,
        demo,
        UPDATE_CONTACT,
        {"input": {"tenantId": demo.tenant_id, "handle": "jdoe", "phone": "+15554545"}},
    )
    assert bad["updateContact"]["errors"] == [
        {
            "code": "unprocessable_entity",
            "field": "phone",
            "message": "is not a valid number for its country code",
        }
    ]
    (message,) = await notifications(services, "contact_verification")
    token = re.search(r"code: (\S+)", message.body).group(1)
    verify = {"input": {"tenantId": demo.tenant_id, "handle": "jdoe", "channel": "email", "token": token}}
    verified = await gql_data(client, {}, VERIFY_CONTACT, verify)  # no bearer token
    assert verified["verifyContact"] == {"contact": {"verificationState": "active"}, "errors": []}
    replay = await gql_data(client, {}, VERIFY_CONTACT, verify)
    assert replay["verifyContact"] == {
        "contact": None,
        "errors": [{"code": "verification_token_invalid"}],
    }
