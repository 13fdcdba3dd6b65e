"""`registrar sandbox-account CLID`, run as the operator runs it (a process of its own): it issues
a registrar account at the embedded sandbox that a running sandbox accepts at once, prints the
same credentials when run again, keeps concurrent issues apart, and never creates a sandbox."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from collections.abc import AsyncIterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization

from registrar.clock import FrozenClock
from registrar.crypto import Encryptor
from registrar.embedded_sandbox import (
    DEMO_CLID,
    SandboxAccountError,
    ensure_sandbox_pki,
    issue_sandbox_account,
    start_embedded_sandbox,
)
from registrar.epp.commands.account import RegistryEndpoint, RegistryLogin
from registrar.epp.gateway import RegistryGateway
from registrar.epp.sandbox import SandboxRegistry
from registrar.epp.wire import pki
from registrar.settings import Settings

REGISTRAR = [sys.executable, "-m", "registrar.cli"]
SANDBOX_PORT = "7799"


def environment(data_dir: Path) -> dict[str, str]:
    """No REGISTRAR_ setting of this process; the data directory and secrets of the test."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("REGISTRAR_")}
    env.update(
        {
            "REGISTRAR_DATA_DIR": str(data_dir),
            "REGISTRAR_SECRET_KEY": "test-secret-key-that-is-long-enough-for-hs256",
            "REGISTRAR_ENCRYPTION_KEY": Encryptor.generate_key(),
            "REGISTRAR_SANDBOX_PORT": SANDBOX_PORT,
        }
    )
    return env


def sandbox_account(env: dict[str, str], cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*REGISTRAR, "sandbox-account", *args], env=env, cwd=cwd, capture_output=True, text=True, timeout=120
    )


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def tree(root: Path) -> list[Path]:
    return sorted(root.rglob("*"))


@pytest.fixture
async def running(tmp_path: Path, clock: FrozenClock) -> AsyncIterator[SandboxRegistry]:
    """The embedded sandbox of a data directory of this test's own, started as `make run` does
    (on a free port: the command prints the configured one, which a test cannot bind)."""
    env = environment(tmp_path / "var")
    server, _access = await start_embedded_sandbox(Settings.from_env({**env, "REGISTRAR_SANDBOX_PORT": "0"}), clock)
    yield server
    await server.stop()


async def test_the_issued_account_logs_in_at_the_running_sandbox_and_its_secrets_stay_in_files(
    tmp_path, running, clock
) -> None:
    # given a running sandbox
    sandbox_dir = tmp_path / "var" / "sandbox"
    # when the operator issues an account for a new tenant
    result = sandbox_account(environment(tmp_path / "var"), tmp_path, "acme-ote")
    # then it names the files and the endpoint, not the password
    assert result.returncode == 0, result.stderr
    password_file = sandbox_dir / "password-acme-ote"
    password = password_file.read_text()
    assert 6 <= len(password) <= 16
    assert password not in result.stdout
    for shown in (password_file, sandbox_dir / "ca.pem", sandbox_dir / "client-acme-ote.pem"):
        assert str(shown) in result.stdout
    assert str(sandbox_dir / "client-acme-ote.key") in result.stdout
    assert f"127.0.0.1:{SANDBOX_PORT}" in result.stdout
    # and the secrets are the owner's only, the certificate is bound to the clID
    accounts = json.loads((sandbox_dir / "accounts.json").read_text())
    assert accounts["acme-ote"] == password and DEMO_CLID in accounts
    for secret in ("accounts.json", "password-acme-ote", "client-acme-ote.key"):
        assert mode(sandbox_dir / secret) == 0o600, secret
    cert_pem = (sandbox_dir / "client-acme-ote.pem").read_bytes()
    der = x509.load_pem_x509_certificate(cert_pem).public_bytes(serialization.Encoding.DER)
    assert pki.subject_common_name(der) == "acme-ote"
    # and the sandbox, never restarted, lets the new registrar in
    gateway = RegistryGateway(now=clock.now)
    try:
        session = gateway.session(
            RegistryEndpoint("own-sandbox", "127.0.0.1", running.port, running.ca_pem, command_timeout=5.0),
            RegistryLogin(
                "acct-acme", "acme-ote", password, cert_pem, (sandbox_dir / "client-acme-ote.key").read_bytes()
            ),
        )
        [answer] = await session.check_domains(["acme-first.test"])
    finally:
        await gateway.aclose()
    assert answer.available
    # and running the command again prints the same account (the password only with --json)
    again = sandbox_account(environment(tmp_path / "var"), tmp_path, "acme-ote", "--json")
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout) == {
        "clid": "acme-ote",
        "password": password,
        "password_file": str(password_file),
        "ca_file": str(sandbox_dir / "ca.pem"),
        "cert_file": str(sandbox_dir / "client-acme-ote.pem"),
        "key_file": str(sandbox_dir / "client-acme-ote.key"),
        "host": "127.0.0.1",
        "port": int(SANDBOX_PORT),
    }
    assert (sandbox_dir / "ca.pem").read_bytes() == running.ca_pem
    assert (sandbox_dir / "client-acme-ote.pem").read_bytes() == cert_pem
    assert json.loads((sandbox_dir / "accounts.json").read_text()) == accounts


async def test_concurrent_runs_for_different_clids_keep_every_account(tmp_path, running) -> None:
    # given a sandbox and two tenants onboarded at once
    env = environment(tmp_path / "var")
    clids = ["acme-ote", "beta-ote"]
    # when the commands run at the same time
    processes = [
        subprocess.Popen(
            [*REGISTRAR, "sandbox-account", clid, "--json"],
            env=env,
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for clid in clids
    ]
    outputs = [process.communicate(timeout=120) for process in processes]
    # then every one succeeded and the accounts file holds them all
    assert [process.returncode for process in processes] == [0] * len(clids), [err for _, err in outputs]
    accounts = json.loads((tmp_path / "var" / "sandbox" / "accounts.json").read_text())
    assert set(accounts) == {DEMO_CLID, *clids}
    for out, _err in outputs:
        issued = json.loads(out)
        assert accounts[issued["clid"]] == issued["password"] == Path(issued["password_file"]).read_text()


def test_a_data_directory_without_a_sandbox_gives_one_line_and_creates_nothing(tmp_path) -> None:
    # given settings naming a data directory where no server has started the sandbox
    data_dir = tmp_path / "var"
    env = environment(data_dir)
    before = tree(tmp_path)
    # when the operator asks for a sandbox account
    result = sandbox_account(env, tmp_path, "acme-ote")
    # then one line says where it looked and what to do, and nothing was created
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f"registrar: no sandbox at {data_dir / 'sandbox'}: start the server once with make run, "
        "or set REGISTRAR_DATA_DIR"
    ]
    assert result.stdout == ""
    assert tree(tmp_path) == before


def test_concurrent_issues_in_one_sandbox_lose_no_account(tmp_path) -> None:
    # given an installed sandbox
    sandbox_dir = tmp_path / "sandbox"
    ensure_sandbox_pki(sandbox_dir)
    clids = [f"tenant-{n}-ote" for n in range(12)]
    # when accounts are issued from many threads at once
    with ThreadPoolExecutor(max_workers=len(clids)) as pool:
        issued = list(pool.map(lambda clid: issue_sandbox_account(sandbox_dir, clid), clids))
    # then the file holds every one of them, each with the password it was issued
    accounts = json.loads((sandbox_dir / "accounts.json").read_text())
    assert accounts == {DEMO_CLID: accounts[DEMO_CLID], **{account.clid: account.password for account in issued}}


def test_a_directory_that_is_no_installation_gives_one_line_and_creates_nothing(tmp_path) -> None:
    # given a directory with neither secrets nor a sandbox, and no setting pointing elsewhere
    env = {key: value for key, value in os.environ.items() if not key.startswith("REGISTRAR_")}
    # when the operator runs the command there
    result = sandbox_account(env, tmp_path, "acme-ote")
    # then one line names the data directory it looked at, and no var/ appears
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and str(tmp_path / "var") in lines[0], result.stderr
    assert list(tmp_path.iterdir()) == []


def test_an_invalid_clid_gives_one_line_and_issues_nothing(tmp_path) -> None:
    # given an installed sandbox
    ensure_sandbox_pki(tmp_path / "var" / "sandbox")
    before = tree(tmp_path)
    # when the operator names a registrar id EPP does not allow (and that would name a file elsewhere)
    result = sandbox_account(environment(tmp_path / "var"), tmp_path, "../escape")
    # then one line says what a clID is, and nothing was issued
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "registrar: invalid registrar id '../escape': 3-16 letters, digits or hyphens (EPP clIDType)"
    ]
    assert tree(tmp_path) == before


@pytest.mark.parametrize("clid", ["ab", "seventeen-chars-x", "acme_ote", "acme ote", "acme.ote", "ĉlid-ote"])
def test_only_epp_registrar_ids_of_letters_digits_and_hyphens_are_issued(tmp_path, clid) -> None:
    # given an installed sandbox
    ensure_sandbox_pki(tmp_path / "sandbox")
    # when an account is asked for under `clid`, then it is refused
    with pytest.raises(SandboxAccountError, match="invalid registrar id"):
        issue_sandbox_account(tmp_path / "sandbox", clid)


@pytest.mark.parametrize("clid", ["abc", "sixteen-chars-ab", "ACME-2-ote"])
def test_registrar_ids_of_3_to_16_letters_digits_and_hyphens_are_issued(tmp_path, clid) -> None:
    # given an installed sandbox
    ensure_sandbox_pki(tmp_path / "sandbox")
    # when an account is asked for under `clid`
    account = issue_sandbox_account(tmp_path / "sandbox", clid)
    # then it is issued with its own certificate
    assert account.clid == clid and account.cert_file.name == f"client-{clid}.pem"
