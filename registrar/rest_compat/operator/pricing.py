"""Placeholder: filled by the pricing part of the operator API."""

routes: list = []
