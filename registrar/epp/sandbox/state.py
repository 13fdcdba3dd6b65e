"""The sandbox store as JSON: explicit to/from-dict functions and an atomic state file.

Datetimes are ISO 8601 strings, amounts decimal strings, a poll message's resData its XML
text. `save` writes a temporary file next to the target and `os.replace`s it, so a crash
never leaves half a state; `load` reads what `save` wrote. Pickle is never used: the file is
data a developer may read, and loading it runs no code.
"""

from __future__ import annotations

import json
import os
import tempfile
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from registrar.epp.objects import Disclose, DsData, PostalInfo
from registrar.epp.sandbox.store import Contact, Domain, Host, PollMessage, Store, Transfer
from registrar.epp.wire.xml import EppXmlError, parse_document, serialize

VERSION = 1
Json = dict[str, Any]


class StateError(Exception):
    """The state file cannot be read back into a store."""


def save(store: Store, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(store_to_dict(store), handle, indent=1, sort_keys=True)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def load(store: Store, path: Path) -> None:
    """Replace the contents of `store` with the state in `path`."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("version") != VERSION:
            raise StateError(f"unknown state version {data.get('version')!r}")
        store_from_dict(store, data)
    except (OSError, ValueError, KeyError, TypeError, EppXmlError) as exc:
        raise StateError(f"{path}: {exc}") from exc


def store_to_dict(store: Store) -> Json:
    return {
        "version": VERSION,
        "next_roid": store.next_roid,
        "next_message_id": store.next_message_id,
        "balances": {clid: str(amount) for clid, amount in store.balances.items()},
        "domains": [domain_to_dict(domain) for domain in store.domains.values()],
        "hosts": [host_to_dict(host) for host in store.hosts.values()],
        "contacts": [contact_to_dict(contact) for contact in store.contacts.values()],
        "poll": [poll_to_dict(message) for message in store.poll],
    }


def store_from_dict(store: Store, data: Json) -> None:
    store.next_roid = int(data["next_roid"])
    store.next_message_id = int(data["next_message_id"])
    store.balances = {clid: Decimal(amount) for clid, amount in data["balances"].items()}
    store.domains = {d.name: d for d in map(domain_from_dict, data["domains"])}
    store.hosts = {h.name: h for h in map(host_from_dict, data["hosts"])}
    store.contacts = {c.handle.lower(): c for c in map(contact_from_dict, data["contacts"])}
    store.poll = [poll_from_dict(message) for message in data["poll"]]


def _time(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _parse_time(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value is not None else None


def _required_time(value: str) -> datetime:
    return datetime.fromisoformat(value)


def domain_to_dict(domain: Domain) -> Json:
    return {
        "name": domain.name,
        "roid": domain.roid,
        "sponsor": domain.sponsor,
        "creator": domain.creator,
        "created_at": _time(domain.created_at),
        "expires_at": _time(domain.expires_at),
        "registrant": domain.registrant,
        "auth_info": domain.auth_info,
        "contacts": [[role, handle] for role, handle in domain.contacts],
        "nameservers": list(domain.nameservers),
        "statuses": sorted(domain.statuses),
        "ds_data": [[ds.key_tag, ds.alg, ds.digest_type, ds.digest] for ds in domain.ds_data],
        "max_sig_life": domain.max_sig_life,
        "idn_table": domain.idn_table,
        "rgp_statuses": sorted(domain.rgp_statuses),
        "deleted_at": _time(domain.deleted_at),
        "restore_requested_at": _time(domain.restore_requested_at),
        "transfer": transfer_to_dict(domain.transfer) if domain.transfer else None,
        "updater": domain.updater,
        "updated_at": _time(domain.updated_at),
        "transferred_at": _time(domain.transferred_at),
    }


def domain_from_dict(data: Json) -> Domain:
    transfer = data["transfer"]
    return Domain(
        name=data["name"],
        roid=data["roid"],
        sponsor=data["sponsor"],
        creator=data["creator"],
        created_at=_required_time(data["created_at"]),
        expires_at=_required_time(data["expires_at"]),
        registrant=data["registrant"],
        auth_info=data["auth_info"],
        contacts=[(role, handle) for role, handle in data["contacts"]],
        nameservers=list(data["nameservers"]),
        statuses=set(data["statuses"]),
        ds_data=[DsData(*record) for record in data["ds_data"]],
        max_sig_life=data["max_sig_life"],
        idn_table=data["idn_table"],
        rgp_statuses=set(data["rgp_statuses"]),
        deleted_at=_parse_time(data["deleted_at"]),
        restore_requested_at=_parse_time(data["restore_requested_at"]),
        transfer=transfer_from_dict(transfer) if transfer is not None else None,
        updater=data["updater"],
        updated_at=_parse_time(data["updated_at"]),
        transferred_at=_parse_time(data["transferred_at"]),
    )


def transfer_to_dict(transfer: Transfer) -> Json:
    return {
        "status": transfer.status,
        "gaining": transfer.gaining,
        "losing": transfer.losing,
        "requested_at": _time(transfer.requested_at),
        "act_by": _time(transfer.act_by),
        "period_years": transfer.period_years,
        "acted_at": _time(transfer.acted_at),
    }


def transfer_from_dict(data: Json) -> Transfer:
    return Transfer(
        status=data["status"],
        gaining=data["gaining"],
        losing=data["losing"],
        requested_at=_required_time(data["requested_at"]),
        act_by=_required_time(data["act_by"]),
        period_years=int(data["period_years"]),
        acted_at=_parse_time(data["acted_at"]),
    )


def host_to_dict(host: Host) -> Json:
    return {
        "name": host.name,
        "roid": host.roid,
        "sponsor": host.sponsor,
        "creator": host.creator,
        "created_at": _time(host.created_at),
        "addresses": list(host.addresses),
        "statuses": sorted(host.statuses),
        "updater": host.updater,
        "updated_at": _time(host.updated_at),
        "transferred_at": _time(host.transferred_at),
    }


def host_from_dict(data: Json) -> Host:
    return Host(
        name=data["name"],
        roid=data["roid"],
        sponsor=data["sponsor"],
        creator=data["creator"],
        created_at=_required_time(data["created_at"]),
        addresses=list(data["addresses"]),
        statuses=set(data["statuses"]),
        updater=data["updater"],
        updated_at=_parse_time(data["updated_at"]),
        transferred_at=_parse_time(data["transferred_at"]),
    )


def contact_to_dict(contact: Contact) -> Json:
    disclose = contact.disclose
    return {
        "handle": contact.handle,
        "roid": contact.roid,
        "sponsor": contact.sponsor,
        "creator": contact.creator,
        "created_at": _time(contact.created_at),
        "email": contact.email,
        "auth_info": contact.auth_info,
        "postal_info": [postal_to_dict(postal) for postal in contact.postal_info],
        "voice": contact.voice,
        "voice_ext": contact.voice_ext,
        "fax": contact.fax,
        "fax_ext": contact.fax_ext,
        "disclose": disclose_to_dict(disclose) if disclose is not None else None,
        "statuses": sorted(contact.statuses),
        "updater": contact.updater,
        "updated_at": _time(contact.updated_at),
        "transferred_at": _time(contact.transferred_at),
    }


def contact_from_dict(data: Json) -> Contact:
    disclose = data["disclose"]
    return Contact(
        handle=data["handle"],
        roid=data["roid"],
        sponsor=data["sponsor"],
        creator=data["creator"],
        created_at=_required_time(data["created_at"]),
        email=data["email"],
        auth_info=data["auth_info"],
        postal_info=[postal_from_dict(postal) for postal in data["postal_info"]],
        voice=data["voice"],
        voice_ext=data["voice_ext"],
        fax=data["fax"],
        fax_ext=data["fax_ext"],
        disclose=disclose_from_dict(disclose) if disclose is not None else None,
        statuses=set(data["statuses"]),
        updater=data["updater"],
        updated_at=_parse_time(data["updated_at"]),
        transferred_at=_parse_time(data["transferred_at"]),
    )


def postal_to_dict(postal: PostalInfo) -> Json:
    return {
        "type": postal.type,
        "name": postal.name,
        "org": postal.org,
        "street": list(postal.street),
        "city": postal.city,
        "sp": postal.sp,
        "pc": postal.pc,
        "cc": postal.cc,
    }


def postal_from_dict(data: Json) -> PostalInfo:
    return PostalInfo(
        type=data["type"],
        name=data["name"],
        org=data["org"],
        street=tuple(data["street"]),
        city=data["city"],
        sp=data["sp"],
        pc=data["pc"],
        cc=data["cc"],
    )


def disclose_to_dict(disclose: Disclose) -> Json:
    return {
        "flag": disclose.flag,
        "name": list(disclose.name),
        "org": list(disclose.org),
        "addr": list(disclose.addr),
        "voice": disclose.voice,
        "fax": disclose.fax,
        "email": disclose.email,
    }


def disclose_from_dict(data: Json) -> Disclose:
    return Disclose(
        flag=bool(data["flag"]),
        name=tuple(data["name"]),
        org=tuple(data["org"]),
        addr=tuple(data["addr"]),
        voice=bool(data["voice"]),
        fax=bool(data["fax"]),
        email=bool(data["email"]),
    )


def poll_to_dict(message: PollMessage) -> Json:
    payload = message.payload
    return {
        "message_id": message.message_id,
        "recipient": message.recipient,
        "queued_at": _time(message.queued_at),
        "text": message.text,
        "payload": serialize(payload).decode() if payload is not None else None,
    }


def poll_from_dict(data: Json) -> PollMessage:
    payload = data["payload"]
    return PollMessage(
        message_id=data["message_id"],
        recipient=data["recipient"],
        queued_at=_required_time(data["queued_at"]),
        text=data["text"],
        payload=parse_document(payload.encode()) if payload is not None else None,
    )
