"""Layer 1, the realtime API as a client sees it.

Session settings and the client events they become (`settings`), the
sans-I/O collector (server events in, response captures out: `collector`),
the sans-I/O client session (`session`), the WebSocket transport
(`transport`), event-log replay (`replay`), and an asyncio service on a
thread of its own for synchronous callers (`loop_thread`, which the
simulator and the proxy share).

Rule: imports only `verifier.schema`; the sans-I/O modules do no I/O and read
no clock, so the transport, the proxy and the log replayer share them.
"""
