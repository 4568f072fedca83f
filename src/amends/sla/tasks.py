"""sla jobs (being built)."""
