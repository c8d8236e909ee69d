"""Tests of verifier's core layer."""
