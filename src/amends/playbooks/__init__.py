"""Recovery playbooks: ordered steps with guidance, a required flag and a target time. Data, not code."""
