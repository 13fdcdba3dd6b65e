"""What the sandbox refuses before running a command: object services it does not implement
(2307) or the session did not announce at login (2002), extensions likewise (2103 / 2002), and
frames that are not valid against the EPP XSDs (2001)."""

from __future__ import annotations

from registrar.epp.frames.domain import build_domain_check, build_domain_info
from registrar.epp.frames.host import build_host_info
from registrar.epp.wire.xml import DOMAIN, HOST

ORG_INFO = b"""<?xml version="1.0" encoding="UTF-8"?>
<epp xmlns="urn:ietf:params:xml:ns:epp-1.0"><command><info>
  <org:info xmlns:org="urn:ietf:params:xml:ns:epp:org-1.0"><org:id>res1523</org:id></org:info>
</info><clTRID>ORG-INFO-1</clTRID></command></epp>"""
"""An RFC 8543 organization info: an object service the sandbox does not implement."""

UNKNOWN_EXTENSION = b"""<?xml version="1.0" encoding="UTF-8"?>
<epp xmlns="urn:ietf:params:xml:ns:epp-1.0"><command><info>
  <domain:info xmlns:domain="urn:ietf:params:xml:ns:domain-1.0"><domain:name>taken.test</domain:name></domain:info>
</info><extension><launch:info xmlns:launch="urn:ietf:params:xml:ns:launch-1.0" includeMark="false">
  <launch:phase>sunrise</launch:phase></launch:info></extension><clTRID>EXT-INFO-1</clTRID></command></epp>"""
"""A launch-1.0 info: an extension the sandbox does not implement."""


async def test_command_for_an_unimplemented_object_service_fails_with_2307(open_raw) -> None:
    # given
    raw = await open_raw("registrar-a")
    await raw.login("registrar-a")
    # when
    answer = await raw.send(ORG_INFO)
    # then
    assert answer.code == 2307
    assert "org-1.0" in answer.reason


async def test_command_with_an_unimplemented_extension_fails_with_2103(open_raw) -> None:
    raw = await open_raw("registrar-a")
    await raw.login("registrar-a")
    assert (await raw.send(UNKNOWN_EXTENSION)).code == 2103


async def test_command_for_an_object_service_not_announced_at_login_fails_with_2002(open_raw) -> None:
    # given
    raw = await open_raw("registrar-a")
    assert (await raw.login("registrar-a", object_uris=[DOMAIN])).code == 1000
    # when
    answer = await raw.send(build_host_info("ns1.dns-provider.example", cltrid="HOST-INFO-1"))
    # then
    assert answer.code == 2002
    assert HOST in answer.reason
    assert (await raw.send(build_domain_info("taken.test", cltrid="DOMAIN-INFO-1"))).code == 1000


async def test_command_with_an_extension_not_announced_at_login_fails_with_2002(open_raw) -> None:
    # given
    raw = await open_raw("registrar-a")
    await raw.login("registrar-a", extension_uris=[])
    # when
    answer = await raw.send(build_domain_check(["free.test"], fee_commands=["create"], cltrid="FEE-CHECK-1"))
    # then
    assert answer.code == 2002
    assert (await raw.send(build_domain_check(["free.test"], cltrid="PLAIN-CHECK-1"))).code == 1000


async def test_command_that_breaks_the_schema_fails_with_2001(open_raw, sandbox) -> None:
    # given
    raw = await open_raw("registrar-a")
    await raw.login("registrar-a")
    frame = build_domain_info("taken.test", cltrid="BAD-INFO-1").replace(b'hosts="all"', b'hosts="some"')
    # when
    answer = await raw.send(frame)
    # then
    assert answer.code == 2001
    assert "hosts" in answer.reason
    assert answer.cltrid == "BAD-INFO-1"


async def test_login_that_breaks_the_schema_fails_with_2001(open_raw) -> None:
    raw = await open_raw("registrar-a")
    login = b"""<epp xmlns="urn:ietf:params:xml:ns:epp-1.0"><command><login>
      <clID>registrar-a</clID><pw>password-a1</pw><options><version>1.0</version><lang>en</lang></options>
      <svcs><objURI>urn:ietf:params:xml:ns:domain-1.0</objURI></svcs><unexpected/></login></command></epp>"""
    assert (await raw.send(login)).code == 2001
    assert (await raw.login("registrar-a")).code == 1000


async def test_a_command_missing_a_required_element_fails_with_2001(open_raw) -> None:
    raw = await open_raw("registrar-a")
    await raw.login("registrar-a")
    empty_check = b"""<epp xmlns="urn:ietf:params:xml:ns:epp-1.0"><command><check>
      <domain:check xmlns:domain="urn:ietf:params:xml:ns:domain-1.0"/></check><clTRID>EMPTY-1</clTRID></command></epp>"""
    assert (await raw.send(empty_check)).code == 2001
