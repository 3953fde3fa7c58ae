"""Run the ntm command line as `python -m ntm_cli`."""

from ntm_cli.cli.app import main

main()
