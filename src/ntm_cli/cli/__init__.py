"""The ntm command line: one module per command group."""
