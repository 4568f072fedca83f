"""Quick actions: tasks with an assignee and a due time that carry out the agreed fix."""
