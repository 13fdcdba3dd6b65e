"""Builders of outgoing EPP frames, one module per EPP object or extension."""
