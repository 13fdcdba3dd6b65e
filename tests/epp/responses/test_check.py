"""One parser reads the `<chkData>` of domain, host and contact checks alike."""

from __future__ import annotations

import pytest

from registrar.epp.objects import ContactAvailability, DomainAvailability, HostAvailability
from registrar.epp.responses.contact import contact_check_results
from registrar.epp.responses.domain import domain_check_results
from registrar.epp.responses.envelope import parse_response
from registrar.epp.responses.host import host_check_results
from registrar.epp.wire.xml import EppXmlError

ANSWER = """<?xml version="1.0" encoding="UTF-8"?>
<epp xmlns="urn:ietf:params:xml:ns:epp-1.0">
  <response>
    <result code="1000"><msg>Command completed successfully</msg></result>
    <resData>
      <{prefix}:chkData xmlns:{prefix}="urn:ietf:params:xml:ns:{prefix}-1.0">
        <{prefix}:cd><{prefix}:{key} avail="1">{free}</{prefix}:{key}></{prefix}:cd>
        <{prefix}:cd><{prefix}:{key} avail="0">{taken}</{prefix}:{key}><{prefix}:reason>In use</{prefix}:reason></{prefix}:cd>
      </{prefix}:chkData>
    </resData>
    <trID><clTRID>ABC-12345</clTRID><svTRID>54322-XYZ</svTRID></trID>
  </response>
</epp>"""


def answer(prefix: str, key: str, free: str, taken: str) -> bytes:
    return ANSWER.format(prefix=prefix, key=key, free=free, taken=taken).encode()


def test_domain_check_reads_every_cd_in_document_order() -> None:
    # when
    results = domain_check_results(parse_response(answer("domain", "name", "free.example", "taken.example")))
    # then
    assert results == [
        DomainAvailability("free.example", True),
        DomainAvailability("taken.example", False, "In use"),
    ]


def test_host_check_reads_every_cd_in_document_order() -> None:
    # when
    results = host_check_results(parse_response(answer("host", "name", "ns1.example.net", "ns2.example.net")))
    # then
    assert results == [
        HostAvailability("ns1.example.net", True),
        HostAvailability("ns2.example.net", False, "In use"),
    ]


def test_contact_check_reads_every_cd_in_document_order() -> None:
    # when
    results = contact_check_results(parse_response(answer("contact", "id", "sh8013", "sah8013")))
    # then
    assert results == [
        ContactAvailability("sh8013", True),
        ContactAvailability("sah8013", False, "In use"),
    ]


@pytest.mark.parametrize(
    ("extract", "prefix", "key"),
    [
        (domain_check_results, "domain", "name"),
        (host_check_results, "host", "name"),
        (contact_check_results, "contact", "id"),
    ],
)
def test_check_fails_typed_when_a_cd_names_no_object(extract, prefix: str, key: str) -> None:
    # given
    response = parse_response(answer(prefix, key, "", "taken"))
    # when
    with pytest.raises(EppXmlError) as caught:
        extract(response)
    # then
    assert str(caught.value) == f"<{prefix}:cd> lacks <{prefix}:{key}>"
