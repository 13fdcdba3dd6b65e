"""The agreements aggregate's error codes: agreement versions and acceptances."""

from __future__ import annotations

from registrar.errors import ErrorCode


class AgreementError(ErrorCode):
    """Rules of agreement versions and their acceptance."""

    AGREEMENT_NOT_PUBLISHED = "agreement_not_published", 422
