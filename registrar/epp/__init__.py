"""The EPP layer: a client for registries (RFC 5730-5734) and a sandbox registry.

`wire/` carries bytes (the hardened parser, RFC 5734 framing, TLS, connections, pools,
breakers); `frames/` builds outgoing commands and `responses/` reads answers, each by EPP object
or extension; `commands/` are the commands of one registry account; `gateway.py` is the facade
the application holds; `schemas/` ships the EPP XSDs; `sandbox/` is the test registry.
"""
