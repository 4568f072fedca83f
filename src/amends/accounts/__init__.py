"""People who work the desk: agents, managers and admins, their remedy authority and API tokens."""
