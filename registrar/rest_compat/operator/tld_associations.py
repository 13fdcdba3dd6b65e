"""Placeholder: filled by the tld_associations part of the operator API."""

routes: list = []
