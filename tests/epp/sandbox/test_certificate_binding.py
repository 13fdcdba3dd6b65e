"""The sandbox binds each registrar account to its TLS client certificate (subject CN = clID):
a certificate of the sandbox CA issued to another account gets past TLS but not past login."""

from __future__ import annotations

from dataclasses import replace

import pytest

from registrar.errors import RegistrarError


async def test_login_fails_with_authentication_error_for_the_certificate_of_another_account(
    gateway, endpoint, login_a, client_certs
) -> None:
    # given
    cert_b, key_b = client_certs["registrar-b"]
    session = gateway.session(endpoint, replace(login_a, cert_pem=cert_b, key_pem=key_b))
    # when
    with pytest.raises(RegistrarError) as caught:
        await session.check_domains(["a.test"])
    # then
    assert caught.value.code == "registry_authorization_error"
    assert caught.value.detail["epp_code"] == 2200
    assert "certificate" in caught.value.detail["reason"]


async def test_login_succeeds_with_the_accounts_own_certificate(open_raw) -> None:
    raw = await open_raw("registrar-b")
    assert (await raw.login("registrar-b")).code == 1000


async def test_login_with_a_foreign_certificate_fails_even_with_the_right_password(open_raw) -> None:
    # given
    raw = await open_raw("registrar-b")
    # when
    answer = await raw.login("registrar-a")
    # then
    assert answer.code == 2200
    assert (await raw.login("registrar-b")).code == 1000


async def test_the_third_refused_login_on_a_connection_ends_it_with_2501(open_raw) -> None:
    # given
    raw = await open_raw("registrar-b")
    assert (await raw.login("registrar-a")).code == 2200
    assert (await raw.login("registrar-a")).code == 2200
    # when
    answer = await raw.login("registrar-a")
    # then
    assert answer.code == 2501
    assert await raw.reader.read() == b""


async def test_a_certificate_issued_for_an_account_logs_in_after_the_sandbox_issued_it(
    gateway, endpoint, login_a, sandbox
) -> None:
    # given
    issued = sandbox.issue_client_cert("registrar-a")
    session = gateway.session(endpoint, replace(login_a, cert_pem=issued.cert_pem, key_pem=issued.key_pem))
    # when
    [result] = await session.check_domains(["taken.test"])
    # then
    assert not result.available
