"""What real registries put in info answers and results, read into the typed objects: every
`<result>` with its values and reasons, a postalInfo without its address, glue addresses of
`hostAttr` name servers and hosts, secDNS keyData, and create/renew answers without resData."""

from __future__ import annotations

import pytest

from registrar.epp import results
from registrar.epp.objects import HostAddress, HostAttribute, KeyData, PostalInfo
from registrar.epp.responses.contact import contact_info
from registrar.epp.responses.domain import domain_created, domain_info, domain_renewed
from registrar.epp.responses.envelope import EppResult, parse_response
from registrar.epp.responses.host import host_info
from registrar.epp.wire.xml import EppXmlError

TRID = "<trID><clTRID>ABC-12345</clTRID><svTRID>54322-XYZ</svTRID></trID>"
PUB_KEY = "AwEAAdDECajHaTjfSoNTY58WcBah1BxPKVIHBz4IfLjfqMvium4lgKtKZLe97DgJ5/NQrNEGGQmr6fKvUj67cfrZUojZ2cGRizVhgkOqZ9scaTVXNuXLM5Tw7VWOVIceeXAuuH2mPIiEV6MhJYUsW6dvmNsJ4XwCgNgroAmXhoMEiWEjBB+wjYZQ5GtZHBFKVXACSWTiCtddHcueOeSVPi5WH94VlubhHfiytNPZLrObhUCHT6k0tNE6phLoHnXWU+6vpsYpz6GhMw/R9BFxW5PdPFIWBgoWk2/XFVRSKG9Lr61b2z1R126xeUwvw46RVy3hanV3vNO7LM5HniqaYclBbhk="


def response(body: str, code: int = 1000) -> bytes:
    return (
        '<epp xmlns="urn:ietf:params:xml:ns:epp-1.0"><response>'
        f'<result code="{code}"><msg>Command completed successfully</msg></result>'
        f"{body}{TRID}</response></epp>"
    ).encode()


MULTIPLE_RESULTS = b"""<epp xmlns="urn:ietf:params:xml:ns:epp-1.0"><response>
  <result code="2004">
    <msg>Parameter value range error</msg>
    <value xmlns:obj="urn:ietf:params:xml:ns:obj"><obj:elem1>2525</obj:elem1></value>
  </result>
  <result code="2005">
    <msg>Parameter value syntax error</msg>
    <value xmlns:obj="urn:ietf:params:xml:ns:obj"><obj:elem2>ex(ample</obj:elem2></value>
    <extValue>
      <value xmlns:obj="urn:ietf:params:xml:ns:obj"><obj:elem3>abc.ex(ample</obj:elem3></value>
      <reason>Invalid character found.</reason>
    </extValue>
  </result>
  <trID><clTRID>ABC-12345</clTRID><svTRID>54322-XYZ</svTRID></trID>
</response></epp>"""
"""RFC 5730 §2.6's example of a response with two results."""


def test_every_result_is_kept_with_its_values_and_reasons() -> None:
    # when
    parsed = parse_response(MULTIPLE_RESULTS)
    # then
    assert [(r.code, r.message, r.reason) for r in parsed.results] == [
        (2004, "Parameter value range error", None),
        (2005, "Parameter value syntax error", "Invalid character found."),
    ]
    first, second = parsed.results
    assert [value.xml for value in first.values] == [
        '<obj:elem1 xmlns:obj="urn:ietf:params:xml:ns:obj">2525</obj:elem1>'
    ]
    assert [(value.xml, value.reason) for value in second.values] == [
        ('<obj:elem2 xmlns:obj="urn:ietf:params:xml:ns:obj">ex(ample</obj:elem2>', None),
        ('<obj:elem3 xmlns:obj="urn:ietf:params:xml:ns:obj">abc.ex(ample</obj:elem3>', "Invalid character found."),
    ]
    assert (parsed.code, parsed.message) == (2004, "Parameter value range error")


def test_a_result_value_never_shows_a_password() -> None:
    answer = MULTIPLE_RESULTS.replace(b"<obj:elem1>2525</obj:elem1>", b"<obj:pw>s3cret-Pass</obj:pw>")
    [value] = parse_response(answer).results[0].values
    assert "s3cret" not in value.xml


def test_an_error_of_several_results_names_them_all() -> None:
    # when
    error = results.error_for_response(parse_response(MULTIPLE_RESULTS))
    # then
    assert error is not None and error.code == "registry_bad_response"
    assert error.detail["results"] == [
        {"epp_code": 2004, "msg": "Parameter value range error"},
        {"epp_code": 2005, "msg": "Parameter value syntax error", "reason": "Invalid character found."},
    ]
    assert "elem" not in str(error.detail)


def test_a_single_result_error_keeps_its_short_detail() -> None:
    parsed = parse_response(response("", 2303))
    assert parsed.results == (EppResult(2303, "Command completed successfully"),)
    assert "results" not in results.error_for_response(parsed).detail


CONTACT_WITHOUT_ADDRESS = """<resData><contact:infData xmlns:contact="urn:ietf:params:xml:ns:contact-1.0">
  <contact:id>DKHM1-DK</contact:id>
  <contact:roid>DKHM1-DK</contact:roid>
  <contact:status s="ok"/>
  <contact:postalInfo type="loc"><contact:name>Hidden Holder</contact:name><contact:org>Holder ApS</contact:org></contact:postalInfo>
  <contact:email>anonymous@example.dk</contact:email>
  <contact:clID>DKHM</contact:clID>
  <contact:crID>DKHM</contact:crID>
  <contact:crDate>2020-01-02T03:04:05.0Z</contact:crDate>
</contact:infData></resData>"""


def test_contact_info_reads_a_postal_info_without_address() -> None:
    # when
    info = contact_info(parse_response(response(CONTACT_WITHOUT_ADDRESS)))
    # then
    [postal] = info.postal_info
    assert postal == PostalInfo(type="loc", name="Hidden Holder", org="Holder ApS", city=None, cc=None)
    assert not postal.has_address
    assert info.email == "anonymous@example.dk"


DOMAIN_WITH_HOST_ATTRIBUTES = f"""<resData><domain:infData xmlns:domain="urn:ietf:params:xml:ns:domain-1.0">
  <domain:name>example.com</domain:name>
  <domain:roid>EXAMPLE1-REP</domain:roid>
  <domain:status s="ok"/>
  <domain:registrant>jd1234</domain:registrant>
  <domain:ns>
    <domain:hostAttr>
      <domain:hostName>ns1.example.com</domain:hostName>
      <domain:hostAddr ip="v4">192.0.2.2</domain:hostAddr>
      <domain:hostAddr ip="v6">1080:0:0:0:8:800:200C:417A</domain:hostAddr>
    </domain:hostAttr>
    <domain:hostAttr>
      <domain:hostName>ns2.example.net</domain:hostName>
    </domain:hostAttr>
  </domain:ns>
  <domain:clID>ClientX</domain:clID>
  <domain:crDate>1999-04-03T22:00:00.0Z</domain:crDate>
  <domain:exDate>2005-04-03T22:00:00.0Z</domain:exDate>
</domain:infData></resData>
<extension><secDNS:infData xmlns:secDNS="urn:ietf:params:xml:ns:secDNS-1.1">
  <secDNS:keyData>
    <secDNS:flags>257</secDNS:flags>
    <secDNS:protocol>3</secDNS:protocol>
    <secDNS:alg>8</secDNS:alg>
    <secDNS:pubKey>{PUB_KEY[:60]}
      {PUB_KEY[60:]}</secDNS:pubKey>
  </secDNS:keyData>
</secDNS:infData></extension>"""


def test_domain_info_reads_host_attribute_glue_and_key_data() -> None:
    # when
    info = domain_info(parse_response(response(DOMAIN_WITH_HOST_ATTRIBUTES)))
    # then
    assert info.nameservers == ("ns1.example.com", "ns2.example.net")
    assert info.host_attributes == (
        HostAttribute(
            "ns1.example.com",
            (HostAddress("192.0.2.2", 4), HostAddress("1080:0:0:0:8:800:200C:417A", 6)),
        ),
        HostAttribute("ns2.example.net"),
    )
    assert info.key_data == (KeyData(flags=257, protocol=3, alg=8, pub_key=PUB_KEY),)
    assert info.ds_data == ()


HOST_INFO = """<resData><host:infData xmlns:host="urn:ietf:params:xml:ns:host-1.0">
  <host:name>ns1.example.com</host:name>
  <host:roid>NS1_EXAMPLE1-REP</host:roid>
  <host:status s="linked"/>
  <host:addr>192.0.2.2</host:addr>
  <host:addr ip="v4">192.0.2.29</host:addr>
  <host:addr ip="v6">1080:0:0:0:8:800:200C:417A</host:addr>
  <host:clID>ClientY</host:clID>
  <host:crID>ClientX</host:crID>
  <host:crDate>1999-04-03T22:00:00.0Z</host:crDate>
</host:infData></resData>"""


def test_host_info_reads_each_address_with_its_ip_version() -> None:
    # when
    info = host_info(parse_response(response(HOST_INFO)))
    # then
    assert info.ip_addresses == (
        HostAddress("192.0.2.2", 4),
        HostAddress("192.0.2.29", 4),
        HostAddress("1080:0:0:0:8:800:200C:417A", 6),
    )
    assert info.addresses == ("192.0.2.2", "192.0.2.29", "1080:0:0:0:8:800:200C:417A")


def test_host_info_fails_on_an_unknown_ip_version() -> None:
    with pytest.raises(EppXmlError):
        host_info(parse_response(response(HOST_INFO.replace('ip="v6"', 'ip="v5"'))))


def test_create_answered_pending_without_res_data_reads_as_no_data() -> None:
    assert domain_created(parse_response(response("", 1001))) is None


def test_renew_answered_without_res_data_reads_as_no_data() -> None:
    assert domain_renewed(parse_response(response(""))) is None


def test_create_answered_pending_with_cre_data_is_pending() -> None:
    cre_data = """<resData><domain:creData xmlns:domain="urn:ietf:params:xml:ns:domain-1.0">
      <domain:name>example.dk</domain:name><domain:crDate>2025-01-02T03:04:05.0Z</domain:crDate>
    </domain:creData></resData>"""
    created = domain_created(parse_response(response(cre_data, 1001)))
    assert created is not None and created.pending and created.expires_at is None
