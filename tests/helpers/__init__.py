"""Helpers the tests share: `speech` (synthesised clips), `reports` (run directories with every verdict
class, simulator run settings), `sim` (raw WebSocket dialogues, a throwaway CA, the user reports'
texts), `events` (server events as the realtime API sends them)."""
