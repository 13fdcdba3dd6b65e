"""Transport, session, pool, breaker and fault handling through the gateway facade."""

from __future__ import annotations

import asyncio
import socket
from dataclasses import replace
from datetime import timedelta

import pytest

from registrar.epp.gateway import RegistryGateway
from registrar.epp.objects import DomainCreateRequest
from registrar.epp.sandbox.faults import Fault
from registrar.epp.wire import pki
from registrar.epp.wire.xml import FEE
from registrar.errors import RegistrarError


def create_request(name: str = "fresh.test") -> DomainCreateRequest:
    return DomainCreateRequest(name=name, registrant="OTHER-1", auth_info="fresh-Auth-1")


async def raises(coro) -> RegistrarError:  # noqa: ANN001
    with pytest.raises(RegistrarError) as caught:
        await coro
    return caught.value


async def test_login_fails_with_authorization_error_on_a_wrong_password(gateway, endpoint, login_a) -> None:
    session = gateway.session(endpoint, replace(login_a, password="wrong-pass1"))
    error = await raises(session.check_domains(["a.test"]))
    assert error.code == "registry_authorization_error"
    assert error.detail["epp_code"] == 2200
    assert "wrong-pass1" not in str(error.detail)


async def test_connect_fails_unavailable_when_the_server_cert_is_untrusted(gateway, endpoint, login_a) -> None:
    stranger = pki.generate_ca("Somebody else")
    error = await raises(
        gateway.session(replace(endpoint, ca_pem=stranger.cert_pem), login_a).check_domains(["a.test"])
    )
    assert error.code == "registry_unavailable"
    assert "TLS" in error.detail["reason"]


async def test_connect_fails_unavailable_without_a_client_certificate(gateway, endpoint, login_a) -> None:
    session = gateway.session(endpoint, replace(login_a, cert_pem=None, key_pem=None))
    error = await raises(session.check_domains(["a.test"]))
    assert error.code == "registry_unavailable"


async def test_connect_fails_unavailable_when_nothing_listens(gateway, endpoint, login_a) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        free_port = probe.getsockname()[1]
    error = await raises(gateway.session(replace(endpoint, port=free_port), login_a).check_domains(["a.test"]))
    assert error.code == "registry_unavailable"


async def test_pool_reuses_one_logged_in_connection(gateway, endpoint, login_a, sandbox) -> None:
    session = gateway.session(endpoint, login_a)
    for _ in range(5):
        await session.check_domains(["a.test"])
    pool = await gateway.pool(endpoint, login_a)
    assert pool.opened == 1


async def test_pool_never_exceeds_its_size(gateway, endpoint, login_a) -> None:
    session = gateway.session(replace(endpoint, max_connections=2), login_a)
    names = [f"n{i}.test" for i in range(40)]
    await asyncio.gather(*(session.check_domains(names[i : i + 5]) for i in range(0, 40, 5)))
    pool = await gateway.pool(replace(endpoint, max_connections=2), login_a)
    assert pool.opened == 2


async def test_command_use_error_logs_in_again_once(gateway, endpoint, login_a, sandbox) -> None:
    session = gateway.session(endpoint, login_a)
    await session.check_domains(["a.test"])
    sandbox.faults.inject("domain:check", Fault("logout"))
    [result] = await session.check_domains(["a.test"])
    assert result.available
    assert (await gateway.pool(endpoint, login_a)).opened == 2


async def test_timeout_raises_registry_timeout(gateway, endpoint, login_a, sandbox) -> None:
    session = gateway.session(replace(endpoint, command_timeout=0.2), login_a)
    sandbox.faults.inject("domain:info", Fault("latency", delay=1.0))
    error = await raises(session.domain_info("taken.test"))
    assert error.code == "registry_timeout" and error.status == 504
    assert (await session.domain_info("taken.test")).name == "taken.test"


@pytest.mark.parametrize(
    ("fault", "code"),
    [
        (Fault("result", code=2400), "registry_bad_response"),
        (Fault("result", code=2500), "registry_unavailable"),
        (Fault("result", code=2502), "registry_unavailable"),
        (Fault("malformed"), "registry_bad_response"),
    ],
)
async def test_injected_fault_maps_to_its_error_class_and_pool_recovers(
    gateway, endpoint, login_a, sandbox, fault, code
) -> None:
    session = gateway.session(endpoint, login_a)
    sandbox.faults.inject("domain:info", fault)
    error = await raises(session.domain_info("taken.test"))
    assert error.code == code
    assert (await session.domain_info("taken.test")).name == "taken.test"


async def test_read_only_command_survives_a_dropped_connection(gateway, endpoint, login_a, sandbox) -> None:
    session = gateway.session(endpoint, login_a)
    sandbox.faults.inject("domain:check", Fault("drop"))
    [result] = await session.check_domains(["taken.test"])
    assert not result.available


async def test_create_with_unknown_outcome_is_settled_as_success_by_info(gateway, endpoint, login_a, sandbox) -> None:
    session = gateway.session(endpoint, login_a)
    sandbox.faults.inject("domain:create", Fault("drop_after"))
    created = await session.create_domain(create_request())
    assert created.name == "fresh.test"
    assert sandbox.store.domains["fresh.test"].sponsor == "registrar-a"


async def test_create_dropped_before_execution_stays_an_unknown_outcome_error(
    gateway, endpoint, login_a, sandbox
) -> None:
    session = gateway.session(endpoint, login_a)
    sandbox.faults.inject("domain:create", Fault("drop"))
    error = await raises(session.create_domain(create_request()))
    assert error.code == "registry_unavailable"
    assert error.detail["outcome"] == "unknown"
    assert "fresh.test" not in sandbox.store.domains


async def test_breaker_opens_after_repeated_failures_and_closes_after_cooldown(
    endpoint, login_a, sandbox, sandbox_clock
) -> None:
    gateway = RegistryGateway(sandbox_clock, failure_threshold=3, breaker_cooldown=timedelta(seconds=30))
    try:
        session = gateway.session(endpoint, login_a)
        sandbox.faults.inject("domain:info", Fault("result", code=2400), times=3)
        for _ in range(3):
            await raises(session.domain_info("taken.test"))
        assert gateway.breaker_states() == {"sandbox": "open"}
        error = await raises(session.domain_info("taken.test"))
        assert error.code == "registry_unavailable"
        assert "circuit breaker" in error.detail["reason"]
        sandbox_clock.moment += timedelta(seconds=31)
        assert gateway.breaker_states() == {"sandbox": "half_open"}
        assert (await session.domain_info("taken.test")).name == "taken.test"
        assert gateway.breaker_states() == {"sandbox": "closed"}
    finally:
        await gateway.aclose()


async def test_business_errors_do_not_trip_the_breaker(endpoint, login_a, sandbox_clock, sandbox):
    gateway = RegistryGateway(sandbox_clock, failure_threshold=2)
    try:
        session = gateway.session(endpoint, login_a)
        for _ in range(3):
            await raises(session.domain_info("nowhere.test"))
        assert gateway.breaker_states() == {"sandbox": "closed"}
    finally:
        await gateway.aclose()


async def test_check_without_fee_extension_in_greeting_returns_no_fees(
    gateway, endpoint, login_a, sandbox, client_frames
) -> None:
    sandbox.faults.greeting_without.add(FEE)
    [result] = await gateway.session(endpoint, login_a).check_domains(["a.test"], fee_commands=["create"])
    assert result.available and result.fees == ()
    login = next(f for d, f in client_frames.frames if d == "sent" and b"<login>" in f)
    assert FEE.encode() not in login


async def test_aclose_logs_out(gateway, endpoint, login_a, sandbox, server_frames) -> None:
    await gateway.session(endpoint, login_a).check_domains(["a.test"])
    await gateway.aclose()
    received = [f for d, f in server_frames.frames if d == "received"]
    assert b"<logout/>" in received[-1]


async def test_keepalive_sends_hello_on_idle_connections(gateway, endpoint, login_a, sandbox):
    await gateway.session(endpoint, login_a).check_domains(["a.test"])
    sandbox.faults.inject("hello", Fault("drop"))
    await gateway.keepalive(idle_for=0)
    pool = await gateway.pool(endpoint, login_a)
    assert pool.idle_count == 0
    await gateway.session(endpoint, login_a).check_domains(["a.test"])
    assert pool.opened == 2
