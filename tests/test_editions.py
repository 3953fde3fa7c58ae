"""Editions of the registry (editions.yaml): each list of units with its span, the crosswalk
between them, the plan's edition, and the store as one edition sees it.

On 1/7/2025 Trà Vinh became part of the new Vĩnh Long province; the new units reuse old codes
(29242 was Phường 3, is Phường Trà Vinh). Plan 69 is measured on Trà Vinh's list: a return for a
month of the new list is not about its units, whatever the code says.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ntm_cli.cli.app import app
from ntm_cli.domain.editions import Edition
from ntm_cli.domain.period import Period
from ntm_cli.domain.returns import Return
from ntm_cli.sources.datadir import BUNDLED
from ntm_cli.sources.editions import load_editions, located, parse_editions
from ntm_cli.sources.store import Store
from ntm_cli.workspace import Workspace

runner = CliRunner()
TRA_VINH = Edition("tra-vinh", "Trà Vinh", "units.csv", None, dt.date(2025, 6, 30))
VINH_LONG = Edition("vinh-long-2025", "Vĩnh Long", "x.csv", dt.date(2025, 7, 1))


def test_the_bundled_folder_has_both_lists_and_the_crosswalk() -> None:
    editions = load_editions(BUNDLED)
    assert [e.id for e in editions] == ["tra-vinh", "vinh-long-2025"]
    assert editions.at(dt.date(2025, 6, 30)).id == "tra-vinh"  # type: ignore[union-attr]
    assert editions.at(dt.date(2025, 7, 1)).id == "vinh-long-2025"  # type: ignore[union-attr]
    walk = editions.crosswalk("tra-vinh", "vinh-long-2025")
    assert walk is not None and len(walk.links) == 359
    # a reused code: Phường 3 went, with Phường 1 and 9, into Phường Trà Vinh, which has its code
    into = walk.predecessors("29242")
    assert sorted(link.old_code for link in into) == ["29239", "29242", "29260"]
    assert {link.new_name for link in into} == {"Phường Trà Vinh"}
    assert [link.new_code for link in walk.successors("29332")] == ["29335"]  # Tam Ngãi
    # Plan 69 is measured on Trà Vinh's list; its registry is that list
    ws = Workspace(BUNDLED, "returns.sqlite")
    assert ws.plan.edition == "tra-vinh" and ws.edition.id == "tra-vinh"
    new = ws.registry_of(editions.get("vinh-long-2025"))  # type: ignore[arg-type]
    assert new.by_code["29242"].name == "Phường Trà Vinh"
    assert ws.registry.by_code["29242"].name == "Phường 3"
    assert len([u for u in new.units if u.parent_code == "86"]) == 124


def test_an_editions_window_is_its_months() -> None:
    assert TRA_VINH.window == ("0000-01", "2025-06")
    assert VINH_LONG.window == ("2025-07", "9999-12")
    mid = Edition("x", "x", "x.csv", dt.date(2025, 7, 15), dt.date(2026, 3, 10))
    # a month belongs to the list in force on its first day
    assert mid.window == ("2025-08", "2026-03")
    assert TRA_VINH.covers_period(Period("2025-06"))
    assert not TRA_VINH.covers_period(Period("2025-07"))


def _folder(tmp_path: Path, editions: str, crosswalk: str | None = None) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(BUNDLED, folder)
    (folder / "editions.yaml").write_text(editions, encoding="utf-8")
    if crosswalk is not None:
        (folder / "editions" / "crosswalk-2025.csv").write_text(crosswalk, encoding="utf-8")
    return folder


HEADER = "old_code,old_name,old_kind,new_code,new_name,new_kind,merge_kind,effective_date\n"


@pytest.mark.parametrize(
    ("editions", "crosswalk", "said"),
    [
        # two lists in force on the same day
        ("editions:\n  - {id: a, name: A, file: units.csv}\n"
         "  - {id: b, name: B, file: units.csv, valid_from: 2025-07-01}\n", None,
         "cùng có hiệu lực"),
        # the plan's own registry is no edition
        ("editions:\n  - {id: a, name: A, file: editions/vinh-long-2025.csv}\n", None,
         "units.csv"),
        # a crosswalk between lists the file does not have
        ("editions:\n  - {id: tra-vinh, name: A, file: units.csv}\n"
         "crosswalks:\n  - {file: editions/crosswalk-2025.csv, old: tra-vinh, new: nowhere}\n",
         None, "nowhere"),
        # a crosswalk row with a merge kind the file cannot mean, named by its line
        ("editions:\n  - {id: tra-vinh, name: A, file: units.csv, valid_to: 2025-06-30}\n"
         "  - {id: b, name: B, file: editions/vinh-long-2025.csv, valid_from: 2025-07-01}\n"
         "crosswalks:\n  - {file: editions/crosswalk-2025.csv, old: tra-vinh, new: b}\n",
         HEADER + "29239,Phường 1,Phường,29242,Phường Trà Vinh,Phường,merged,2025-07-01\n"
         "29242,Phường 3,Phường,29242,Phường Trà Vinh,Phường,swallowed,2025-07-01\n",
         "crosswalk-2025.csv:3"),
        # a file that is not there, named with the line of the editions file that names it
        ("editions:\n  - {id: tra-vinh, name: A, file: units.csv, valid_to: 2025-06-30}\n"
         "  - {id: b, name: B, file: editions/none.csv, valid_from: 2025-07-01}\n", None,
         "editions.yaml:3"),
    ],
)  # fmt: skip
def test_a_wrong_editions_file_is_refused_with_its_place(
    tmp_path: Path, editions: str, crosswalk: str | None, said: str
) -> None:
    folder = _folder(tmp_path, editions, crosswalk)
    result = runner.invoke(app, ["plan", "check", "--data", str(folder)])
    assert result.exit_code == 1, result.output
    assert said in result.output
    assert "Traceback" not in result.output


def test_a_plan_naming_an_edition_the_folder_lacks_is_refused(tmp_path: Path) -> None:
    folder = _folder(tmp_path, "editions:\n  - {id: other, name: A, file: units.csv}\n")
    result = runner.invoke(app, ["plan", "check", "--data", str(folder)])
    assert result.exit_code == 1 and "tra-vinh" in result.output
    line = next(i for i, text in enumerate((folder / "targets.yaml").read_text(
        encoding="utf-8").splitlines(), 1) if text.strip().startswith("edition:"))  # fmt: skip
    assert f"targets.yaml:{line}: " in result.output  # the line that names it
    (folder / "editions.yaml").unlink()
    result = runner.invoke(app, ["plan", "check", "--data", str(folder)])
    assert result.exit_code == 1 and "editions.yaml" in result.output
    result = runner.invoke(app, ["template", "-p", "2024-06", "--data", str(folder),
                                 "--out", str(tmp_path / "f")])  # fmt: skip
    assert result.exit_code == 1 and "editions.yaml" in result.output


def test_a_form_for_a_month_of_the_new_list_is_refused_and_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NTM_STORE", str(tmp_path / "r.sqlite"))
    result = runner.invoke(app, ["template", "-p", "2025-09", "--out", str(tmp_path / "f")])
    assert result.exit_code == 1
    assert "2025-09 là của danh mục Tỉnh Vĩnh Long" in result.output
    assert "đến kỳ 2025-06" in result.output and not (tmp_path / "f").exists()
    table = tmp_path / "in" / "ret.csv"
    table.parent.mkdir()
    rows = ["unit_code,period,criterion,status,note"]
    rows += [f"29242,2025-09,{n},1," for n in range(1, 20)]
    table.write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["import", str(table), "--errors", str(tmp_path / "e")])
    assert result.exit_code == 1
    assert "2025-09" in result.output and "Tỉnh Vĩnh Long" in result.output
    assert table.exists()  # nothing lost: the file stays where it was
    with Store(tmp_path / "r.sqlite") as db:
        assert db.count() == 0


def _return(code: str, period: str) -> Return:
    return Return(code, period, "qd318-2022-xa", {"1": True}, {})


def test_a_store_shared_by_two_lists_shows_each_only_its_months(tmp_path: Path) -> None:
    """A return for 29242 in September 2025 is Phường Trà Vinh's; Plan 69's 29242 (Phường 3)
    reported last in June: its latest return up to December 2025 is June's."""
    path = tmp_path / "r.sqlite"
    with Store(path) as db:
        db.window, db.edition = TRA_VINH.window, TRA_VINH.id
        db.save([_return("29242", "2025-06")], {}, "old.xlsx", "a" * 64, 1, replace=False)
    with Store(path) as db:
        db.window, db.edition = VINH_LONG.window, VINH_LONG.id
        db.save([_return("29242", "2025-09")], {}, "new.xlsx", "b" * 64, 1, replace=False)
        assert [s.ret.period for s in db.latest("2025-12")] == ["2025-09"]
        assert db.latest("2025-06") == [] and db.count() == 1
        stored = db.db.execute("SELECT period, edition FROM returns ORDER BY period").fetchall()
        assert [tuple(r) for r in stored] == [
            ("2025-06", "tra-vinh"),
            ("2025-09", "vinh-long-2025"),
        ]
    with Store(path) as db:
        db.window = TRA_VINH.window
        assert [s.ret.period for s in db.latest("2025-12")] == ["2025-06"]
        assert db.latest_period() == "2025-06"
        assert [s.ret.period for s in db.returns(unit_code="29242")] == ["2025-06"]
        assert db.received("2025-09") == {} and db.count() == 1
        assert db.flows("2025-01", "2025-12")[0].period == "2025-06"
        assert len(db.flows("2025-01", "2025-12")) == 1


def test_editions_parse_with_bundled_files_named_from_another_folder(tmp_path: Path) -> None:
    """A data folder for 2026–2030 reads Trà Vinh's list from the folder that ships with ntm."""
    folder = tmp_path / "new"
    folder.mkdir()
    (folder / "units.csv").write_text("code,name,kind,parent_code\n86,Tỉnh Vĩnh Long,Tỉnh,\n",
                                      encoding="utf-8")  # fmt: skip
    raw = (
        b"editions:\n"
        b"  - {id: tra-vinh, name: A, file: 'ntm:units.csv', valid_to: 2025-06-30, "
        b"plan: 'ntm:targets.yaml'}\n"
        b"  - {id: vinh-long-2025, name: B, file: units.csv, valid_from: 2025-07-01}\n"
        b"crosswalks:\n"
        b"  - {file: 'ntm:editions/crosswalk-2025.csv', old: tra-vinh, new: vinh-long-2025}\n"
    )
    editions, problems = parse_editions(raw, folder / "editions.yaml", folder)
    assert problems == [] and editions is not None
    assert editions.get("tra-vinh").plan == "ntm:targets.yaml"  # type: ignore[union-attr]
    assert len(editions.crosswalks[0].links) == 359
    assert located(folder, "ntm:units.csv").samefile(BUNDLED / "units.csv")
    assert located(folder, "units.csv") == folder / "units.csv"


def test_a_month_of_the_new_list_has_no_monthly_report_or_returns_expected(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Plan 69's communes are Trà Vinh's: from July 2025 none of them reports, so neither the
    returns nor the monthly report of such a month are made up (all "missing"); the report says
    how to close the plan instead."""
    monkeypatch.setenv("NTM_STORE", str(tmp_path / "r.sqlite"))
    result = runner.invoke(app, ["completeness", "-p", "2025-09"])
    assert result.exit_code == 1 and "đến kỳ 2025-06" in result.output
    result = runner.invoke(app, ["report", "--from", "2025-05", "--to", "2025-08", "--out",
                                 str(tmp_path / "r")])  # fmt: skip
    assert result.exit_code == 1 and "ntm report --closing" in result.output
    assert not (tmp_path / "r").exists()  # all or none: not even May's
    result = runner.invoke(app, ["report", "-p", "2025-06", "--out", str(tmp_path / "r")])
    assert result.exit_code == 0, result.output


EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "vinh-long-2026-2030"


def _long_table(path: Path, code: str, periods: list[str], met: int, criteria: int) -> Path:
    rows = ["unit_code,period,criterion,status,note"]
    rows += [f"{code},{p},{n},{1 if n <= met else 0}," for p in periods
             for n in range(1, criteria + 1)]  # fmt: skip
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_a_file_another_plans_list_stored_is_neither_unchanged_nor_reinstated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Plan 69 stores May and June 2025 of Bình Phú, then replaces them; the 2026–2030 plan,
    sharing the store, may not call the first file "unchanged" nor make it current again."""
    monkeypatch.setenv("NTM_STORE", str(tmp_path / "shared.sqlite"))
    first = _long_table(tmp_path / "a" / "binh-phu.csv", "29287", ["2025-05", "2025-06"], 19, 19)
    second = _long_table(tmp_path / "b" / "binh-phu.csv", "29287", ["2025-05", "2025-06"], 0, 19)
    assert runner.invoke(app, ["import", str(first)]).exit_code == 0
    assert runner.invoke(app, ["import", "--replace", str(second)]).exit_code == 0
    for extra in ([], ["--replace"]):
        result = runner.invoke(app, ["import", *extra, str(first), "--data", str(EXAMPLE),
                                     "--errors", str(tmp_path / "e")])  # fmt: skip
        assert result.exit_code == 1, result.output
        assert "kỳ 2025-05" in result.output and "không khôi phục" in result.output
    card = json.loads(runner.invoke(app, ["unit", "29287", "-f", "json"]).stdout)
    current = [h for h in card["returns"] if h["superseded_at"] is None]
    assert {h["period"] for h in current} == {"2025-05", "2025-06"}
    assert all(not any(h["statuses"].values()) for h in current)  # still the second file's
    # the other list's unit, asked for from the example folder: its card, its own sets
    result = runner.invoke(app, ["unit", "29287", "--edition", "tra-vinh", "--data", str(EXAMPLE)])
    assert result.exit_code == 0, result.output
    assert "Xã Bình Phú" in result.stdout and "2025-06" in result.stdout


def test_the_closing_report_waits_for_the_plans_end(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NTM_STORE", str(tmp_path / "r.sqlite"))
    out = tmp_path / "out"
    result = runner.invoke(app, ["report", "--closing", "--data", str(EXAMPLE), "-o", str(out)])
    assert result.exit_code == 1 and "sau ngày 31/12/2030" in result.output
    assert not out.exists()
    monkeypatch.setenv("NTM_TODAY", "2031-01-15")
    result = runner.invoke(app, ["report", "--closing", "--data", str(EXAMPLE), "-o", str(out)])
    assert result.exit_code == 0, result.output
    from openpyxl import load_workbook

    names = load_workbook(out / "tong-ket-2026-2030.xlsx").sheetnames
    assert names == ["Báo cáo", "PL I - Theo xã", "PL II - Ghi chú dữ liệu"]  # no district level


@pytest.mark.parametrize(
    ("crosswalk", "rows", "said"),
    [
        ("{file: editions/crosswalk-2025.csv, old: tra-vinh, new: tra-vinh}", None,
         "không chuyển sang chính nó"),
        ("{file: editions/crosswalk-2025.csv, old: vinh-long-2025, new: tra-vinh}", None,
         "không chuyển ngược"),
        ("{file: editions/crosswalk-2025.csv, old: tra-vinh, new: vinh-long-2025}",
         HEADER + "29239,Phường 1,Phường,88888,Phường X,Phường,merged,2025-07-01\n",
         "crosswalk-2025.csv:2: mã mới 88888"),
        ("{file: editions/crosswalk-2025.csv, old: tra-vinh, new: vinh-long-2025}",
         HEADER + "29239,Phường 1,Phường,29242,Phường Trà Vinh,Phường,merged,2025-03-01\n",
         "crosswalk-2025.csv:2: ngày có hiệu lực 2025-03-01"),
        ("{file: 'ntm:../../../../../../etc/hostname', old: tra-vinh, new: vinh-long-2025}",
         None, "thư mục dữ liệu kèm theo ntm"),
    ],
)  # fmt: skip
def test_a_crosswalk_goes_forward_between_the_lists_it_names(
    tmp_path: Path, crosswalk: str, rows: str | None, said: str
) -> None:
    editions = (
        "editions:\n"
        "  - {id: tra-vinh, name: A, file: units.csv, valid_to: 2025-06-30}\n"
        "  - {id: vinh-long-2025, name: B, file: editions/vinh-long-2025.csv, "
        "valid_from: 2025-07-01}\n"
        f"crosswalks:\n  - {crosswalk}\n"
    )
    folder = _folder(tmp_path, editions, rows)
    result = runner.invoke(app, ["plan", "check", "--data", str(folder)])
    assert result.exit_code == 1, result.output
    assert said in result.output and "Traceback" not in result.output


def test_a_crosswalk_saved_with_semicolons_is_read(tmp_path: Path) -> None:
    from ntm_cli.sources.editions import read_crosswalk

    path = tmp_path / "c.csv"
    path.write_text(HEADER.replace(",", ";") + "29239;Phường 1;Phường;29242;Phường Trà Vinh;"
                    "Phường;merged;2025-07-01\n", encoding="utf-8-sig")  # fmt: skip
    links, problems = read_crosswalk(path)
    assert problems == [] and [(x.old_code, x.new_code) for x in links] == [("29239", "29242")]
