"""The README's "From Python" session, run as written after the README's monthly cycle."""

from __future__ import annotations

import doctest
import runpy
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ntm_cli.cli.app import app

ROOT = Path(__file__).resolve().parents[1]
runner = CliRunner()


def session() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    part = text[text.index("## From Python") :]
    return part[part.index("```pycon\n") + len("```pycon\n") : part.index("```\n", 10)]


def test_the_from_python_session_runs_as_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # a folder of the user's, without ./data: the bundled data
    monkeypatch.setenv("NTM_STORE", str(tmp_path / "returns.sqlite"))
    monkeypatch.setenv("NTM_TODAY", "2024-07-04")
    forms, returns = tmp_path / "forms", tmp_path / "returns"
    assert (
        runner.invoke(app, ["template", "--period", "2024-06", "--out", str(forms)]).exit_code == 0
    )
    argv = sys.argv
    try:
        sys.argv = ["fill_forms.py", str(forms), str(returns)]
        runpy.run_path(str(ROOT / "examples" / "fill_forms.py"), run_name="__main__")
    finally:
        sys.argv = argv
    assert runner.invoke(app, ["import", str(returns)]).exit_code == 1  # two files refused
    monkeypatch.setenv("NTM_TODAY", "2024-07-10")
    import pandas

    pandas.set_option("display.width", 100)
    test = doctest.DocTestParser().get_doctest(session(), {}, "README", "README.md", 0)
    flags = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
    runner_ = doctest.DocTestRunner(optionflags=flags)
    runner_.run(test)
    assert runner_.summarize(verbose=False).failed == 0
    assert runner_.summarize(verbose=False).attempted >= 8
