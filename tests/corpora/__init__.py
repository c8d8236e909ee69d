"""Tests of the held-out corpus plan and its bench arithmetic."""
