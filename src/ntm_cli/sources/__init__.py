"""Everything that reads a file: the data folder, the plan, the unit registry."""
