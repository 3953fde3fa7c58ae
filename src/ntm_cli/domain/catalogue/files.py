"""Messages about submitted files: the return form, long-format tables, the import.

Each code maps to its (Vietnamese, English) text; see ntm_cli.domain.i18n for the specs.
"""

MESSAGES: dict[str, tuple[str, str]] = {}
