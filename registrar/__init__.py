"""Registrar: a multi-tenant domain-name registrar platform."""
