"""`registrar sandbox-account CLID`: a registrar account at the embedded sandbox registry for a
tenant the operator onboards, as a registry hands out OT&E credentials.

It works on the sandbox PKI of the data directory the settings name (`<data dir>/sandbox`,
made by the first `make run`) and never creates one: the running sandbox picks the account up
at its next login, without a restart. The password is written to a file (mode 0600) whose path
is printed, so it reaches `registrar operator add-registry-account --password-file` without
passing through the shell; it is printed itself only with `--json`.
"""

from __future__ import annotations

import argparse

from registrar.cli.output import Output, emit, fail
from registrar.embedded_sandbox import (
    LOOPBACK,
    SandboxAccount,
    SandboxAccountError,
    issue_sandbox_account,
)
from registrar.settings import Settings

DESCRIPTION = (
    "Issue (or print again) a registrar account at the embedded sandbox registry for a tenant, as a "
    "registry hands out OT&E credentials: a password (in a file, mode 0600), a client certificate and key "
    "signed by the sandbox CA, and where the sandbox listens. Needs the sandbox of the data directory "
    "(REGISTRAR_DATA_DIR, made by the first `make run`); the running sandbox takes the account without a restart."
)


def add_sandbox_account_command(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    help = "issue (or print again) a registrar account at the embedded sandbox registry"
    parser = commands.add_parser("sandbox-account", help=help, description=DESCRIPTION)
    parser.add_argument("clid", metavar="CLID", help="the registrar id (3-16 letters, digits or hyphens)")
    parser.add_argument("--json", action="store_true", help="print the account as JSON, password included")
    parser.set_defaults(handler=sandbox_account)


def sandbox_account(args: argparse.Namespace, settings: Settings) -> int:
    directory = settings.data_dir / "sandbox"
    try:
        account = issue_sandbox_account(directory, args.clid)
    except SandboxAccountError as error:
        return fail(str(error))
    except (OSError, ValueError) as error:
        return fail(f"cannot issue a sandbox account in {directory}: {error}")
    emit(describe(account, settings.sandbox_port), args.json)
    return 0


def describe(account: SandboxAccount, port: int) -> Output:
    data = {
        "clid": account.clid,
        "password": account.password,
        "password_file": str(account.password_file),
        "ca_file": str(account.ca_file),
        "cert_file": str(account.cert_file),
        "key_file": str(account.key_file),
        "host": LOOPBACK,
        "port": port,
    }
    text = "\n".join(
        [
            f"sandbox registrar account {account.clid} at {LOOPBACK}:{port}",
            f"  password file:      {account.password_file}",
            f"  CA certificate:     {account.ca_file}",
            f"  client certificate: {account.cert_file}",
            f"  client key:         {account.key_file}",
            "give it to a tenant with (one binding per sandbox is enough):",
            f"  registrar operator add-binding NAME --host {LOOPBACK} --port {port} --ca-file {account.ca_file} "
            "--tld TLD",
            f"  registrar operator add-registry-account TENANT --binding NAME --name NAME --clid {account.clid} "
            f"--password-file {account.password_file} --cert-file {account.cert_file} --key-file {account.key_file}",
        ]
    )
    return Output(data=data, text=text)
