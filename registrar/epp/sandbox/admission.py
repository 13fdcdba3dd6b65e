"""What the sandbox checks before it runs a command, in the order a registry answers them.

1. The frame is a `<command>` with a verb (2001).
2. Its object service and extensions are ones this registry implements: 2307 "unimplemented
   object service", 2103 "unimplemented extension" (RFC 5730 §3). These come before the
   schemas, which know nothing of a namespace we do not serve.
3. It is valid against the EPP XSDs (`registrar.epp.schemas`): 2001 "command syntax error"
   with libxml2's first complaint as the reason.
4. In a logged-in session, the object service and extensions it uses were announced in the
   login's `<svcs>` (RFC 5730 §2.9.1.1): 2002 "command use error" otherwise.
"""

from __future__ import annotations

from lxml import etree

from registrar.epp.responses.envelope import message_kind
from registrar.epp.sandbox.replies import Reply
from registrar.epp.sandbox.session import Session
from registrar.epp.wire.xml import EPP, EXTENSION_URIS, OBJECT_URIS, Element, child, local_name, namespace_of

SESSION_VERBS = frozenset({"login", "logout", "poll"})
"""Verbs that act on the session, not on an object."""


def command_verb(cmd: Element) -> Element | None:
    """The verb element of a `<command>` (`<login>`, `<info>`, …), or None."""
    for node in cmd:
        if namespace_of(node) == EPP and local_name(node) not in ("extension", "clTRID"):
            return node
    return None


def object_namespace(verb: Element) -> str | None:
    """The namespace of the object a verb acts on; None for session verbs."""
    if local_name(verb) in SESSION_VERBS or len(verb) == 0:
        return None
    return namespace_of(verb[0]) or ""


def extension_namespaces(cmd: Element) -> list[str]:
    """The namespace of every element of the command's `<extension>`."""
    ext = child(cmd, EPP, "extension")
    return [namespace_of(node) or "" for node in ext] if ext is not None else []


def syntax_refusal(root: Element, schema: etree.XMLSchema) -> Reply | None:
    """Checks 1-3 of the module docstring for a parsed `<epp>` that is not a `<hello>`."""
    kind = message_kind(root)
    if kind != "command":
        return Reply.failed(2001, f"a client sends no <{kind}>")
    cmd = root[0]
    verb = command_verb(cmd)
    if verb is None:
        return Reply.failed(2001, "no command element")
    unserved = service_refusal(cmd, verb)
    if unserved is not None:
        return unserved
    if not schema.validate(root):
        error = schema.error_log[0]
        return Reply.failed(2001, f"not valid against the EPP schemas: line {error.line}: {error.message}")
    return None


def service_refusal(cmd: Element, verb: Element) -> Reply | None:
    """2307 or 2103 for an object service or extension this registry does not implement."""
    namespace = object_namespace(verb)
    if namespace is not None and namespace not in OBJECT_URIS:
        return Reply.failed(2307, f"unimplemented object service {namespace[:200]}")
    unknown = [uri for uri in extension_namespaces(cmd) if uri not in EXTENSION_URIS]
    if unknown:
        return Reply.failed(2103, f"unimplemented extension {unknown[0][:200]}")
    return None


def announcement_refusal(session: Session, cmd: Element, verb: Element) -> Reply | None:
    """2002 for an object service or extension the session's login did not announce."""
    namespace = object_namespace(verb)
    if namespace is not None and namespace not in session.object_uris:
        return Reply.failed(2002, f"object service {namespace} was not announced at login")
    unannounced = [uri for uri in extension_namespaces(cmd) if uri not in session.extension_uris]
    if unannounced:
        return Reply.failed(2002, f"extension {unannounced[0]} was not announced at login")
    return None
