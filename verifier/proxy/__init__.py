"""Layer 2, `verifier proxy`: a live tap on real realtime traffic.

Beside the harness: it may import `schema`, `realtime`, `harness.scorer` and
`report`; nothing but the CLI imports it.

An app changes only its endpoint; every frame is relayed both ways unchanged
and in order, the app's own credentials go upstream untouched and are written
nowhere, and each finished response lands in a run directory and is verified
in the background.

Layer rule (imports point down only):

- `handshake`: pure. The client's handshake request in, the upstream dial
  plan (URL, headers, subprotocols) or nothing out; stdlib only.
- `relay`: the asyncio shell. Moves bytes between two `websockets`
  connections and counts them; imports `handshake` and stdlib only, and
  talks to the tap through the `TapPort` protocol it defines, so nothing the
  tap does (or fails to do) can block or break a relayed frame.
- `tap`: the only module here that imports the rest of verifier (collector,
  run directory, scorer, redact, report). Frames in, captures and verdicts
  out, on its own threads behind bounded queues.
- `link`: the tap in a child process (the command line's default): a
  `TapPort` on the relay side that writes frames to a non-blocking pipe,
  and the child's loop that feeds them to `tap`. Imports `tap` only in the
  child, so a crash in collection or verification ends only the child.
- `metrics`: Prometheus text for `/metrics` (prometheus-client only).
- `service`: wires relay + tap (in-process or via `link`) + metrics.
"""
