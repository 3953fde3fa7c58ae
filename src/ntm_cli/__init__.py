"""ntm: track a province's New Rural Development (Nông thôn mới) plan from the command line."""

__version__ = "0.1.0"
