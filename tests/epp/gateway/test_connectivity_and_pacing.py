"""The gateway's one-off connectivity check (greeting, login, logout, never raising) and the
per-binding pacing of commands, counted on a fake clock instead of timed."""

from __future__ import annotations

import socket
from dataclasses import replace

from registrar.epp.gateway import RegistryGateway
from registrar.epp.sandbox.faults import Fault
from registrar.epp.wire import pki
from registrar.epp.wire.xml import FEE


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class FakeTime:
    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []

    def monotonic(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


async def test_connectivity_logs_in_and_out_once_and_returns_the_greeting(
    gateway, endpoint, login_a, sandbox, server_frames
) -> None:
    # when
    report = await gateway.check_connectivity(endpoint, login_a)
    # then
    assert (report.reachable, report.logged_in, report.error) == (True, True, None)
    assert report.greeting.versions == ("1.0",) and FEE in report.greeting.extension_uris
    assert report.latency_ms >= 0
    received = [frame for direction, frame in server_frames.frames if direction == "received"]
    assert [b"<login>" in frame for frame in received] == [True, False]
    assert b"<logout/>" in received[-1]


async def test_connectivity_reports_a_refused_login_with_its_greeting(gateway, endpoint, login_a, sandbox) -> None:
    report = await gateway.check_connectivity(endpoint, replace(login_a, password="wrong-pass1"))
    assert (report.reachable, report.logged_in) == (True, False)
    assert (report.error.code, report.error.detail["epp_code"]) == ("registry_authorization_error", 2200)
    assert "wrong-pass1" not in str(report.error.detail)


async def test_connectivity_without_a_login_presents_no_certificate(gateway, endpoint, sandbox) -> None:
    # the sandbox requires a client certificate, so the handshake (or the greeting) fails
    report = await gateway.check_connectivity(endpoint, None)
    assert (report.reachable, report.logged_in, report.error.code) == (False, False, "registry_unavailable")


async def test_connectivity_reports_a_closed_port_and_an_untrusted_server(gateway, endpoint, login_a) -> None:
    closed = await gateway.check_connectivity(replace(endpoint, port=free_port()), login_a)
    assert (closed.reachable, closed.latency_ms, closed.error.code) == (False, None, "registry_unavailable")
    stranger = pki.generate_ca("Somebody else").cert_pem
    untrusted = await gateway.check_connectivity(replace(endpoint, ca_pem=stranger), login_a)
    assert not untrusted.reachable and "TLS" in untrusted.error.detail["reason"]


async def test_connectivity_reports_a_dropped_login(gateway, endpoint, login_a, sandbox) -> None:
    sandbox.faults.inject("login", Fault("drop"))
    report = await gateway.check_connectivity(endpoint, login_a)
    assert (report.reachable, report.logged_in, report.error.code) == (True, False, "registry_unavailable")


async def test_connectivity_ignores_and_leaves_an_open_breaker(endpoint, login_a, sandbox, sandbox_clock) -> None:
    gateway = RegistryGateway(sandbox_clock, failure_threshold=1)
    try:
        gateway.breaker("sandbox").record_failure()
        report = await gateway.check_connectivity(endpoint, login_a)
        assert report.logged_in
        assert gateway.breaker_states() == {"sandbox": "open"}
    finally:
        await gateway.aclose()


async def test_change_password_sends_the_journals_cltrid(gateway, endpoint, login_a, sandbox, client_frames) -> None:
    await gateway.change_password(endpoint, login_a, "password-a2", cltrid="JOURNAL-CLTRID-1")
    login = next(frame for direction, frame in client_frames.frames if direction == "sent" and b"<newPW>" in frame)
    assert b"<clTRID>JOURNAL-CLTRID-1</clTRID>" in login


async def test_commands_and_logins_of_a_limited_binding_are_paced(endpoint, login_a, sandbox, sandbox_clock) -> None:
    # given: 6 commands a minute = a burst of one, then one every 12 seconds
    time = FakeTime()
    gateway = RegistryGateway(sandbox_clock, monotonic=time.monotonic, sleep=time.sleep)
    session = gateway.session(replace(endpoint, commands_per_minute=6), login_a)
    try:
        # when: three checks (and the login of the connection they run on)
        for _ in range(3):
            await session.check_domains(["a.test"])
    finally:
        await gateway.aclose()
    # then: four commands, the first free, the others 12 s apart
    assert len(time.sleeps) == 3
    assert all(abs(wait - 12.0) < 1e-6 for wait in time.sleeps)


async def test_a_binding_without_a_limit_is_not_paced(endpoint, login_a, sandbox, sandbox_clock) -> None:
    time = FakeTime()
    gateway = RegistryGateway(sandbox_clock, monotonic=time.monotonic, sleep=time.sleep)
    try:
        for _ in range(20):
            await gateway.session(endpoint, login_a).check_domains(["a.test"])
    finally:
        await gateway.aclose()
    assert time.sleeps == []


async def test_a_changed_limit_starts_a_fresh_bucket(endpoint, login_a, sandbox, sandbox_clock) -> None:
    time = FakeTime()
    gateway = RegistryGateway(sandbox_clock, monotonic=time.monotonic, sleep=time.sleep)
    try:
        await gateway.pace(replace(endpoint, commands_per_minute=6))
        await gateway.pace(replace(endpoint, commands_per_minute=600))  # a burst of 100 now
        await gateway.pace(replace(endpoint, commands_per_minute=600))
    finally:
        await gateway.aclose()
    assert time.sleeps == []
