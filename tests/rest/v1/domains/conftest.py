"""A registered domain to act on."""

from __future__ import annotations

import pytest

from tests.support.rest import create_contact, quote, register


@pytest.fixture
async def domain(client, demo) -> dict:
    await create_contact(client, demo)
    response = await register(client, demo, "life.test", quote_id=await quote(client, demo, "life.test"))
    assert response.status_code == 201, response.text
    return response.json()["data"]
