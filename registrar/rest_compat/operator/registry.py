"""Placeholder: filled by the registry part of the operator API."""

routes: list = []
