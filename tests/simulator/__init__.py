"""Tests of verifier's simulator layer."""
