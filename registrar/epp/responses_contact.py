"""Extractors for RFC 5733 contact responses."""

from __future__ import annotations

from registrar.epp.objects import ContactCreated
from registrar.epp.responses import EppResponse, required_text, res_data_child
from registrar.epp.xml import CONTACT, EppXmlError, child_text, parse_datetime


def contact_created(response: EppResponse) -> ContactCreated:
    data = res_data_child(response, CONTACT, "creData")
    created_at = parse_datetime(child_text(data, CONTACT, "crDate"))
    if created_at is None:
        raise EppXmlError("<contact:creData> lacks <contact:crDate>")
    return ContactCreated(handle=required_text(data, CONTACT, "id"), created_at=created_at)
