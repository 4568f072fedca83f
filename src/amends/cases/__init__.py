"""Cases: one unhappy customer's complaint, its conversation, its playbook steps and its timeline."""
