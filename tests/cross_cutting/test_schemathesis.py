"""Schemathesis against /openapi.json on the in-process app, as the demo tenant's owner.

Cases are generated per operation by Schemathesis' Hypothesis strategies (positive and
negative data, a bounded number of each) and sent through the test's own ASGI client, so the
app runs in the test's event loop with its database; each response must not be a 5xx and must
match the document (status, content type, body schema).
"""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from registrar.idempotency.middleware import is_valid_key

EXAMPLES = {GenerationMode.POSITIVE: 4, GenerationMode.NEGATIVE: 2}
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
# Operations whose owners have a defect to fix, each named; remove the entry with the fix.
KNOWN_DEFECTS: dict[tuple[str, str], str] = {}


def generate_cases(operation: Any, mode: GenerationMode, fixed: dict[str, Any]) -> list[Any]:
    cases: list[Any] = []

    @settings(
        max_examples=EXAMPLES[mode],
        database=None,
        derandomize=True,
        deadline=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(operation.as_strategy(generation_mode=mode, **fixed))
    def collect(case: Any) -> None:
        cases.append(case)

    try:
        collect()
    except Unsatisfiable:  # negative mode on an operation with nothing to get wrong
        return []
    return cases


def fixed_parts(operation: Any, demo) -> dict[str, Any]:
    fixed: dict[str, Any] = {}
    if "{tenant_id}" in operation.path:
        fixed["path_parameters"] = {"tenant_id": demo.tenant_id}
    if operation.definition.raw.get("security") == [{"bearerAuth": []}]:
        fixed["headers"] = {"Authorization": f"Bearer {demo.token}"}
    return fixed


async def send(client: httpx.AsyncClient, case: Any) -> httpx.Response:
    """Send a case in this event loop. A well-formed generated Idempotency-Key is made unique
    per request: Hypothesis reuses small keys, and a replay or a 409 for a reused key with
    another body would hide the handler behind the middleware."""
    kwargs = case.as_transport_kwargs(base_url=str(client.base_url))
    headers = kwargs.setdefault("headers", {})
    key = headers.get("Idempotency-Key")
    if key is not None and is_valid_key(key):
        headers["Idempotency-Key"] = f"schemathesis-{uuid.uuid4()}"
    content = kwargs.pop("data", None)
    if content is not None and not isinstance(content, (bytes, str)):
        kwargs["data"] = content
    elif content is not None:
        kwargs["content"] = content
    kwargs.pop("cookies", None)
    return await client.request(**kwargs)


async def test_the_api_conforms_to_its_openapi_document(client, demo):
    # given
    document = (await client.get("/openapi.json")).json()
    schema = schemathesis.openapi.from_dict(document)
    failures: list[str] = []
    # when
    for result in schema.get_all_operations():
        operation = result.ok()
        if (operation.method.upper(), operation.path) in KNOWN_DEFECTS:
            continue
        for mode in EXAMPLES:
            for case in generate_cases(operation, mode, fixed_parts(operation, demo)):
                response = await send(client, case)
                try:
                    case.validate_response(response, checks=CHECKS)
                except FailureGroup as group:
                    titles = sorted({failure.title for failure in group.exceptions})
                    failures.append(
                        f"{case.method} {case.formatted_path} [{mode.value}] {titles} "
                        f"body={case.body!r} query={case.query!r} -> {response.status_code} "
                        f"{response.text[:300]}"
                    )
    # then
    assert not failures, "\n".join(failures)
