"""The one catalogue: every entry renders in both languages; every code raised is in it."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from ntm_cli.domain.catalogue import CATALOGUE, PARTS
from ntm_cli.domain.i18n import Lang, placeholders, t

SRC = Path(__file__).resolve().parent.parent / "src" / "ntm_cli"
# a sample value for each format spec a template may use
SAMPLES = {
    "level": "advanced",
    "kind": "commune",
    "date": "2024-06-30",
    "num": 1234.5,
    "list": ["29263", "29266"],
    "errno": "EACCES",
    "msg": {"code": "value.invalid", "params": {"value": "x"}},
    "valuekind": "text",
    "filekind": "fifo",
    "noun": "district",
    "Noun": "district",
}


def _fields(text: str) -> dict[str, str]:
    return {f.split(".")[0]: spec or "" for _, f, spec, _ in string.Formatter().parse(text) if f}


def test_keys_are_unique_across_the_parts() -> None:
    assert sum(len(part) for part in PARTS.values()) == len(CATALOGUE)


@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_every_entry_renders_in_both_languages(key: str) -> None:
    vi, en = CATALOGUE[key]
    assert _fields(vi).keys() == _fields(en).keys(), key
    values = {name: SAMPLES.get(spec, 7) for name, spec in _fields(vi).items()}
    assert placeholders(key) == set(values)
    for lang in Lang:
        text = t(key, lang, **values)
        assert text.strip() and "{" not in text.replace("{}", ""), (key, lang, text)


def test_specs_word_values_in_the_reader_s_language() -> None:
    assert t("as_of.after_today", Lang.VI, as_of="2024-07-01", today="2024-06-30") == (
        "--as-of 01/07/2024 sau ngày hôm nay (30/06/2024)"
    )
    assert "permission denied" in t("output.unwritable", Lang.EN, path="x", reason="EACCES")
    assert "không có quyền" in t("output.unwritable", Lang.VI, path="x", reason="EACCES")


# a code given to an error, a Message or msg(): "area.what" in double quotes
_RAISED = re.compile(
    r"\b(?:NtmError|DataError|LookupProblem|StoreError|Conflict|UsageError|ValueProblem|"
    r"FileProblem|FileRefused|Message|msg)\(\s*\"([a-z_]+(?:\.[a-z_0-9]+)+)\""
)


def test_every_code_raised_in_the_code_is_catalogued() -> None:
    used = {
        (path.relative_to(SRC).as_posix(), code)
        for path in SRC.rglob("*.py")
        for code in _RAISED.findall(path.read_text(encoding="utf-8"))
    }
    assert used, "the pattern found no code at all"
    missing = sorted((where, code) for where, code in used if code not in CATALOGUE)
    assert not missing, missing
