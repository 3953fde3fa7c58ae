"""Domain objects: units, levels, plans and milestones (no I/O)."""
