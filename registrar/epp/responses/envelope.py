"""The EPP response envelope (RFC 5730 §2.6) and the value readers every extractor uses.

`parse_response` reads any `<response>`: every `<result>` (code, message, the `<value>`s it
points at and the registry's reasons from `<extValue>`), transaction ids and the message-queue
header; the response's own code, message and reason are those of its first result. The
extractors of `responses.domain`, `.host`, `.contact`, `.transfer`, `.poll` and the extension
modules read its `resData`/`extension`. Anything that is not acceptable EPP raises
`EppXmlError`.
"""

from __future__ import annotations

from copy import deepcopy
from dataclasses import dataclass, field
from datetime import datetime

from lxml import etree

from registrar.epp.wire.redact import scrub
from registrar.epp.wire.xml import (
    EPP,
    Element,
    EppXmlError,
    child,
    child_text,
    children,
    local_name,
    namespace_of,
    parse_datetime,
    parse_document,
)


@dataclass(frozen=True)
class ResultValue:
    """A `<value>` of a result, or the value and reason of an `<extValue>` (RFC 5730 §2.6):
    the client element the server points at, as XML text with passwords masked."""

    xml: str
    reason: str | None = None


@dataclass(frozen=True)
class EppResult:
    """One `<result>`; `reason` joins the reasons of its `<extValue>`s."""

    code: int
    message: str
    reason: str | None = None
    values: tuple[ResultValue, ...] = ()


@dataclass(frozen=True)
class MessageQueue:
    """The `<msgQ>` header of a poll response."""

    count: int
    message_id: str | None
    queued_at: datetime | None = None
    message: str | None = None


@dataclass(frozen=True)
class EppResponse:
    """One `<response>`; `res_data`/`extension` are the raw elements for the extractors."""

    code: int
    message: str
    reason: str | None
    cltrid: str | None
    svtrid: str | None
    results: tuple[EppResult, ...] = ()
    queue: MessageQueue | None = None
    res_data: Element | None = field(default=None, repr=False, compare=False)
    extension: Element | None = field(default=None, repr=False, compare=False)

    @property
    def succeeded(self) -> bool:
        return self.code < 2000


def parse_epp(data: bytes) -> Element:
    """The `<epp>` root of a document, or `EppXmlError`."""
    root = parse_document(data)
    if namespace_of(root) != EPP or local_name(root) != "epp":
        raise EppXmlError("the document root is not <epp> in the EPP 1.0 namespace")
    if len(root) != 1:
        raise EppXmlError("<epp> must hold exactly one element")
    return root


def message_kind(root: Element) -> str:
    """ "greeting", "hello", "command", "response" or "extension" for a parsed `<epp>` root."""
    body = root[0]
    if namespace_of(body) != EPP:
        raise EppXmlError("the <epp> body is not in the EPP namespace")
    return local_name(body)


def parse_response(data: bytes) -> EppResponse:
    """Parse a `<response>` frame; `EppXmlError` if it is anything else."""
    root = parse_epp(data)
    response = child(root, EPP, "response")
    if response is None:
        raise EppXmlError(f"expected a <response>, got <{local_name(root[0])}>")
    return response_from_element(response)


def response_from_element(response: Element) -> EppResponse:
    results = tuple(_result(node) for node in children(response, EPP, "result"))
    if not results:
        raise EppXmlError("response lacks a <result>")
    first = results[0]
    tr_id = child(response, EPP, "trID")
    return EppResponse(
        code=first.code,
        message=first.message,
        reason=first.reason,
        cltrid=child_text(tr_id, EPP, "clTRID") if tr_id is not None else None,
        svtrid=child_text(tr_id, EPP, "svTRID") if tr_id is not None else None,
        results=results,
        queue=_queue(child(response, EPP, "msgQ")),
        res_data=child(response, EPP, "resData"),
        extension=child(response, EPP, "extension"),
    )


def _result(node: Element) -> EppResult:
    raw = (node.get("code") or "").strip()
    if len(raw) != 4 or not (raw.isascii() and raw.isdigit()) or raw[0] not in "12":
        raise EppXmlError(f"result code {raw[:10]!r} is not an EPP result code")
    values = tuple(_value(item) for item in node if namespace_of(item) == EPP and local_name(item) in _VALUES)
    reason = "; ".join(value.reason for value in values if value.reason) or None
    return EppResult(code=int(raw), message=child_text(node, EPP, "msg") or "", reason=reason, values=values)


_VALUES = ("value", "extValue")


def _value(node: Element) -> ResultValue:
    """`<value>` or `<extValue>` (whose own `<value>` holds the element)."""
    holder = child(node, EPP, "value") if local_name(node) == "extValue" else node
    if holder is None:
        return ResultValue(xml="", reason=child_text(node, EPP, "reason") or None)
    parts = [scrub(_standalone(item)) for item in holder]
    xml = "".join(parts) or (holder.text or "").strip()
    return ResultValue(xml=xml, reason=child_text(node, EPP, "reason") or None)


def _standalone(node: Element) -> bytes:
    """`node` as XML declaring only the namespaces it uses."""
    copy = deepcopy(node)
    copy.tail = None
    etree.cleanup_namespaces(copy)
    return etree.tostring(copy)


def _queue(node: Element | None) -> MessageQueue | None:
    if node is None:
        return None
    raw_count = (node.get("count") or "0").strip()
    if not (raw_count.isascii() and raw_count.isdigit()):
        raise EppXmlError("msgQ count is not a number")
    return MessageQueue(
        count=int(raw_count),
        message_id=node.get("id"),
        queued_at=parse_datetime(child_text(node, EPP, "qDate")),
        message=child_text(node, EPP, "msg"),
    )


def res_data_child(response: EppResponse, namespace: str, name: str) -> Element:
    """The required `<resData>` child, or `EppXmlError` when the registry left it out."""
    if response.res_data is None:
        raise EppXmlError(f"response lacks <resData> with <{name}>")
    node = child(response.res_data, namespace, name)
    if node is None:
        raise EppXmlError(f"response <resData> lacks <{name}>")
    return node


def extension_child(response: EppResponse, namespace: str, name: str) -> Element | None:
    """An optional `<extension>` child."""
    if response.extension is None:
        return None
    return child(response.extension, namespace, name)


def required_text(node: Element, namespace: str, name: str) -> str:
    value = child_text(node, namespace, name)
    if not value:
        raise EppXmlError(f"<{local_name(node)}> lacks <{name}>")
    return value


def parse_bool(value: str | None, default: bool = False) -> bool:
    """xs:boolean."""
    if value is None:
        return default
    raw = value.strip()
    if raw in ("1", "true"):
        return True
    if raw in ("0", "false"):
        return False
    raise EppXmlError(f"not an xs:boolean: {raw[:10]!r}")


def parse_int(value: str | None, what: str) -> int:
    raw = (value or "").strip()
    digits = raw[1:] if raw.startswith("-") else raw
    if not (digits.isascii() and digits.isdigit()) or len(digits) > 18:
        raise EppXmlError(f"{what} is not an integer")
    return int(raw)
