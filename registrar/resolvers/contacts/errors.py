"""The contacts aggregate's error codes."""

from __future__ import annotations

from registrar.errors import ErrorCode


class ContactError(ErrorCode):
    """Rules of contacts and their verification."""

    CONTACT_NOT_FOUND = "contact_not_found", 422
    HANDLE_TAKEN = "handle_taken", 422
    CONTACT_IN_USE = "contact_in_use", 422
    TRANSFER_NOT_SUPPORTED = "transfer_not_supported", 422
    VERIFICATION_TOKEN_INVALID = "verification_token_invalid", 422
