"""Sandbox session commands: login (with newPW) and logout (RFC 5730 §2.9.1).

Each registrar account is bound to its client certificate: the TLS client certificate of the
connection must name the clID it logs in as (subject CN = clID, as the sandbox PKI issues
them, `wire.pki.issue_client_cert`). Any other certificate of the sandbox CA gets past TLS but
not past login (2200), so one registrar's certificate never logs in as another.

With an accounts file (`accounts.AccountsFile`), a login the in-memory accounts would refuse
re-reads the file first, so an account issued while the sandbox runs logs in at once; a
password changed with `<newPW>` is written back, so a restart keeps it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from registrar.epp.sandbox.accounts import AccountsFile
from registrar.epp.sandbox.replies import Reply
from registrar.epp.wire.xml import (
    EPP,
    EXTENSION_URIS,
    OBJECT_URIS,
    Element,
    child,
    child_text,
    children,
    text_of,
)

MAX_FAILED_LOGINS = 3


@dataclass
class Session:
    clid: str | None = None
    certificate_cn: str | None = None
    """The subject CN of the connection's TLS client certificate."""
    object_uris: tuple[str, ...] = ()
    extension_uris: tuple[str, ...] = ()
    failed_logins: int = 0
    closing: bool = False
    extra: dict[str, object] = field(default_factory=dict)


def login(
    session: Session, verb: Element, accounts: dict[str, str], accounts_file: AccountsFile | None = None
) -> Reply:
    if session.clid is not None:
        return Reply.failed(2002, "already logged in")
    clid = child_text(verb, EPP, "clID") or ""
    options = child(verb, EPP, "options")
    svcs = child(verb, EPP, "svcs")
    if options is None or svcs is None:
        return Reply.failed(2001, "login needs <options> and <svcs>")
    if child_text(options, EPP, "version") != "1.0":
        return Reply.failed(2100, "only EPP 1.0 is spoken here")
    if child_text(options, EPP, "lang") != "en":
        return Reply.failed(2102, "only lang en is supported")
    refused = _credentials_refusal(session, clid, child_text(verb, EPP, "pw") or "", accounts, accounts_file)
    if refused is not None:
        return refused
    objects, extensions = announced_services(svcs)
    unknown_objects = [uri for uri in objects if uri not in OBJECT_URIS]
    if unknown_objects:
        return Reply.failed(2307, f"unimplemented object service {unknown_objects[0]}")
    unknown_extensions = [uri for uri in extensions if uri not in EXTENSION_URIS]
    if unknown_extensions:
        return Reply.failed(2103, f"unimplemented extension {unknown_extensions[0]}")
    new_password = child_text(verb, EPP, "newPW")
    if new_password:
        accounts[clid] = new_password
        if accounts_file is not None:
            accounts_file.remember(clid, new_password)
    session.clid = clid
    session.object_uris = objects
    session.extension_uris = extensions
    return Reply()


def announced_services(svcs: Element) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(objURIs, extURIs) of a login's `<svcs>`."""
    objects = tuple(text_of(node) or "" for node in children(svcs, EPP, "objURI"))
    svc_ext = child(svcs, EPP, "svcExtension")
    extensions = tuple(
        text_of(node) or "" for node in (children(svc_ext, EPP, "extURI") if svc_ext is not None else [])
    )
    return objects, extensions


def _credentials_refusal(
    session: Session, clid: str, password: str, accounts: dict[str, str], accounts_file: AccountsFile | None
) -> Reply | None:
    """2200 for a wrong password or a certificate bound to another account; the third
    failure on one connection is 2501 and closes it. Credentials the in-memory accounts do
    not know are looked up in the accounts file (when there is one) before refusing."""
    if accounts_file is not None and accounts.get(clid) != password:
        accounts_file.refresh(accounts)
    if accounts.get(clid) == password and session.certificate_cn == clid:
        return None
    session.failed_logins += 1
    if session.failed_logins >= MAX_FAILED_LOGINS:
        session.closing = True
        return Reply.failed(2501, "too many failed logins")
    if accounts.get(clid) != password:
        return Reply.failed(2200, "invalid clID or password")
    return Reply.failed(2200, f"the client certificate is not the one of {clid}")


def logout(session: Session) -> Reply:
    session.clid = None
    session.closing = True
    return Reply(1500)
