"""actions jobs (being built)."""
