"""`registrar operator …` for registry bindings and accounts, as a subprocess on the test's
database: the same resolvers and JSON shapes as `/operator/v1`, passwords only from files or
the environment, and one-line failures. Commands that reach the in-process sandbox run the
subprocess in a thread, so the sandbox keeps answering."""

from __future__ import annotations

import argparse
import asyncio
import json
import socket

import pytest

from registrar.cli import build_parser
from registrar.resolvers.operator import registry_bindings
from registrar.resolvers.operator.guard import cli_operator
from registrar.rest_compat.render.registry import registry_binding
from tests.support.cli import cli_environment, operator
from tests.support.registry_operator import account_row, audit_entries, operator_ctx, sandbox_registrar


async def run(services, *args: str, env: dict[str, str] | None = None):
    """The command in a thread: the sandbox it may talk to runs on this test's event loop."""
    kwargs = {"env": env} if env is not None else {}
    return await asyncio.to_thread(operator, services, *args, **kwargs)


def one_line_failure(result) -> str:
    assert result.returncode == 1, result.stdout
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    return lines[0]


async def test_add_binding_then_list_show_and_update_it(services, sandbox, tmp_path):
    # given
    ca_file = tmp_path / "ca.pem"
    ca_file.write_bytes(sandbox.ca_pem)
    # when
    added = await run(
        services,
        "add-binding",
        "ote",
        "--host",
        "127.0.0.1",
        "--port",
        str(sandbox.port),
        "--ca-file",
        str(ca_file),
        "--tld",
        "Test",
        "--tld",
        "example",
        "--extension",
        "urn:ietf:params:xml:ns:rgp-1.0",
        "--commands-per-minute",
        "120",
    )
    updated = await run(services, "update-binding", "ote", "--names-per-check", "9", "--no-commands-limit", "--json")
    shown = await run(services, "show-binding", "ote", "--json")
    listed = await run(services, "list-bindings")
    # then
    assert added.returncode == 0, added.stderr
    assert added.stdout.strip() == "registry binding ote created"
    binding = await registry_bindings.get_registry_binding(operator_ctx(services), cli_operator(), "ote")
    assert json.loads(shown.stdout) == {"data": registry_binding(binding)}
    assert json.loads(updated.stdout)["data"]["names_per_check"] == 9
    assert (binding.tlds, binding.commands_per_minute, binding.ca_pem.strip()) == (
        ["test", "example"],
        None,
        sandbox.ca_pem.decode().strip(),
    )
    assert listed.stdout.startswith("ote ")
    entries = await audit_entries(services)
    assert [entry.action for entry in entries] == ["registry_binding.create", "registry_binding.update"]
    assert {entry.actor_type for entry in entries} == {"cli"}


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("--host", "x.example", "--port", "700", "--ca-file", "/nonexistent/ca.pem"), "cannot read --ca-file"),
        (("--host", "https://x.example", "--port", "0"), "unprocessable_entity: host must be"),
    ],
)
async def test_add_binding_failures_are_one_line(services, args, expected):
    result = await run(services, "add-binding", "bad", *args)
    assert expected in one_line_failure(result)


async def test_add_registry_account_reads_the_password_from_a_file_or_the_environment(services, demo, tmp_path):
    # given
    password_file = tmp_path / "password"
    password_file.write_text("File-pw-123\n")
    env = {**cli_environment(services), "REGISTRY_PW": "Env-pw-1234"}
    common = ("--binding", "sandbox", "--clid", "demo-second")
    # when
    from_file = await run(
        services, "add-registry-account", "demo", *common, "--name", "filed", "--password-file", str(password_file)
    )
    from_env = await run(
        services, "add-registry-account", "demo", *common, "--name", "env", "--password-env", "REGISTRY_PW", env=env
    )
    listed = await run(services, "list-registry-accounts", "demo", "--json")
    # then: each prints the new account's id, and the passwords are stored encrypted
    assert from_file.returncode == 0 and from_env.returncode == 0, from_file.stderr + from_env.stderr
    filed = await account_row(services, from_file.stdout.strip())
    assert services.encryptor.decrypt(filed.password_encrypted) == "File-pw-123"
    env_row = await account_row(services, from_env.stdout.strip())
    assert services.encryptor.decrypt(env_row.password_encrypted) == "Env-pw-1234"
    assert {row["name"] for row in json.loads(listed.stdout)["data"]} == {"primary", "filed", "env"}
    assert "pw" not in listed.stdout.lower()


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (("--password-file", "/nonexistent/password"), "cannot read --password-file"),
        (("--password-env", "REGISTRAR_TEST_UNSET_VARIABLE"), "REGISTRAR_TEST_UNSET_VARIABLE"),
    ],
)
async def test_add_registry_account_without_a_readable_password_is_one_line(services, demo, source, expected):
    result = await run(
        services, "add-registry-account", "demo", "--binding", "sandbox", "--name", "x", "--clid", "abc", *source
    )
    assert expected in one_line_failure(result)


def test_a_password_is_never_an_argument(capsys):
    with pytest.raises(SystemExit) as exited:
        build_parser().parse_args(
            ["operator", "add-registry-account", "demo", "--binding", "b", "--name", "x", "--clid", "abc"]
        )
    assert exited.value.code == 2 and "--password-file" in capsys.readouterr().err
    assert not any(action.dest == "password" for action in _subcommand("add-registry-account")._actions)


async def test_test_binding_logs_in_and_reports(services, demo, sandbox):
    result = await run(services, "test-binding", "sandbox")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("sandbox: logged in as ")
    as_json = json.loads((await run(services, "test-binding", "sandbox", "--json")).stdout)["data"]
    assert (as_json["reachable"], as_json["logged_in"]) == (True, True)


async def test_test_binding_exits_1_when_the_registry_cannot_be_reached(services, demo):
    # given a binding to a port where nothing listens
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = str(probe.getsockname()[1])
    added = await run(services, "add-binding", "nowhere", "--host", "127.0.0.1", "--port", closed_port)
    assert added.returncode == 0, added.stderr

    # when it is tested
    result = await run(services, "test-binding", "nowhere")

    # then the report says so and the exit status tells a script
    assert result.returncode == 1
    assert result.stdout.startswith("nowhere: unreachable: registry_unavailable")


async def test_rotate_disable_enable_set_default_and_delete(services, demo, sandbox, tmp_path):
    async with sandbox_registrar(sandbox) as registrar:
        # given
        files = {}
        for name, content in (("old", registrar.password), ("cert", registrar.cert_pem), ("key", registrar.key_pem)):
            files[name] = tmp_path / name
            files[name].write_text(content)
        (tmp_path / "new").write_text("Rotated-pw-9\n")
        added = await run(
            services,
            "add-registry-account",
            "demo",
            "--binding",
            "sandbox",
            "--name",
            "rotating",
            "--clid",
            registrar.clid,
            "--password-file",
            str(files["old"]),
            "--cert-file",
            str(files["cert"]),
            "--key-file",
            str(files["key"]),
        )
        account_id = added.stdout.strip()
        # when
        rotated = await run(services, "rotate-registry-password", account_id, "--password-file", str(tmp_path / "new"))
        # then
        assert rotated.returncode == 0, rotated.stderr
        assert sandbox.accounts[registrar.clid] == "Rotated-pw-9"
        assert "Rotated-pw-9" not in rotated.stdout
    for command in ("disable", "enable", "set-default"):
        result = await run(services, f"{command}-registry-account", account_id, "--json")
        assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["data"]["is_default"] is True
    in_use = await run(services, "delete-registry-account", account_id)  # its rotation references it
    assert "in_use" in one_line_failure(in_use)
    assert "not_found" in one_line_failure(await run(services, "disable-registry-account", "no-such-id"))


REGISTRY_COMMANDS = (
    "add-binding",
    "update-binding",
    "list-bindings",
    "show-binding",
    "test-binding",
    "add-registry-account",
    "list-registry-accounts",
    "rotate-registry-password",
    "disable-registry-account",
    "enable-registry-account",
    "delete-registry-account",
    "set-default-registry-account",
)


def _subcommand(name: str) -> argparse.ArgumentParser:
    operator_parser = _choices(build_parser())["operator"]
    return _choices(operator_parser)[name]


def _choices(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    (sub,) = [action for action in parser._actions if isinstance(action, argparse._SubParsersAction)]
    return sub.choices


@pytest.mark.parametrize("command", REGISTRY_COMMANDS)
def test_every_registry_command_explains_itself_and_each_of_its_arguments(command, capsys):
    # when
    with pytest.raises(SystemExit) as exited:
        build_parser().parse_args(["operator", command, "--help"])
    # then
    assert exited.value.code == 0 and "--json" in capsys.readouterr().out
    assert all(action.help for action in _subcommand(command)._actions), command
