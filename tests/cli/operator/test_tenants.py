"""`registrar operator …` tenant commands as the operator runs them (subprocesses on the test's
database), against the API: the first-day session, `--json` in the operator API's shape, one
line per failure, and secrets printed only where asked."""

from __future__ import annotations

import json
import re

import pytest

from registrar.bootstrap import DEMO_SLUG
from registrar.cli import build_parser
from tests.support.cli import cli_environment, operator
from tests.support.operator import operator_token
from tests.support.operator_tenants import audit_actions
from tests.support.users import make_user

COMMANDS = (
    "list-tenants",
    "show-tenant",
    "create-tenant",
    "update-tenant",
    "suspend-tenant",
    "reactivate-tenant",
    "approve-reseller",
    "revoke-reseller",
    "list-members",
    "list-invitations",
    "invite-owner",
    "invite-member",
    "revoke-invitation",
    "create-client",
    "resend-verification",
)


def ok(result) -> str:
    assert result.returncode == 0, result.stderr
    return result.stdout


async def test_operator_creates_a_tenant_seats_its_owner_and_suspends_it(client, services):
    # given a server whose public URL is not the default
    env = {**cli_environment(services), "REGISTRAR_PUBLIC_URL": "https://registrar.example"}
    # when the operator creates a tenant and invites its owner
    tenant_id = ok(operator(services, "create-tenant", "--name", "Acme Registrar", "--slug", "acme")).split()[-1]
    invited = ok(operator(services, "invite-owner", "acme", "Boss@Acme.example", env=env))
    # then the invitation names the full accept URL on that server, and the token works once
    token = re.search(r"POST https://registrar\.example/api/v1/invitations/(\S+)/accept$", invited, re.M).group(1)
    accepted = await client.post(f"/api/v1/invitations/{token}/accept", json={"password": "a long enough password"})
    assert accepted.status_code == 200 and accepted.json()["data"]["message"] == "invitation_accepted"
    assert (await client.post(f"/api/v1/invitations/{token}/accept", json={})).status_code == 404

    # when it makes the tenant a client, whose secret gets a token for the tenant
    made = ok(
        operator(
            services, "create-client", "acme", "--name", "billing", "--flow", "client_credentials", "--scope", "read"
        )
    )
    client_id = re.search(r"client_id: (\S+)", made).group(1)
    secret = re.search(r"client_secret \(shown once\): (\S+)", made).group(1)
    grant = {"grant_type": "client_credentials", "client_id": client_id, "client_secret": secret}
    access = {"Authorization": f"Bearer {(await client.post('/oauth/token', data=grant)).json()['access_token']}"}
    assert (await client.get(f"/api/v1/tenants/{tenant_id}/domains", headers=access)).status_code == 200

    # then suspending revokes the tenant's tokens, and no new one is issued while it lasts
    assert ok(operator(services, "suspend-tenant", "acme")).strip() == "tenant acme is suspended"
    suspended = await client.get(f"/api/v1/tenants/{tenant_id}/domains", headers=access)
    assert suspended.status_code == 401 and suspended.json()["error"] == "unauthorized"
    refused = await client.post("/oauth/token", data=grant)
    assert refused.status_code == 400 and refused.json()["error"] == "unauthorized_client"
    # and every step is in the audit log as the CLI's
    entries = await audit_actions(services)
    assert [entry.action for entry in entries] == [
        "tenant.create",
        "invitation.create",
        "oauth_client.create",
        "tenant.suspend",
    ]
    assert {entry.actor_type for entry in entries} == {"cli"}
    assert token not in str([entry.diff for entry in entries]) and secret not in str([entry.diff for entry in entries])


async def test_json_output_is_the_operator_apis_body_for_the_same_tenant(client, services):
    # given
    created = json.loads(ok(operator(services, "create-tenant", "--name", "Acme", "--slug", "acme", "--json")))
    approved = json.loads(ok(operator(services, "approve-reseller", "acme", "--json")))
    # when
    token = await operator_token(client, services)
    shown = await client.get("/operator/v1/tenants/acme", headers=token.headers)
    listed = await client.get("/operator/v1/tenants", params={"slug": "acme"}, headers=token.headers)
    # then
    assert created["data"]["id"] == approved["data"]["id"]
    assert approved == shown.json()
    assert json.loads(ok(operator(services, "show-tenant", "acme", "--json"))) == shown.json()
    assert json.loads(ok(operator(services, "list-tenants", "--slug", "acme", "--json"))) == listed.json()


async def test_update_tenant_sets_and_clears_settings_and_show_tenant_prints_them(services):
    # given
    ok(operator(services, "create-tenant", "--name", "Acme", "--slug", "acme", "--iana-registrar-id", "55"))
    # when
    updated = operator(
        services,
        "update-tenant",
        "acme",
        "--name",
        "Acme Names",
        "--abuse-email",
        "abuse@acme.example",
        "--transfer-lock-opt-out",
        "yes",
        "--iana-registrar-id",
        "",
    )
    shown = ok(operator(services, "show-tenant", "acme"))
    # then
    assert ok(updated).strip() == "tenant acme updated"
    assert "name: Acme Names" in shown and "abuse_email: abuse@acme.example" in shown
    assert "transfer_lock_opt_out: True" in shown and re.search(r"^iana_registrar_id: $", shown, re.M)
    listed = ok(operator(services, "list-tenants", "--name", "names"))
    assert listed.split()[:2] == ["acme", "active"]
    assert ok(operator(services, "list-tenants", "--status", "suspended")).strip() == "no tenants"


async def test_members_and_invitations_are_listed_and_an_invitation_revoked(client, services, demo):
    # given
    invited = ok(operator(services, "invite-member", DEMO_SLUG, "ops@demo.example", "--role", "admin"))
    invitation_id = re.match(r"invitation (\S+) for ops@demo\.example \(admin of demo\)", invited).group(1)
    # when
    listed = ok(operator(services, "list-invitations", DEMO_SLUG))
    revoked = ok(operator(services, "revoke-invitation", DEMO_SLUG, invitation_id))
    again = operator(services, "revoke-invitation", DEMO_SLUG, invitation_id)
    members = json.loads(ok(operator(services, "list-members", demo.tenant_id, "--json")))
    # then
    assert invitation_id in listed and "pending" in listed
    assert revoked.strip() == f"invitation {invitation_id} revoked"
    assert again.returncode == 1 and again.stderr.strip() == "registrar: not_found"
    assert [(row["role"], row["email"]) for row in members["data"]] == [("owner", "owner@demo.example")]


async def test_resend_verification_prints_the_token_only_when_asked(client, services):
    # given
    await make_user(services, "new@example.net")
    # when
    quiet = ok(operator(services, "resend-verification", "new@example.net"))
    loud = ok(operator(services, "resend-verification", "New@Example.net", "--print-token"))
    # then
    assert quiet.strip() == "verification email queued for new@example.net"
    token = re.search(r"^token: (\S+)$", loud, re.M).group(1)
    verified = await client.post("/api/v1/users/verify", json={"token": token})
    assert verified.status_code == 200 and verified.json()["data"]["user"]["email_verified_at"] is not None
    again = operator(services, "resend-verification", "new@example.net")
    assert again.returncode == 1 and again.stderr.startswith("registrar: wrong_state_conflict")


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("create-tenant", "--name", "X", "--slug", "Not A Slug"), "registrar: unprocessable_entity: slug must be"),
        (("create-tenant", "--name", "X", "--slug", "xx", "--iana-registrar-id", "abc"), "iana_registrar_id must be"),
        (("update-tenant", "nobody", "--name", "X"), "registrar: not_found"),
        (("suspend-tenant", "nobody"), "registrar: not_found"),
        (("invite-owner", DEMO_SLUG, "not-an-address"), "email has invalid format"),
        (
            ("create-client", DEMO_SLUG, "--name", "x", "--flow", "authorization_code", "--scope", "read"),
            "redirect_uris is required with authorization_code",
        ),
        (("resend-verification", "nobody@example.net"), "registrar: not_found"),
    ],
)
async def test_a_refused_command_prints_one_line_and_exits_1(services, demo, args, expected):
    result = operator(services, *args)
    assert result.returncode == 1 and result.stdout == ""
    assert expected in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_every_tenant_command_explains_itself_and_each_of_its_arguments():
    # given the operator's subcommands as `registrar operator -h` lists them
    [operator_parser] = [
        parser
        for action in build_parser()._subparsers._group_actions
        for name, parser in action.choices.items()
        if name == "operator"
    ]
    [commands] = [action.choices for action in operator_parser._subparsers._group_actions]
    for command in COMMANDS:
        # then each has a description, --json, and help on every argument
        parser = commands[command]
        assert parser.description, command
        options = {option for action in parser._actions for option in action.option_strings}
        assert "--json" in options, command
        assert all(action.help for action in parser._actions), command
