"""SLA clocks: business hours, policies per priority, warnings, breaches and escalation."""
