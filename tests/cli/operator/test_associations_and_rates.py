"""`registrar operator add-tld | list-tlds | set-tld-config | rebind-tld | delete-tld | set-rate |
delete-rate | list-rates | import-rates`, run as the operator runs them (a subprocess on the
test's database): the same rows and JSON as `/operator/v1`, one-line failures."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys

import pytest

from registrar.cli.operator.pricing import ProgressLine, progress_on
from registrar.cli.operator.tld_associations import parse_settings
from registrar.cli.output import CommandFailed
from tests.support.cli import REPO, cli_environment, operator
from tests.support.operator import operator_token
from tests.support.tld_setup import associate, audit_entries, tenant_on_two_bindings

HEADER = "tld,operation,period,tier,premium_class,amount,currency\n"


@pytest.fixture
async def acme(services):
    return await tenant_on_two_bindings(services)


def succeeded(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 0, result.stderr
    return result.stdout


def one_line_failure(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    return lines[0]


async def test_operator_associates_configures_rebinds_and_deletes_a_tld(client, services, acme):
    # given
    tenant, alpha, beta = acme
    # when
    added = operator(
        services,
        "add-tld", "acme", "SHOP", "--account", alpha.id, "--accreditation", "non_icann",
        "--config", "transfer_lock_days=0", "--config", "idn_languages=[\"de\"]",
    )  # fmt: skip
    configured = operator(
        services, "set-tld-config", "acme", "shop", "dnssec_supported=false", "transfer_lock_days=null"
    )
    rebound = operator(services, "rebind-tld", "acme", "shop", "--account", beta.id)
    listed = operator(services, "list-tlds", "acme", "--json")
    # then
    assert succeeded(added).startswith("shop associated with acme through alpha: ")
    assert "dnssec_supported=false" in succeeded(configured) and "transfer_lock_days" not in configured.stdout
    assert f"now through account {beta.id} on beta" in succeeded(rebound)
    rest = await client.get(
        f"/operator/v1/tenants/{tenant.tenant_id}/tld_associations",
        headers=(await operator_token(client, services)).headers,
    )
    assert json.loads(succeeded(listed)) == rest.json()
    assert rest.json()["data"][0]["config"]["idn_languages"] == ["de"]
    # and when it is deleted, nothing is left, every step audited as the CLI's user
    assert succeeded(operator(services, "delete-tld", "acme", "shop")) == "shop no longer associated with acme\n"
    entries = await audit_entries(services, "tld_association.")
    assert [entry.action for entry in entries] == [
        "tld_association.create",
        "tld_association.update_config",
        "tld_association.rebind",
        "tld_association.delete",
    ]
    assert {entry.actor_type for entry in entries} == {"cli"}


async def test_association_failures_are_one_line(services, acme):
    # given
    _, alpha, _ = acme
    # when / then
    bad_value = operator(
        services, "add-tld", "acme", "shop", "--account", alpha.id, "--accreditation", "non_icann",
        "--config", "transfer_lock_days=999",
    )  # fmt: skip
    assert (
        one_line_failure(bad_value)
        == "registrar: unprocessable_entity: config.transfer_lock_days must be between 0 and 365"
    )
    not_served = operator(services, "add-tld", "acme", "store", "--account", alpha.id, "--accreditation", "non_icann")
    assert one_line_failure(not_served) == "registrar: tld_not_served: tld=store; registry_binding=alpha"
    no_pair = operator(services, "set-tld-config", "acme", "shop", "dnssec_supported")
    assert one_line_failure(no_pair) == "registrar: expected KEY=VALUE, got 'dnssec_supported'"


async def test_operator_sets_lists_and_deletes_rates(client, services, acme):
    # given
    tenant, alpha, _ = acme
    await associate(services, tenant.tenant_id, "shop", alpha.id)
    # when
    set_ = operator(
        services,
        "set-rate",
        "acme",
        "--tld",
        "shop",
        "--operation",
        "register",
        "--period",
        "1",
        "--amount",
        "9.99",
        "--json",
    )
    premium = operator(
        services, "set-rate", "acme", "--tld", "shop", "--operation", "register", "--period", "1",
        "--tier", "premium", "--premium-class", "gold", "--amount", "499", "--currency", "eur",
    )  # fmt: skip
    deleted = operator(services, "delete-rate", "acme", json.loads(succeeded(set_))["data"]["id"])
    listed = operator(services, "list-rates", "acme", "--tld", "shop", "--json")
    # then
    entry = json.loads(succeeded(set_))["data"]
    assert (entry["amount"], entry["currency"], entry["tier"]) == ("9.9900", "USD", "standard")
    assert (
        succeeded(premium).startswith("created: shop") and "premium:gold" in premium.stdout and "EUR" in premium.stdout
    )
    rest = await client.get(
        "/operator/v1/tenants/acme/rate_card?tld=shop", headers=(await operator_token(client, services)).headers
    )
    assert json.loads(succeeded(listed)) == rest.json()
    assert succeeded(deleted) == f"rate {entry['id']} deleted\n"
    assert [row["tier"] for row in rest.json()["data"]] == ["premium"]
    bad = operator(
        services, "set-rate", "acme", "--tld", "shop", "--operation", "restore", "--period", "1", "--amount", "0"
    )
    assert (
        one_line_failure(bad)
        == "registrar: unprocessable_entity: period must be empty for restore; amount must be positive"
    )


async def test_import_rates_prints_a_summary_and_refuses_a_missing_or_bad_file_in_one_line(services, acme, tmp_path):
    # given
    tenant, alpha, _ = acme
    await associate(services, tenant.tenant_id, "shop", alpha.id)
    card = tmp_path / "rates.csv"
    card.write_text(HEADER + "shop,register,1,,,9.99,USD\nshop,restore,,,,79,USD\n")
    # when
    imported = operator(services, "import-rates", "acme", str(card))
    again = operator(services, "import-rates", "acme", str(card), "--json")
    missing = operator(services, "import-rates", "acme", str(tmp_path / "nope.csv"))
    duplicate = tmp_path / "duplicate.csv"
    duplicate.write_text(HEADER + "shop,register,1,,,9.99,USD\nshop,register,1,,,8.99,USD\n")
    refused = operator(services, "import-rates", "acme", str(duplicate))
    # then
    assert succeeded(imported) == "imported 2 rows for acme: 2 created, 0 updated, 0 unchanged (TLDs changed: shop)\n"
    assert imported.stderr == ""  # not a terminal: no progress bar
    assert json.loads(succeeded(again)) == {"data": {"created": 0, "updated": 0, "unchanged": 2, "tlds": []}}
    assert one_line_failure(missing) == f"registrar: no such file: {tmp_path / 'nope.csv'}"
    assert one_line_failure(refused) == "registrar: unprocessable_entity: row 3 repeats the key of row 2"
    assert [entry.action for entry in await audit_entries(services, "rate.")] == ["rate.import"]


async def test_import_rates_draws_a_progress_bar_when_stderr_is_a_terminal(services, acme, tmp_path):
    # given
    tenant, alpha, _ = acme
    await associate(services, tenant.tenant_id, "shop", alpha.id)
    card = tmp_path / "rates.csv"
    card.write_text(HEADER + "".join(f"shop,renew,{period},,,{period}0,USD\n" for period in range(1, 11)))
    controller, terminal = os.openpty()
    # when
    try:
        result = subprocess.run(
            [sys.executable, "-m", "registrar.cli", "operator", "import-rates", "acme", str(card)],
            env=cli_environment(services),
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=terminal,
            text=True,
            timeout=120,
        )
    finally:
        os.close(terminal)
    drawn = b""
    while True:
        try:
            chunk = os.read(controller, 4096)
        except OSError:  # the terminal's other end is closed: all of it has been read
            break
        if not chunk:
            break
        drawn += chunk
    os.close(controller)
    # then
    assert result.returncode == 0 and "10 created" in result.stdout
    text = drawn.decode()
    assert "\rvalidating" in text and "\rapplying" in text and "10/10" in text


def test_progress_line_redraws_in_place_and_ends_each_phase_with_a_newline():
    stream = io.StringIO()
    line = ProgressLine(stream)
    for done in (1, 1, 2):
        line("applying", done, 2)
    assert stream.getvalue() == (
        "\rapplying   [" + "#" * 15 + "." * 15 + "] 1/2" + "\rapplying   [" + "#" * 30 + "] 2/2\n"
    )
    assert progress_on(io.StringIO()) is None


def test_settings_are_json_when_they_parse_and_text_otherwise():
    assert parse_settings(["a=1", "b=true", "c=null", "d=AUTORENEW", 'e=["x"]', "f=x=y"]) == {
        "a": 1,
        "b": True,
        "c": None,
        "d": "AUTORENEW",
        "e": ["x"],
        "f": "x=y",
    }
    with pytest.raises(CommandFailed):
        parse_settings(["=1"])
