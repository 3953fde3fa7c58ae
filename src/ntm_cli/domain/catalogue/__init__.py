"""The catalogue: every label and every message code, each with its Vietnamese and English text.

One module an area, so that each reads as a whole; the keys are unique across all of them (a test
checks it, and that both languages use the same parameters).
"""

from __future__ import annotations

from ntm_cli.domain.catalogue.commands import MESSAGES as _COMMANDS
from ntm_cli.domain.catalogue.crosswalk import MESSAGES as _CROSSWALK
from ntm_cli.domain.catalogue.data import MESSAGES as _DATA
from ntm_cli.domain.catalogue.editions import MESSAGES as _EDITIONS
from ntm_cli.domain.catalogue.files import MESSAGES as _FILES
from ntm_cli.domain.catalogue.labels import LABELS
from ntm_cli.domain.catalogue.review import MESSAGES as _REVIEW
from ntm_cli.domain.catalogue.server import MESSAGES as _SERVER

PARTS: dict[str, dict[str, tuple[str, str]]] = {
    "labels": LABELS,
    "commands": _COMMANDS,
    "data": _DATA,
    "editions": _EDITIONS,
    "crosswalk": _CROSSWALK,
    "files": _FILES,
    "server": _SERVER,
    "review": _REVIEW,
}
CATALOGUE: dict[str, tuple[str, str]] = {k: v for part in PARTS.values() for k, v in part.items()}
