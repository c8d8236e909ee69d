"""Tests of the shared schema layer."""
