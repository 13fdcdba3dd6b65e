"""Secrets out of log lines and stored records, redacted where they are written.

- `redact_url` rewrites a request target (path and query): the value of every query parameter
  that carries a secret (`SECRET_PARAMETERS`: reset and verification `token`s, the `code` an
  `/oauth/authorize` redirect hands back, client secrets, …), the invitation token in
  `/api/v1/invitations/<token>/accept`, and any path segment shaped like a minted token
  (`crypto.random_token`: 32+ URL-safe characters that are not a UUID) become `[redacted]`.
  Other query values (a `client_id`, a PKCE `code_challenge`) are kept: they are not secret.
- `redact_tokens` does the same to free text, such as a notification body once it is sent:
  every run of 32+ URL-safe characters that is not a UUID.
- `RedactSecretsFilter` applies `redact_url` to every string argument of a log record and to
  its message: uvicorn's access log passes the request line as arguments
  (`'%s - "%s %s HTTP/%s" %d'`), so the filter on `uvicorn.access` rewrites it before any
  handler formats it. `runtime.install_log_redaction` installs it at start-up.
"""

from __future__ import annotations

import logging
import re

REDACTED = "[redacted]"
SECRET_PARAMETERS = frozenset(
    {
        "token",
        "code",
        "access_token",
        "refresh_token",
        "id_token",
        "client_secret",
        "code_verifier",
        "password",
        "auth_code",
        "secret",
        "key",
        "api_key",
    }
)

_TOKEN_RUN = re.compile(r"(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{32,}(?![A-Za-z0-9_-])")
_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
_QUERY_VALUE = re.compile(r"(?P<lead>[?&;](?P<name>[^=&;#\s\"]+)=)(?P<value>[^&;#\s\"]*)")
_INVITATION = re.compile(r"(/invitations/)(?P<token>[^/?#\s\"]+)(?=/accept)")
_TOKEN_SEGMENT = re.compile(r"(?<=/)[A-Za-z0-9_-]{32,}(?=[/?#\s\"]|$)")


def redact_tokens(text: str) -> str:
    """Every run of 32+ URL-safe characters that is not a UUID becomes `[redacted]`."""
    return _TOKEN_RUN.sub(_unless_uuid, text)


def redact_url(text: str) -> str:
    """A request target (or any text holding one) with its secrets redacted."""
    text = _QUERY_VALUE.sub(_redact_parameter, text)
    text = _INVITATION.sub(lambda match: match[1] + REDACTED, text)
    return _TOKEN_SEGMENT.sub(_unless_uuid, text)


def _unless_uuid(match: re.Match[str]) -> str:
    return match[0] if _UUID.fullmatch(match[0]) else REDACTED


def _redact_parameter(match: re.Match[str]) -> str:
    if match["name"].lower() in SECRET_PARAMETERS and match["value"]:
        return match["lead"] + REDACTED
    return match[0]


class RedactSecretsFilter(logging.Filter):
    """Rewrites a record's string arguments and message with `redact_url`; never drops one."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = redact_url(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(redact_url(arg) if isinstance(arg, str) else arg for arg in record.args)
        elif isinstance(record.args, dict):
            record.args = {
                key: redact_url(value) if isinstance(value, str) else value for key, value in record.args.items()
            }
        return True
