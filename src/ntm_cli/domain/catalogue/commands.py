"""Messages of the commands, the workspace and the store.

Each code maps to its (Vietnamese, English) text; see ntm_cli.domain.i18n for the specs.
"""

MESSAGES: dict[str, tuple[str, str]] = {
    "legacy.text": ("{text}", "{text}"),
}
