"""The pricing aggregate's error codes: quotes and payment assurance (RAA §3.7.4)."""

from __future__ import annotations

from registrar.errors import ErrorCode


class PricingError(ErrorCode):
    """Why no quote could be issued, or why a priced action's quote does not assure payment."""

    FQDN_REQUIRED = "fqdn_required", 422
    INVALID_OPERATION = "invalid_operation", 422
    PREMIUM_CLASS_REQUIRED = "premium_class_required", 422
    PREMIUM_CLASS_UNKNOWN = "premium_class_unknown", 422
    PRICE_NOT_CONFIGURED = "price_not_configured", 422
    QUOTE_REQUIRED = "quote_required", 422
    QUOTE_NOT_FOUND = "quote_not_found", 422
    QUOTE_CONSUMED = "quote_consumed", 422
    QUOTE_EXPIRED = "quote_expired", 422
    QUOTE_MISMATCH = "quote_mismatch", 422
    PAYMENT_NOT_ASSURED = "payment_not_assured", 422
