"""Parsers of EPP greetings and responses into typed values, one module per EPP object or extension."""
