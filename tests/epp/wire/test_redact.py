"""Secrets never reach a log line: passwords and every authInfo are masked."""

from __future__ import annotations

from registrar.epp.frames.contact import build_contact_update
from registrar.epp.frames.domain import build_domain_create, build_domain_update
from registrar.epp.frames.session import build_login
from registrar.epp.objects import ContactUpdateRequest, DomainUpdateRequest
from registrar.epp.wire.redact import scrub
from tests.support.epp import FULL_CREATE


def test_scrub_masks_passwords_and_auth_info() -> None:
    login = build_login("registrar-a", "password-a1", new_password="password-a2", object_uris=[])
    create = build_domain_create(FULL_CREATE)
    update = build_domain_update(DomainUpdateRequest("alpha.test", auth_info="upd-Secret-1"))
    contact = build_contact_update(ContactUpdateRequest("C-1", auth_info="cupd-Secret-1"))
    text = scrub(login) + scrub(create) + scrub(update) + scrub(contact)
    for secret in ("password-a1", "password-a2", "x9-Auth-secret", "upd-Secret-1", "cupd-Secret-1"):
        assert secret not in text
    assert "registrar-a" in text
