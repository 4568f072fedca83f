"""Remedies: what the business gives to put things right, the catalogue, and approval by authority."""
