"""The outbox: outbound email and webhook deliveries, written with the change that caused them."""
