"""Tests of verifier's report layer."""
