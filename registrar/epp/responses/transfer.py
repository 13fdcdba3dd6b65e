"""Extractors for RFC 5731 domain transfer data (`<domain:trnData>`), in a transfer response
or a poll message."""

from __future__ import annotations

from registrar.epp.objects import TransferStatus
from registrar.epp.responses.envelope import EppResponse, required_text, res_data_child
from registrar.epp.wire.xml import DOMAIN, Element, child_text, parse_datetime


def transfer_status(response: EppResponse) -> TransferStatus:
    return transfer_from_element(res_data_child(response, DOMAIN, "trnData"))


def transfer_from_element(data: Element) -> TransferStatus:
    return TransferStatus(
        name=required_text(data, DOMAIN, "name"),
        status=required_text(data, DOMAIN, "trStatus"),
        requested_by=child_text(data, DOMAIN, "reID") or "",
        requested_at=parse_datetime(child_text(data, DOMAIN, "reDate")),
        act_by=child_text(data, DOMAIN, "acID") or "",
        act_by_date=parse_datetime(child_text(data, DOMAIN, "acDate")),
        expires_at=parse_datetime(child_text(data, DOMAIN, "exDate")),
    )
