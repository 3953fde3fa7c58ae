"""Turn results into Rich renderables, JSON and CSV."""
