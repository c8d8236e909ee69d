"""Tests of verifier's harness layer."""
