"""Follow-ups after the fix, and the customer's survey answers."""
