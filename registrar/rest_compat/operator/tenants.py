"""Placeholder: filled by the tenants part of the operator API."""

routes: list = []
