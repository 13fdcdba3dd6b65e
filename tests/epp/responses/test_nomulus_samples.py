"""Response parsing against the real Nomulus samples: every sample parses, and the extractors
read known documents.

The corpus is third-party material outside this project (`tests.support.epp.NOMULUS_SAMPLES`);
without it every test here skips, saying so.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from registrar.epp.responses import contact, domain, host, poll, transfer
from registrar.epp.responses.envelope import message_kind, parse_epp, parse_response
from registrar.epp.responses.greeting import parse_greeting
from registrar.epp.wire.xml import CONTACT, DOMAIN, HOST, EppXmlError, child
from tests.support.epp import NOMULUS_SAMPLES, requires_nomulus_samples

pytestmark = requires_nomulus_samples

DELIBERATELY_BROKEN = {"syntax_error.xml", "generic_syntax_exception.xml"}

PLACEHOLDERS = {
    "ROID": "EXAMPLE1-REP",
    "FEE_VERSION": "epp:fee-1.0",
    "FEE_NS": "fee",
    "PERIOD": "1",
    "UNIT": "y",
    "COMMAND": "create",
    "ALG": "8",
    "DIGEST_TYPE": "2",
    "DIGEST": "A" * 64,
    "HOSTADDRS": "",
    "AMOUNT": "13.00",
    "DESCRIPTION": "fee",
    "AUTORENEWS": "true",
    "CLID": "TheRegistrar",
    "PW": "foo-BAR2",
    "NEWPW": "bar-FOO2",
    "CODE": "2303",
    "MSG": "The domain does not exist",
    "COUNT": "1",
    "ID": "1-2",
    "YEARS": "1",
    "KEY_TAG": "12345",
    "PHASE": "claims",
    "PRICE": "13.00",
    "RENEWPRICE": "11.00",
    "FEE": "13.00",
    "CURRENCY": "USD",
}
_PLACEHOLDER = re.compile(r"%([A-Z0-9_]+)%")


def substitute(text: str) -> str:
    def value(match: re.Match[str]) -> str:
        key = match.group(1)
        if key in PLACEHOLDERS:
            return PLACEHOLDERS[key]
        if "DATE" in key or "TIME" in key or key.endswith("_AT"):
            return "2025-01-02T03:04:05.0Z"
        if "FEE" in key or "PRICE" in key or "COST" in key:
            return "13.00"
        if "NAME" in key or "DOMAIN" in key or "HOST" in key:
            return "example.tld"
        return "x1"

    return _PLACEHOLDER.sub(value, text)


def sample_files() -> list[Path]:
    return sorted(NOMULUS_SAMPLES.rglob("*.xml"))


def test_samples_are_present() -> None:
    assert len(sample_files()) > 150


@pytest.mark.parametrize("path", sample_files(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_parser_reads_every_nomulus_response_sample(path: Path) -> None:
    data = substitute(path.read_text(encoding="utf-8")).encode()
    try:
        root = parse_epp(data)
    except EppXmlError:
        assert path.name in DELIBERATELY_BROKEN or "xxe" in path.name or "laughs" in path.name
        return
    kind = message_kind(root)
    if kind == "greeting":
        assert parse_greeting(data).server_id
        return
    if kind != "response":
        return  # a request sample
    response = parse_response(data)
    assert 1000 <= response.code <= 2502
    assert isinstance(response.message, str)
    extract_everything(response)


def extract_everything(response) -> None:  # noqa: ANN001
    res = response.res_data
    if response.queue is not None:
        poll.poll_message(response)
    if res is None:
        return
    extractors = {
        (DOMAIN, "chkData"): domain.domain_check_results,
        (DOMAIN, "infData"): domain.domain_info,
        (DOMAIN, "creData"): domain.domain_created,
        (HOST, "chkData"): host.host_check_results,
        (HOST, "infData"): host.host_info,
        (CONTACT, "creData"): contact.contact_created,
        (CONTACT, "chkData"): contact.contact_check_results,
        (CONTACT, "infData"): contact.contact_info,
        (DOMAIN, "renData"): domain.domain_renewed,
        (DOMAIN, "trnData"): transfer.transfer_status,
    }
    for (namespace, name), extract in extractors.items():
        if child(res, namespace, name) is not None:
            assert extract(response) is not None


def read_sample(relative: str) -> bytes:
    return substitute((NOMULUS_SAMPLES / relative).read_text(encoding="utf-8")).encode()


def test_greeting_sample_lists_services() -> None:
    greeting = parse_greeting(read_sample("session/greeting.xml"))
    assert greeting.server_id == "Nomulus Registry"
    assert DOMAIN in greeting.object_uris
    assert "urn:ietf:params:xml:ns:epp:fee-1.0" in greeting.extension_uris


def test_premium_fee_check_sample_yields_premium_quotes() -> None:
    response = parse_response(read_sample("domain/domain_check_fee_premium_response_stdv1.xml"))
    [result] = domain.domain_check_results(response)
    assert result.name == "rich.example" and result.available
    create = next(fee for fee in result.fees if fee.command == "create")
    assert (create.amount, create.currency, create.premium) == ("100.00", "USD", True)
    restore = next(fee for fee in result.fees if fee.command == "restore")
    assert restore.fee_class == "standard" and not restore.premium


def test_domain_info_sample_yields_every_field() -> None:
    info = domain.domain_info(parse_response(read_sample("domain/domain_info_response.xml")))
    assert info.name == "example.tld"
    assert info.nameservers == ("ns1.example.tld", "ns1.example.net")
    assert info.hosts == ("ns1.example.tld", "ns2.example.tld")
    assert info.sponsor == "NewRegistrar"
    assert info.auth_info == "2fooBAR"
    assert info.expires_at is not None and info.expires_at.tzinfo is not None
    assert "2fooBAR" not in repr(info)


def test_domain_info_dsdata_sample_yields_ds_records() -> None:
    info = domain.domain_info(parse_response(read_sample("domain/domain_info_response_dsdata.xml")))
    assert info.ds_data and info.ds_data[0].key_tag > 0


def test_error_sample_carries_code_and_message() -> None:
    response = parse_response(read_sample("flows/response_error.xml"))
    assert response.code == 2303
    assert not response.succeeded


def test_host_info_sample_yields_addresses() -> None:
    info = host.host_info(parse_response(read_sample("host/host_info_response.xml")))
    assert "192.0.2.2" in info.addresses
    assert info.statuses == ("clientUpdateProhibited",)


def test_poll_sample_yields_a_transfer_message() -> None:
    response = parse_response(read_sample("poll/poll_response_domain_transfer.xml"))
    message = poll.poll_message(response)
    assert message is not None and message.kind == "transfer"
    assert message.transfer is not None and message.transfer.status


def test_pending_action_sample_yields_its_outcome() -> None:
    response = parse_response(read_sample("poll/poll_response_domain_pending_notification.xml"))
    message = poll.poll_message(response)
    assert message is not None and message.kind == "pending_action"


def test_contact_info_sample_yields_postal_info_and_disclose() -> None:
    info = contact.contact_info(parse_response(read_sample("contact/contact_info_response.xml")))
    assert (info.handle, info.voice, info.auth_info) == ("sh8013", "+1.7035555555", "2fooBAR")
    assert info.postal_info[0].type == "int"
    assert info.disclose is not None and (info.disclose.flag, info.disclose.voice) == (True, True)
    assert "2fooBAR" not in repr(info)
