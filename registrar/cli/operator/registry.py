"""`registrar operator add-binding | update-binding | list-bindings | show-binding |
test-binding | add-registry-account | list-registry-accounts | rotate-registry-password |
disable-registry-account | enable-registry-account | delete-registry-account |
set-default-registry-account`.

A password is never an argument (it would land in shell history and `ps`): it comes from a
file (`--password-file`, its first line) or an environment variable (`--password-env`).
Certificates, keys and CA bundles come from files. A file that cannot be read is one line.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from registrar.cli.output import CommandFailed, Output, add_command
from registrar.context import RequestContext
from registrar.models import RegistryAccount, RegistryBinding
from registrar.resolvers._shared.patch import Patch
from registrar.resolvers.operator import registry_accounts, registry_bindings, registry_passwords
from registrar.resolvers.operator.guard import OperatorAccess
from registrar.rest_compat.render.registry import registry_account, registry_binding, registry_binding_test

MAX_FILE_BYTES = 65_536
BINDING_OPTIONS = (  # (option, field, argparse keywords)
    ("--host", "host", {"metavar": "H", "help": "the registry's EPP host name or IP address"}),
    ("--port", "port", {"type": int, "metavar": "P", "help": "the EPP port (1-65535)"}),
    (
        "--names-per-check",
        "names_per_check",
        {"type": int, "metavar": "N", "help": "names one <check> may carry (1-100)"},
    ),
    (
        "--max-connections",
        "max_connections",
        {"type": int, "metavar": "N", "help": "the registry's session limit (1-100)"},
    ),
    (
        "--commands-per-minute",
        "commands_per_minute",
        {"type": int, "metavar": "N", "help": "commands per minute (1-100000), paced per process"},
    ),
    ("--extension", "extensions", {"action": "append", "metavar": "URI", "help": "a supported extension URI (repeat)"}),
    ("--tld", "tlds", {"action": "append", "metavar": "TLD", "help": "a TLD the registry serves (repeat)"}),
)


def read_text_file(path: str, option: str) -> str:
    """Errors: CommandFailed (missing, unreadable, too large or not UTF-8), one line."""
    try:
        with Path(path).open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise CommandFailed(f"cannot read {option} {path}: {exc.strerror or exc}") from None
    if len(data) > MAX_FILE_BYTES:
        raise CommandFailed(f"{option} {path} is larger than {MAX_FILE_BYTES} bytes")
    try:
        return data.decode()
    except UnicodeDecodeError:
        raise CommandFailed(f"{option} {path} is not UTF-8 text") from None


def read_password(args: argparse.Namespace) -> str:
    """The password from `--password-file` (its first line) or `--password-env`."""
    if args.password_file is not None:
        lines = read_text_file(args.password_file, "--password-file").splitlines()
        return lines[0] if lines else ""
    value = os.environ.get(args.password_env)
    if value is None:
        raise CommandFailed(f"the environment variable {args.password_env} (--password-env) is not set")
    return value


def _binding_patch(args: argparse.Namespace) -> Patch:
    values = {field: getattr(args, field) for _, field, _ in BINDING_OPTIONS if getattr(args, field) is not None}
    if args.ca_file is not None:
        values["ca_pem"] = read_text_file(args.ca_file, "--ca-file")
    if getattr(args, "clear_ca", False):
        values["ca_pem"] = None
    if getattr(args, "no_commands_limit", False):
        values["commands_per_minute"] = None
    return Patch(values)


def _describe_binding(row: RegistryBinding) -> str:
    limit = row.commands_per_minute or "no limit"
    return "\n".join(
        [
            f"{row.name}: {row.host}:{row.port}",
            f"  tlds: {', '.join(row.tlds) or '-'}",
            f"  extensions: {', '.join(row.extensions) or '-'}",
            f"  names per check: {row.names_per_check}; sessions: {row.max_connections}; commands/minute: {limit}",
            f"  ca: {'set' if row.ca_pem else 'system trust store'}",
        ]
    )


async def _add_binding(ctx: RequestContext, operator: OperatorAccess, args: argparse.Namespace) -> Output:
    patch = _binding_patch(args)
    row = await registry_bindings.create_registry_binding(ctx, operator, Patch({"name": args.name, **patch.supplied}))
    return Output({"data": registry_binding(row)}, f"registry binding {row.name} created")


async def _update_binding(ctx: RequestContext, operator: OperatorAccess, args: argparse.Namespace) -> Output:
    row = await registry_bindings.update_registry_binding(ctx, operator, args.name, _binding_patch(args))
    return Output({"data": registry_binding(row)}, _describe_binding(row))


async def _list_bindings(ctx: RequestContext, operator: OperatorAccess, args: argparse.Namespace) -> Output:
    rows = await registry_bindings.list_registry_bindings(ctx, operator)
    lines = [f"{row.name:<20} {row.host}:{row.port}  {','.join(row.tlds)}" for row in rows]
    return Output({"data": [registry_binding(row) for row in rows]}, "\n".join(lines) or "no registry bindings")


async def _show_binding(ctx: RequestContext, operator: OperatorAccess, args: argparse.Namespace) -> Output:
    row = await registry_bindings.get_registry_binding(ctx, operator, args.name)
    return Output({"data": registry_binding(row)}, _describe_binding(row))


async def _test_binding(ctx: RequestContext, operator: OperatorAccess, args: argparse.Namespace) -> Output:
    result = await registry_bindings.test_registry_binding(ctx, operator, args.name, args.registry_account)
    shape = registry_binding_test(result)
    if shape["logged_in"]:
        text = f"{result.binding}: logged in as {result.registry_account_id} ({shape['latency_ms']} ms to greeting)"
    elif shape["reachable"] and shape["error"] is None:
        text = f"{result.binding}: reachable ({shape['latency_ms']} ms to greeting); no account to log in with"
    else:
        error = shape["error"]
        state = "reachable, login failed" if shape["reachable"] else "unreachable"
        text = f"{result.binding}: {state}: {error['code']} {error['detail']}"
    if shape["greeting"]:
        text += (
            f"\n  server: {shape['greeting']['server_id']}; extensions: {', '.join(shape['greeting']['extensions'])}"
        )
    return Output({"data": shape}, text, exit_status=0 if shape["error"] is None else 1)


def _one(row: RegistryAccount, text: str) -> Output:
    return Output({"data": registry_account(row)}, text)


async def _add_account(ctx: RequestContext, operator: OperatorAccess, args: argparse.Namespace) -> Output:
    if (args.cert_file is None) != (args.key_file is None):
        raise CommandFailed("--cert-file and --key-file go together")
    data = registry_accounts.NewRegistryAccount(
        registry_binding=args.binding,
        name=args.name,
        clid=args.clid,
        password=read_password(args),
        cert_pem=read_text_file(args.cert_file, "--cert-file") if args.cert_file else None,
        key_pem=read_text_file(args.key_file, "--key-file") if args.key_file else None,
    )
    row = await registry_accounts.create_registry_account(ctx, operator, args.tenant, data)
    return _one(row, row.id)


async def _list_accounts(ctx: RequestContext, operator: OperatorAccess, args: argparse.Namespace) -> Output:
    rows = await registry_accounts.list_tenant_registry_accounts(ctx, operator, args.tenant)
    lines = [
        f"{row.id}  {row.registry_binding:<16} {row.name:<16} {row.state:<8}{'  default' if row.is_default else ''}"
        for row in rows
    ]
    return Output({"data": [registry_account(row) for row in rows]}, "\n".join(lines) or "no registry accounts")


async def _rotate(ctx: RequestContext, operator: OperatorAccess, args: argparse.Namespace) -> Output:
    row = await registry_passwords.rotate_registry_password(ctx, operator, args.account_id, read_password(args))
    return _one(row, f"registry account {row.id}: password changed at the registry and stored")


async def _disable(ctx: RequestContext, operator: OperatorAccess, args: argparse.Namespace) -> Output:
    row = await registry_accounts.disable_registry_account(ctx, operator, args.account_id)
    return _one(row, f"registry account {row.id} disabled")


async def _enable(ctx: RequestContext, operator: OperatorAccess, args: argparse.Namespace) -> Output:
    row = await registry_accounts.enable_registry_account(ctx, operator, args.account_id)
    return _one(row, f"registry account {row.id} enabled{' (default)' if row.is_default else ''}")


async def _delete(ctx: RequestContext, operator: OperatorAccess, args: argparse.Namespace) -> Output:
    await registry_accounts.delete_registry_account(ctx, operator, args.account_id)
    return Output({}, f"registry account {args.account_id} deleted")


async def _set_default(ctx: RequestContext, operator: OperatorAccess, args: argparse.Namespace) -> Output:
    row = await registry_accounts.set_default_registry_account(ctx, operator, args.account_id)
    return _one(row, f"registry account {row.id} is the default on {row.registry_binding}")


def _binding_options(parser: argparse.ArgumentParser, *, creating: bool) -> None:
    parser.add_argument("name", metavar="NAME", help="the binding's name (lower-case letters, digits, - and _)")
    for option, field, keywords in BINDING_OPTIONS:
        required = creating and field in ("host", "port")
        parser.add_argument(option, dest=field, required=required, **keywords)
    parser.add_argument(
        "--ca-file", metavar="PATH", help="PEM file of the CA certificate(s) the registry's is checked against"
    )
    if not creating:
        parser.add_argument("--clear-ca", action="store_true", help="forget the CA (use the system trust store)")
        parser.add_argument("--no-commands-limit", action="store_true", help="remove the commands-per-minute limit")


def _password_options(parser: argparse.ArgumentParser) -> None:
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--password-file", metavar="PATH", help="a file whose first line is the password")
    source.add_argument("--password-env", metavar="VAR", help="an environment variable holding the password")


def _account_command(commands, name: str, help: str, action) -> argparse.ArgumentParser:  # noqa: ANN001
    parser = add_command(commands, name, help, action)
    parser.add_argument("account_id", metavar="ID", help="the registry account's id")
    return parser


def add_commands(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    _binding_options(add_command(commands, "add-binding", "create a registry binding", _add_binding), creating=True)
    _binding_options(
        add_command(commands, "update-binding", "change a registry binding's given options", _update_binding),
        creating=False,
    )
    add_command(commands, "list-bindings", "list registry bindings", _list_bindings)
    show = add_command(commands, "show-binding", "show a registry binding", _show_binding)
    show.add_argument("name", metavar="NAME", help="the binding's name")
    test = add_command(
        commands,
        "test-binding",
        "connect to a registry once, log in and out, and report the greeting (exit status 1 when it failed)",
        _test_binding,
    )
    test.add_argument("name", metavar="NAME", help="the binding's name")
    test.add_argument("--registry-account", metavar="ID", help="log in as this account (default: the first active)")

    add = add_command(
        commands, "add-registry-account", "create a tenant's registry account; prints its id", _add_account
    )
    add.add_argument("tenant", metavar="TENANT", help="the tenant's slug or id")
    add.add_argument("--binding", required=True, help="the registry binding's name")
    add.add_argument("--name", required=True, help="the account's name (unique per tenant and binding)")
    add.add_argument("--clid", required=True, help="the registrar's client id at the registry (3-16 characters)")
    _password_options(add)
    add.add_argument("--cert-file", metavar="PATH", help="PEM client certificate (with --key-file)")
    add.add_argument("--key-file", metavar="PATH", help="PEM unencrypted private key of the certificate")
    listing = add_command(commands, "list-registry-accounts", "list a tenant's registry accounts", _list_accounts)
    listing.add_argument("tenant", metavar="TENANT", help="the tenant's slug or id")
    _password_options(
        _account_command(
            commands, "rotate-registry-password", "change an account's password at the registry, then here", _rotate
        )
    )
    _account_command(commands, "disable-registry-account", "disable a registry account", _disable)
    _account_command(commands, "enable-registry-account", "enable a registry account", _enable)
    _account_command(commands, "delete-registry-account", "delete an unused registry account", _delete)
    _account_command(
        commands, "set-default-registry-account", "make an account its binding's default for the tenant", _set_default
    )
