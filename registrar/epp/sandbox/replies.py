"""Building the sandbox's answers: greetings and `<response>` frames valid against the XSDs."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from registrar.epp.wire.xml import (
    EPP,
    EXTENSION_URIS,
    OBJECT_URIS,
    Element,
    element,
    format_datetime,
    serialize,
    sub,
)

SERVER_ID = "Registrar Sandbox EPP"

RESULT_MESSAGES: dict[int, str] = {
    1000: "Command completed successfully",
    1001: "Command completed successfully; action pending",
    1300: "Command completed successfully; no messages",
    1301: "Command completed successfully; ack to dequeue",
    1500: "Command completed successfully; ending session",
    2000: "Unknown command",
    2001: "Command syntax error",
    2002: "Command use error",
    2003: "Required parameter missing",
    2004: "Parameter value range error",
    2005: "Parameter value syntax error",
    2100: "Unimplemented protocol version",
    2101: "Unimplemented command",
    2102: "Unimplemented option",
    2103: "Unimplemented extension",
    2104: "Billing failure",
    2105: "Object is not eligible for renewal",
    2106: "Object is not eligible for transfer",
    2200: "Authentication error",
    2201: "Authorization error",
    2202: "Invalid authorization information",
    2300: "Object pending transfer",
    2301: "Object not pending transfer",
    2302: "Object exists",
    2303: "Object does not exist",
    2304: "Object status prohibits operation",
    2305: "Object association prohibits operation",
    2306: "Parameter value policy error",
    2307: "Unimplemented object service",
    2308: "Data management policy violation",
    2400: "Command failed",
    2500: "Command failed; server closing connection",
    2501: "Authentication error; server closing connection",
    2502: "Session limit exceeded; server closing connection",
}


class CommandFailed(Exception):
    """Raised by a command handler: answer with `code` and, when given, a reason."""

    def __init__(self, code: int, reason: str | None = None) -> None:
        super().__init__(code, reason)
        self.code = code
        self.reason = reason


def greeting(now: datetime, extension_uris: Sequence[str] = EXTENSION_URIS) -> bytes:
    root = element(EPP, "epp")
    node = sub(root, EPP, "greeting")
    sub(node, EPP, "svID", SERVER_ID)
    sub(node, EPP, "svDate", format_datetime(now))
    menu = sub(node, EPP, "svcMenu")
    sub(menu, EPP, "version", "1.0")
    sub(menu, EPP, "lang", "en")
    for uri in OBJECT_URIS:
        sub(menu, EPP, "objURI", uri)
    if extension_uris:
        ext = sub(menu, EPP, "svcExtension")
        for uri in extension_uris:
            sub(ext, EPP, "extURI", uri)
    dcp = sub(node, EPP, "dcp")
    sub(sub(dcp, EPP, "access"), EPP, "all")
    statement = sub(dcp, EPP, "statement")
    purpose = sub(statement, EPP, "purpose")
    sub(purpose, EPP, "admin")
    sub(purpose, EPP, "prov")
    recipient = sub(statement, EPP, "recipient")
    sub(recipient, EPP, "ours")
    sub(recipient, EPP, "public")
    sub(sub(statement, EPP, "retention"), EPP, "stated")
    return serialize(root)


class Reply:
    """A response under construction; handlers fill `res_data` and `extensions`."""

    def __init__(self, code: int = 1000) -> None:
        self.code = code
        self.reason: str | None = None
        self.res_data: list[Element] = []
        self.extensions: list[Element] = []
        self.queue: tuple[int, str, datetime, str] | None = None
        """(count, id, qDate, msg) of a poll message."""

    @classmethod
    def failed(cls, code: int, reason: str | None = None) -> Reply:
        reply = cls(code)
        reply.reason = reason
        return reply


def response(reply: Reply, cltrid: str | None, svtrid: str) -> bytes:
    root = element(EPP, "epp")
    node = sub(root, EPP, "response")
    result = sub(node, EPP, "result", code=str(reply.code))
    sub(result, EPP, "msg", RESULT_MESSAGES[reply.code])
    if reply.reason:
        ext_value = sub(result, EPP, "extValue")
        sub(sub(ext_value, EPP, "value"), EPP, "undef")
        sub(ext_value, EPP, "reason", reply.reason[:500])
    if reply.queue is not None:
        count, message_id, queued_at, text = reply.queue
        queue = sub(node, EPP, "msgQ", count=str(count), id=message_id)
        sub(queue, EPP, "qDate", format_datetime(queued_at))
        sub(queue, EPP, "msg", text)
    if reply.res_data:
        res_data = sub(node, EPP, "resData")
        for item in reply.res_data:
            res_data.append(item)
    if reply.extensions:
        ext = sub(node, EPP, "extension")
        for item in reply.extensions:
            ext.append(item)
    tr_id = sub(node, EPP, "trID")
    if cltrid:
        sub(tr_id, EPP, "clTRID", cltrid)
    sub(tr_id, EPP, "svTRID", svtrid)
    return serialize(root)
