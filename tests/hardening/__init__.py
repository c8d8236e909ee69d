"""Tests that nothing a service, a file or a transcript sends can crash a run, lose a response or leak."""
