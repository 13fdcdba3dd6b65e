"""Registrar accounts the embedded sandbox hands out to new tenants (`issue_sandbox_account`, what
`registrar sandbox-account` runs): the running sandbox takes them without a restart, keeps each
bound to its own client certificate, and remembers a password changed at login."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from dataclasses import replace
from pathlib import Path

import pytest

from registrar.clock import FrozenClock
from registrar.crypto import Encryptor
from registrar.embedded_sandbox import (
    DEMO_CLID,
    SandboxAccount,
    ensure_sandbox_pki,
    issue_sandbox_account,
    start_embedded_sandbox,
)
from registrar.epp.commands.account import RegistryEndpoint, RegistryLogin
from registrar.epp.gateway import RegistryGateway
from registrar.epp.sandbox import SandboxRegistry
from registrar.errors import RegistrarError
from registrar.settings import Settings


@pytest.fixture
def own_settings(tmp_path: Path) -> Settings:
    """A data directory of this test's own, whose embedded sandbox listens on a free port."""
    return Settings.from_env(
        {
            "REGISTRAR_DATA_DIR": str(tmp_path / "var"),
            "REGISTRAR_SECRET_KEY": "test-secret-key-that-is-long-enough-for-hs256",
            "REGISTRAR_ENCRYPTION_KEY": Encryptor.generate_key(),
            "REGISTRAR_SANDBOX_PORT": "0",
        }
    )


@pytest.fixture
async def running(own_settings: Settings, clock: FrozenClock) -> AsyncIterator[SandboxRegistry]:
    """The embedded sandbox of `own_settings`, started as `make run` starts it."""
    server, _access = await start_embedded_sandbox(own_settings, clock)
    yield server
    await server.stop()


def endpoint_of(server: SandboxRegistry) -> RegistryEndpoint:
    return RegistryEndpoint(
        binding=f"own-sandbox-{server.port}",
        host="127.0.0.1",
        port=server.port,
        ca_pem=server.ca_pem,
        connect_timeout=5.0,
        command_timeout=5.0,
    )


def login_of(account: SandboxAccount, *, certificate_of: SandboxAccount | None = None) -> RegistryLogin:
    holder = certificate_of or account
    return RegistryLogin(
        account_id=f"acct-{account.clid}-{holder.clid}",
        clid=account.clid,
        password=account.password,
        cert_pem=holder.cert_file.read_bytes(),
        key_pem=holder.key_file.read_bytes(),
    )


async def test_an_account_issued_while_the_sandbox_runs_logs_in_without_a_restart(
    running, own_settings, gateway
) -> None:
    # given a sandbox that started before the account existed
    assert "acme-ote" not in running.accounts
    account = issue_sandbox_account(own_settings.data_dir / "sandbox", "acme-ote")
    # when the new registrar logs in with what it was issued
    [result] = await gateway.session(endpoint_of(running), login_of(account)).check_domains(["acme-first.test"])
    # then the sandbox took the account from its accounts file and answered
    assert result.available
    assert running.accounts["acme-ote"] == account.password


async def test_an_issued_account_keeps_its_own_certificate_and_refuses_another_accounts(
    running, own_settings, gateway
) -> None:
    # given two accounts issued to two tenants
    directory = own_settings.data_dir / "sandbox"
    acme, beta = issue_sandbox_account(directory, "acme-ote"), issue_sandbox_account(directory, "beta-ote")
    # when acme logs in with its own password over beta's client certificate
    with pytest.raises(RegistrarError) as caught:
        await gateway.session(endpoint_of(running), login_of(acme, certificate_of=beta)).check_domains(["x.test"])
    # then the login is refused for the certificate
    assert caught.value.code == "registry_authorization_error"
    assert caught.value.detail["epp_code"] == 2200
    assert "certificate" in caught.value.detail["reason"]


async def test_a_password_changed_at_login_is_written_back_and_outlives_a_restart(
    running, own_settings, clock, gateway
) -> None:
    # given an issued account
    directory = own_settings.data_dir / "sandbox"
    account = issue_sandbox_account(directory, "acme-ote")
    # when its registrar changes the password with <newPW> and the sandbox restarts
    await gateway.change_password(endpoint_of(running), login_of(account), "acme-New-pw1")
    await running.stop()
    restarted, _access = await start_embedded_sandbox(own_settings, clock)
    try:
        fresh = RegistryGateway(now=clock.now)
        try:
            renewed = replace(account, password="acme-New-pw1")
            [result] = await fresh.session(endpoint_of(restarted), login_of(renewed)).check_domains(["acme.test"])
            with pytest.raises(RegistrarError) as stale:
                await fresh.session(endpoint_of(restarted), login_of(account)).check_domains(["acme.test"])
        finally:
            await fresh.aclose()
    finally:
        await restarted.stop()
    # then the file holds the new password, and only the new password logs in
    assert json.loads((directory / "accounts.json").read_text())["acme-ote"] == "acme-New-pw1"
    assert result.available
    assert stale.value.detail["epp_code"] == 2200


async def test_the_demo_password_changed_at_the_registry_is_the_one_the_next_start_hands_out(
    running, own_settings, clock, gateway
) -> None:
    # given the demo account the first start made
    directory = own_settings.data_dir / "sandbox"
    demo = ensure_sandbox_pki(directory)
    demo_login = RegistryLogin("acct-demo", DEMO_CLID, demo.password, demo.client.cert_pem, demo.client.key_pem)
    # when its password is rotated at the sandbox
    await gateway.change_password(endpoint_of(running), demo_login, "demo-Rotated-1")
    # then the next start of the embedded default hands the demo tenant the new password
    assert ensure_sandbox_pki(directory).password == "demo-Rotated-1"


async def test_an_unknown_registrar_id_is_still_refused_after_the_file_is_read(running, own_settings, gateway) -> None:
    # given an account issued under another id
    account = issue_sandbox_account(own_settings.data_dir / "sandbox", "acme-ote")
    ghost = replace(account, clid="ghost-ote")
    # when a login names an id the sandbox never issued
    with pytest.raises(RegistrarError) as caught:
        await gateway.session(endpoint_of(running), login_of(ghost, certificate_of=account)).check_domains(["x.test"])
    # then it is refused, and the sandbox learned no account
    assert caught.value.detail["epp_code"] == 2200
    assert "ghost-ote" not in running.accounts
