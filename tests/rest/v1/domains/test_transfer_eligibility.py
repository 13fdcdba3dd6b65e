"""`GET …/domains/:name/transfer_eligibility` and `Domain.transferOutEligibility`: whether a domain
can leave now and, if not, every reason with the date it ends."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import update

from registrar.models import Domain, RegistryOperation, Tenant
from tests.support.graphql import gql_data
from tests.support.lifecycle import registered


async def _age(services, name: str, **changes) -> None:
    async with services.db.transaction() as session:
        await session.exec(update(Domain).where(Domain.name == name).values(**changes))


async def _eligibility(client, demo, name: str) -> dict:
    response = await client.get(demo.url(f"/domains/{name}/transfer_eligibility"), headers=demo.headers)
    assert response.status_code == 200, response.text
    return response.json()["data"]


async def test_a_new_registration_may_not_leave_before_sixty_days(client, demo, clock):
    # given a domain registered now
    domain = await registered(client, demo, "fresh-eligibility.test")

    # when its eligibility is asked
    answer = await _eligibility(client, demo, "fresh-eligibility.test")

    # then the creation lock is the one reason, ending 60 days after registration
    assert answer["eligible"] is False
    assert [reason["code"] for reason in answer["reasons"]] == ["recently_registered"]
    assert answer["reasons"][0]["until"] == (clock.now() + timedelta(days=60)).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert domain["name"] == answer["name"]


async def test_an_old_unlocked_domain_is_eligible(client, demo, services, clock):
    # given a domain registered 61 days ago, with no lock
    await registered(client, demo, "old-eligibility.test")
    await _age(services, "old-eligibility.test", registered_at=clock.now() - timedelta(days=61))

    # when / then
    answer = await _eligibility(client, demo, "old-eligibility.test")
    assert answer["eligible"] is True and answer["reasons"] == []


async def test_every_obstacle_is_listed_with_its_end(client, demo, services, clock):
    # given an old domain under the 60-day post-transfer lock, the tenant's own transfer lock,
    # a registry lock, and in redemption
    await registered(client, demo, "blocked-eligibility.test")
    lock_until = clock.now() + timedelta(days=12)
    await _age(
        services,
        "blocked-eligibility.test",
        registered_at=clock.now() - timedelta(days=400),
        transfer_lock_until=lock_until,
        epp_statuses=["clientTransferProhibited", "serverTransferProhibited"],
        state="redemption",
    )

    # when
    answer = await _eligibility(client, demo, "blocked-eligibility.test")

    # then each reason is there, dated where it ends by itself
    reasons = {reason["code"]: reason for reason in answer["reasons"]}
    assert answer["eligible"] is False
    assert list(reasons) == [
        "domain_state",
        "transfer_lock",
        "client_transfer_prohibited",
        "server_transfer_prohibited",
    ]
    assert reasons["domain_state"]["detail"] == {"state": "redemption"}
    assert reasons["transfer_lock"]["until"] == lock_until.strftime("%Y-%m-%dT%H:%M:%SZ")
    assert reasons["client_transfer_prohibited"]["until"] is None


async def test_the_post_transfer_lock_does_not_count_for_a_tenant_that_opted_out(client, demo, services, clock):
    # given a locked domain of a tenant that opted out of the 60-day lock
    await registered(client, demo, "optout-eligibility.test")
    await _age(
        services,
        "optout-eligibility.test",
        registered_at=clock.now() - timedelta(days=400),
        transfer_lock_until=clock.now() + timedelta(days=30),
    )
    async with services.db.transaction() as session:
        await session.exec(update(Tenant).where(Tenant.id == demo.tenant_id).values(transfer_lock_opt_out=True))

    # when / then
    assert (await _eligibility(client, demo, "optout-eligibility.test"))["eligible"] is True


async def test_an_unknown_or_foreign_domain_is_404(client, demo):
    response = await client.get(demo.url("/domains/nobody-here.test/transfer_eligibility"), headers=demo.headers)

    assert response.status_code == 404
    assert response.json() == {"error": "not_found"}


async def test_graphql_gives_the_same_answer_on_the_domain(client, demo):
    # given a fresh registration
    await registered(client, demo, "graph-eligibility.test")

    # when the domain is read through GraphQL
    result = await gql_data(
        client,
        demo,
        """query($tenant: ID!, $name: String!) { tenant(id: $tenant) { domain(name: $name) {
             transferOutEligibility { eligible reasons { code until detail } } } } }""",
        {"tenant": demo.tenant_id, "name": "graph-eligibility.test"},
    )

    # then it carries the REST answer's reasons
    rest = await _eligibility(client, demo, "graph-eligibility.test")
    answer = result["tenant"]["domain"]["transferOutEligibility"]
    assert answer["eligible"] is False
    assert [reason["code"] for reason in answer["reasons"]] == [reason["code"] for reason in rest["reasons"]]


async def test_an_unsettled_registry_command_is_an_obstacle(client, demo, services, clock):
    # given an old domain with a renewal whose answer was lost (the operation is still pending)
    domain = await registered(client, demo, "pending-eligibility.test")
    await _age(services, "pending-eligibility.test", registered_at=clock.now() - timedelta(days=400))
    async with services.db.transaction() as session:
        session.add(
            RegistryOperation(
                tenant_id=demo.tenant_id,
                registry_account_id=domain["registry_account_id"],
                actor_type="user",
                command="domain_renew",
                object_type="domain",
                object_name="pending-eligibility.test",
                object_id=domain["id"],
                cltrid="test-pending-eligibility",
                lease_until=clock.now() + timedelta(minutes=1),
                inserted_at=clock.now(),
            )
        )

    # when / then
    answer = await _eligibility(client, demo, "pending-eligibility.test")
    assert answer["reasons"] == [{"code": "pending_operation", "until": None, "detail": {"command": "domain_renew"}}]
