"""Builders and probes for the user-account tests: users, outbox rows, tokens in links."""

from __future__ import annotations

import base64
import re
from dataclasses import replace
from datetime import datetime

from cryptography.hazmat.primitives.hashes import SHA1
from cryptography.hazmat.primitives.twofactor.totp import TOTP
from sqlmodel import select

from registrar.context import RequestContext, Services
from registrar.crypto import hash_password
from registrar.models import Notification, User

LINK_TOKEN = re.compile(r"\?token=([A-Za-z0-9_-]+)")
PASSWORD = "correct horse battery staple"


async def make_user(services: Services, email: str, password: str | None = PASSWORD) -> User:
    now = services.clock.now()
    user = User(
        email=email,
        password_hash=hash_password(password) if password else None,
        inserted_at=now,
        updated_at=now,
    )
    async with services.db.transaction() as session:
        session.add(user)
    return user


async def load_user(services: Services, user_id: str) -> User:
    async with services.db.read() as session:
        user = await session.get(User, user_id)
    assert user is not None
    return user


async def outbox(services: Services, kind: str | None = None) -> list[Notification]:
    statement = select(Notification).order_by(Notification.inserted_at, Notification.id)
    if kind is not None:
        statement = statement.where(Notification.kind == kind)
    async with services.db.read() as session:
        return list((await session.exec(statement)).all())


def link_token(notification: Notification) -> str:
    found = LINK_TOKEN.search(notification.body)
    assert found, "the notification carries no link with a token"
    return found.group(1)


def context(services: Services) -> RequestContext:
    return RequestContext(services=services)


def with_settings(services: Services, **changes: object) -> Services:
    return replace(services, settings=replace(services.settings, **changes))


def code_at(secret: str, moment: datetime) -> str:
    """The TOTP code an authenticator app shows for `secret` at `moment`."""
    return TOTP(base64.b32decode(secret), 6, SHA1(), 30).generate(int(moment.timestamp())).decode()
