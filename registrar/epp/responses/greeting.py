"""Parsing of the EPP greeting (RFC 5730 §2.4): what a server offers."""

from __future__ import annotations

from registrar.epp.objects import Greeting
from registrar.epp.responses.envelope import parse_epp
from registrar.epp.wire.xml import EPP, Element, EppXmlError, child, child_text, children, parse_datetime, text_of


def parse_greeting(data: bytes) -> Greeting:
    root = parse_epp(data)
    greeting = child(root, EPP, "greeting")
    if greeting is None:
        raise EppXmlError("expected a <greeting>")
    return greeting_from_element(greeting)


def greeting_from_element(greeting: Element) -> Greeting:
    server_id = child_text(greeting, EPP, "svID")
    if not server_id:
        raise EppXmlError("greeting lacks <svID>")
    menu = child(greeting, EPP, "svcMenu")
    if menu is None:
        raise EppXmlError("greeting lacks <svcMenu>")
    ext = child(menu, EPP, "svcExtension")
    return Greeting(
        server_id=server_id,
        server_date=parse_datetime(child_text(greeting, EPP, "svDate")),
        versions=_texts(menu, "version"),
        languages=_texts(menu, "lang"),
        object_uris=_texts(menu, "objURI"),
        extension_uris=_texts(ext, "extURI") if ext is not None else (),
    )


def _texts(parent: Element, name: str) -> tuple[str, ...]:
    return tuple(text_of(node) or "" for node in children(parent, EPP, name))
