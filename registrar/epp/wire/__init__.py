"""EPP on the wire: the hardened XML parser, RFC 5734 framing, TLS, connections, pools and breakers."""
