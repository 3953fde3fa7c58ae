"""Messages about the data folder: plan, registry, criteria sets.

Each code maps to its (Vietnamese, English) text; see ntm_cli.domain.i18n for the specs.
"""

MESSAGES: dict[str, tuple[str, str]] = {}
