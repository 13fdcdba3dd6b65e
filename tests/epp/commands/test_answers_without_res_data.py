"""Client ↔ sandbox over TLS: a create answered 1001 without `<domain:creData>` and a renew
answered 1000 without `<domain:renData>` (as the .dk registry answers both) are successes."""

from __future__ import annotations

from dataclasses import replace

import pytest

from registrar.epp.objects import DomainCreateRequest
from registrar.epp.responses.envelope import parse_response
from registrar.epp.sandbox.faults import Fault
from registrar.epp.wire.xml import DOMAIN, child

REQUEST = DomainCreateRequest(name="pending.test", registrant="OTHER-1", auth_info="pending-Auth-1")


@pytest.fixture
def session(gateway, endpoint, login_a):
    return gateway.session(endpoint, login_a)


def answers_to(server_frames, verb: str) -> list:
    """The sandbox's responses to every `verb` command it received, in order."""
    frames = server_frames.frames
    return [
        parse_response(frames[index + 1][1])
        for index, (direction, frame) in enumerate(frames)
        if direction == "received" and f"<domain:{verb}".encode() in frame and index + 1 < len(frames)
    ]


async def test_create_answered_pending_without_cre_data_succeeds_with_the_dates_of_an_info(
    session, sandbox, server_frames
) -> None:
    # given
    sandbox.policy = replace(sandbox.policy, domain_create_pending=True)
    # when
    created = await session.create_domain(REQUEST)
    # then
    [answer] = answers_to(server_frames, "create")
    assert (answer.code, answer.res_data) == (1001, None)
    stored = sandbox.store.domains["pending.test"]
    assert created.pending
    assert (created.name, created.created_at, created.expires_at) == (
        "pending.test",
        stored.created_at,
        stored.expires_at,
    )


async def test_create_answered_pending_queues_the_pending_action_outcome(session, sandbox, server_frames) -> None:
    # given
    sandbox.policy = replace(sandbox.policy, domain_create_pending=True)
    await session.create_domain(REQUEST)
    [answer] = answers_to(server_frames, "create")
    # when
    message = await session.poll()
    # then
    assert message is not None and message.kind == "pending_action"
    outcome = message.pending_action
    assert (outcome.name, outcome.succeeded) == ("pending.test", True)
    assert (outcome.cltrid, outcome.svtrid) == (answer.cltrid, answer.svtrid)


async def test_create_answered_pending_is_pending_without_dates_when_no_info_settles_it(session, sandbox) -> None:
    # given
    sandbox.policy = replace(sandbox.policy, domain_create_pending=True)
    sandbox.faults.inject("domain:info", Fault("result", code=2400))
    # when
    created = await session.create_domain(REQUEST)
    # then
    assert (created.name, created.pending, created.created_at, created.expires_at) == (
        "pending.test",
        True,
        None,
        None,
    )
    assert sandbox.store.domains["pending.test"].sponsor == "registrar-a"


async def test_create_with_cre_data_is_not_pending(session) -> None:
    created = await session.create_domain(REQUEST)
    assert not created.pending and created.created_at is not None


async def test_renew_answered_without_ren_data_succeeds_with_the_expiry_of_an_info(
    session, sandbox, server_frames
) -> None:
    # given
    await session.create_domain(REQUEST)
    expiry = sandbox.store.domains["pending.test"].expires_at
    sandbox.policy = replace(sandbox.policy, domain_renew_res_data=False)
    # when
    renewed = await session.renew_domain("pending.test", expiry.date(), 2)
    # then
    [answer] = answers_to(server_frames, "renew")
    assert (answer.code, answer.res_data) == (1000, None)
    assert (renewed.name, renewed.pending) == ("pending.test", False)
    assert renewed.expires_at == expiry.replace(year=expiry.year + 2)


async def test_renew_answered_without_ren_data_is_pending_without_expiry_when_no_info_settles_it(
    session, sandbox
) -> None:
    # given
    await session.create_domain(REQUEST)
    expiry = sandbox.store.domains["pending.test"].expires_at
    sandbox.policy = replace(sandbox.policy, domain_renew_res_data=False)
    sandbox.faults.inject("domain:info", Fault("result", code=2400))
    # when
    renewed = await session.renew_domain("pending.test", expiry.date())
    # then
    assert (renewed.pending, renewed.expires_at) == (True, None)
    assert sandbox.store.domains["pending.test"].expires_at.year == expiry.year + 1


async def test_answers_without_res_data_leave_the_sandbox_valid_against_the_schemas(session, sandbox) -> None:
    """The `sandbox` fixture checks every frame the sandbox sent, panData included."""
    sandbox.policy = replace(sandbox.policy, domain_create_pending=True, domain_renew_res_data=False)
    await session.create_domain(REQUEST)
    info = await session.domain_info("pending.test")
    await session.renew_domain("pending.test", info.expires_at.date())
    assert (await session.poll()).kind == "pending_action"
    assert child(sandbox.store.poll[0].payload, DOMAIN, "name").get("paResult") == "1"
