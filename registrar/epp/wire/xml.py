"""The one hardened XML parser of the EPP layer, namespace constants and element helpers.

Every EPP document we read (from a registry, or from a client of the sandbox) goes through
`parse_document`: entities are never resolved, the network is never touched, huge trees are
refused and a DOCTYPE is rejected outright, so XXE and billion-laughs probes fail fast. Any
malformed input becomes `EppXmlError`; no lxml exception leaks out of this module.
"""

from __future__ import annotations

from datetime import UTC, datetime

from lxml import etree

EPP = "urn:ietf:params:xml:ns:epp-1.0"
EPPCOM = "urn:ietf:params:xml:ns:eppcom-1.0"
DOMAIN = "urn:ietf:params:xml:ns:domain-1.0"
CONTACT = "urn:ietf:params:xml:ns:contact-1.0"
HOST = "urn:ietf:params:xml:ns:host-1.0"
SECDNS = "urn:ietf:params:xml:ns:secDNS-1.1"
RGP = "urn:ietf:params:xml:ns:rgp-1.0"
FEE = "urn:ietf:params:xml:ns:epp:fee-1.0"
IDN = "urn:ietf:params:xml:ns:idn-1.0"

NS: dict[str, str] = {
    "epp": EPP,
    "domain": DOMAIN,
    "contact": CONTACT,
    "host": HOST,
    "secDNS": SECDNS,
    "rgp": RGP,
    "fee": FEE,
    "idn": IDN,
}

OBJECT_URIS: tuple[str, ...] = (DOMAIN, CONTACT, HOST)
EXTENSION_URIS: tuple[str, ...] = (SECDNS, RGP, FEE, IDN)

Element = etree._Element


class EppXmlError(Exception):
    """The bytes are not a well-formed, acceptable EPP XML document."""


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        huge_tree=False,
        remove_blank_text=True,
        load_dtd=False,
        dtd_validation=False,
        remove_comments=True,
        remove_pis=True,
    )


_PARSER = _parser()


def parse_document(data: bytes) -> Element:
    """Parse `data` into its root element, refusing DTDs, entities and non-XML input."""
    if not isinstance(data, bytes):
        raise EppXmlError("EPP documents are bytes")
    if not data.strip():
        raise EppXmlError("empty document")
    try:
        root = etree.fromstring(data, _PARSER)
    except (etree.LxmlError, ValueError, TypeError) as exc:
        raise EppXmlError(f"not well-formed XML: {_first_line(exc)}") from None
    if root is None:
        raise EppXmlError("empty document")
    tree = root.getroottree()
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        raise EppXmlError("DOCTYPE declarations are not allowed in EPP")
    for node in root.iter():
        if not isinstance(node.tag, str):
            raise EppXmlError("entity references are not allowed in EPP")
    return root


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0][:200] if text else type(exc).__name__


def qname(namespace: str, name: str) -> str:
    """Clark notation `{namespace}name` used by lxml."""
    return f"{{{namespace}}}{name}"


def element(namespace: str, name: str, text: str | None = None, /, **attrs: str) -> Element:
    """A new detached element; the namespace's usual prefix is declared on it."""
    prefix = _PREFIX_BY_NS.get(namespace)
    nsmap = {None: namespace} if namespace == EPP else {prefix: namespace}
    node = etree.Element(qname(namespace, name), nsmap=nsmap)
    _fill(node, text, attrs)
    return node


def sub(parent: Element, namespace: str, name: str, text: str | None = None, /, **attrs: str) -> Element:
    """Append a child element; a namespace not yet in scope gets its usual prefix."""
    in_scope = namespace in parent.nsmap.values()
    prefix = _PREFIX_BY_NS.get(namespace)
    nsmap = None if in_scope else {prefix: namespace}
    node = etree.SubElement(parent, qname(namespace, name), nsmap=nsmap)
    _fill(node, text, attrs)
    return node


def _fill(node: Element, text: str | None, attrs: dict[str, str]) -> None:
    if text is not None:
        node.text = text
    for key, value in attrs.items():
        node.set(key, value)


def serialize(root: Element) -> bytes:
    """UTF-8 bytes with an XML declaration, as RFC 5730 examples show."""
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=False)


def child(node: Element, namespace: str, name: str) -> Element | None:
    """The first direct child with that qualified name, or None."""
    return node.find(qname(namespace, name))


def children(node: Element, namespace: str, name: str) -> list[Element]:
    """Every direct child with that qualified name, in document order."""
    return node.findall(qname(namespace, name))


def text_of(node: Element | None) -> str | None:
    """Stripped text of `node` (None when the node is absent, "" when empty)."""
    if node is None:
        return None
    return (node.text or "").strip()


def child_text(node: Element, namespace: str, name: str) -> str | None:
    """Stripped text of the first matching direct child, or None when absent."""
    return text_of(child(node, namespace, name))


def local_name(node: Element) -> str:
    """The tag without its namespace."""
    return etree.QName(node).localname


def namespace_of(node: Element) -> str | None:
    """The namespace URI of the tag."""
    return etree.QName(node).namespace


def parse_datetime(value: str | None) -> datetime | None:
    """An xs:dateTime as an aware UTC datetime; a value without offset is taken as UTC."""
    if value is None or not value.strip():
        return None
    raw = value.strip()
    try:
        parsed = datetime.fromisoformat(raw)
    except ValueError:
        raise EppXmlError(f"not an xs:dateTime: {raw[:40]!r}") from None
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def format_datetime(value: datetime) -> str:
    """An aware datetime as xs:dateTime in UTC with a `Z`, e.g. `2025-01-02T03:04:05.0Z`."""
    if value.tzinfo is None:
        raise ValueError("EPP datetimes must be timezone-aware")
    utc = value.astimezone(UTC)
    return utc.strftime("%Y-%m-%dT%H:%M:%S.") + f"{utc.microsecond // 100000}Z"


_PREFIX_BY_NS: dict[str, str] = {uri: prefix for prefix, uri in NS.items()}
