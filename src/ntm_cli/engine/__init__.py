"""Pure computations over domain objects (no I/O, no printing)."""
