"""The one parser of a check's `<chkData>` (RFC 5731-5733 §3.1.1).

Domain, host and contact checks answer alike: one `<cd>` per object, its name (or contact id)
with an `avail` flag and an optional `<reason>`. The object extractors turn each `Checked`
into their typed availability.
"""

from __future__ import annotations

from dataclasses import dataclass

from registrar.epp.responses.envelope import EppResponse, parse_bool, res_data_child
from registrar.epp.wire.xml import NS, EppXmlError, child, child_text, children, text_of

_PREFIX_BY_NS = {uri: prefix for prefix, uri in NS.items()}


@dataclass(frozen=True)
class Checked:
    """One `<cd>`: the object's name or id as the registry wrote it, and whether it is free."""

    key: str
    available: bool
    reason: str | None


def check_results(response: EppResponse, namespace: str, key: str) -> list[Checked]:
    """Every `<cd>` of the `<chkData>` in `namespace`, in document order.

    `key` is the element naming the object: `name` for domains and hosts, `id` for contacts.
    """
    chk = res_data_child(response, namespace, "chkData")
    prefix = _PREFIX_BY_NS[namespace]
    results = []
    for cd in children(chk, namespace, "cd"):
        key_node = child(cd, namespace, key)
        value = text_of(key_node)
        if key_node is None or not value:
            raise EppXmlError(f"<{prefix}:cd> lacks <{prefix}:{key}>")
        results.append(
            Checked(
                key=value,
                available=parse_bool(key_node.get("avail")),
                reason=child_text(cd, namespace, "reason") or None,
            )
        )
    return results
