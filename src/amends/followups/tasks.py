"""followups jobs (being built)."""
