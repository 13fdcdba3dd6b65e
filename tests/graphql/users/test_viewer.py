"""`viewer` and the user mutations (email verification, password reset, TOTP) through the real schema."""

from __future__ import annotations

from registrar.resolvers.auth.users import issue_email_verification
from tests.support.factories import make_tenant
from tests.support.graphql import gql, gql_data
from tests.support.users import code_at, context, link_token, make_user, outbox

VIEWER = """
query { viewer { id email emailVerifiedAt totp { status enrolledAt recoveryCodesRemaining } } }
"""
VERIFY_EMAIL = """
mutation($token: String!) {
  verifyEmail(input: {token: $token}) { user { id email emailVerifiedAt } errors { code field } }
}
"""
REQUEST_RESET = """
mutation($email: String!) {
  requestPasswordReset(input: {email: $email}) { accepted errors { code } }
}
"""
COMPLETE_RESET = """
mutation($token: String!, $password: String!) {
  completePasswordReset(input: {token: $token, password: $password}) {
    user { id } errors { code field message }
  }
}
"""
ENROLL = "mutation { enrollTotp { secret otpauthUri errors { code } } }"
CONFIRM = """
mutation($code: String!) { confirmTotp(input: {code: $code}) { recoveryCodes errors { code } } }
"""
DISABLE = """
mutation($code: String, $recoveryCode: String) {
  disableTotp(input: {code: $code, recoveryCode: $recoveryCode}) {
    totp { status recoveryCodesRemaining } errors { code }
  }
}
"""


async def test_viewer_describes_the_token_user(client, services):
    user = await make_tenant(services, slug="viewerco")

    data = await gql_data(client, user, VIEWER)

    assert data["viewer"] == {
        "id": user.user_id,
        "email": "viewerco@example.org",
        "emailVerifiedAt": None,
        "totp": {"status": "NOT_ENROLLED", "enrolledAt": None, "recoveryCodesRemaining": 0},
    }


async def test_viewer_without_a_token_is_a_top_level_unauthorized_error(client, services):
    body = await gql(client, {}, VIEWER)

    assert body["data"] is None
    assert body["errors"][0]["extensions"]["code"] == "unauthorized"


async def test_verify_email_mutation_verifies_and_reports_bad_tokens(client, services):
    user = await make_user(services, "gql-user@example.org")
    token = await issue_email_verification(context(services), user.id)

    done = (await gql_data(client, {}, VERIFY_EMAIL, {"token": token}))["verifyEmail"]
    again = (await gql_data(client, {}, VERIFY_EMAIL, {"token": token}))["verifyEmail"]

    assert done["errors"] == [] and done["user"]["id"] == user.id
    assert done["user"]["emailVerifiedAt"] is not None
    assert again == {"user": None, "errors": [{"code": "not_found", "field": None}]}


async def test_password_reset_mutations_reset_the_password(client, services):
    user = await make_user(services, "gql-user@example.org")

    asked = await gql_data(client, {}, REQUEST_RESET, {"email": "gql-user@example.org"})
    token = link_token((await outbox(services, "reset_password"))[0])
    weak = await gql_data(client, {}, COMPLETE_RESET, {"token": token, "password": "short"})
    done = await gql_data(client, {}, COMPLETE_RESET, {"token": token, "password": "long enough!"})

    assert asked["requestPasswordReset"] == {"accepted": True, "errors": []}
    assert weak["completePasswordReset"]["errors"][0]["code"] == "unprocessable_entity"
    assert weak["completePasswordReset"]["errors"][0]["field"] == "password"
    assert done["completePasswordReset"] == {"user": {"id": user.id}, "errors": []}


async def test_request_reset_reports_a_malformed_email_in_errors(client, services):
    data = await gql_data(client, {}, REQUEST_RESET, {"email": "nope"})
    assert data["requestPasswordReset"] == {
        "accepted": None,
        "errors": [{"code": "invalid_email_format"}],
    }


async def test_totp_lifecycle_through_graphql(client, services, clock):
    user = await make_tenant(services, slug="viewerco")

    secret = (await gql_data(client, user, ENROLL))["enrollTotp"]["secret"]
    wrong = await gql_data(client, user, CONFIRM, {"code": "000000"})
    codes = (await gql_data(client, user, CONFIRM, {"code": code_at(secret, clock.now())}))["confirmTotp"][
        "recoveryCodes"
    ]
    again = await gql_data(client, user, ENROLL)
    viewer = await gql_data(client, user, VIEWER)
    disabled = await gql_data(client, user, DISABLE, {"recoveryCode": codes[0]})

    assert wrong["confirmTotp"] == {
        "recoveryCodes": None,
        "errors": [{"code": "invalid_totp_code"}],
    }
    assert len(codes) == 10
    assert again["enrollTotp"]["errors"] == [{"code": "already_enrolled"}]
    assert viewer["viewer"]["totp"]["status"] == "ENROLLED"
    assert disabled["disableTotp"] == {
        "totp": {"status": "NOT_ENROLLED", "recoveryCodesRemaining": 0},
        "errors": [],
    }


async def test_totp_mutations_need_write_scope_as_a_top_level_error(client, services):
    reader = await make_tenant(services, slug="readonly", scope="read")

    body = await gql(client, reader, ENROLL)

    assert body["errors"][0]["extensions"]["code"] == "insufficient_scope"
