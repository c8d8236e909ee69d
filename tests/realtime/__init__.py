"""Tests of the realtime layer: the collector and the client session."""
