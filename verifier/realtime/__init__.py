"""Layer 1, the realtime API as a client sees it.

Session settings and the client events they become (`settings`), the
sans-I/O collector (server events in, response captures out: `collector`),
the sans-I/O client session (`session`), the WebSocket transport
(`transport`) and event-log replay (`replay`).

Rule: imports only `verifier.schema`; the sans-I/O modules do no I/O and read
no clock, so the transport, the proxy and the log replayer share them.
"""
