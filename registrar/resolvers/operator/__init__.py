"""The platform operator: its credentials, its audit log, and the actions only it may take
(onboarding tenants, registry bindings, accounts, TLD associations and rate cards)."""
