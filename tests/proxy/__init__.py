"""Tests of the live tap: relay, handshake, SDKs through it, verdicts against the truth log."""
