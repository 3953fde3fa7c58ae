"""`ntm review`: approving the communes' returns at one or two levels, returning one with a
comment (and its annotated copy), the history, the officers' scopes, two officers deciding at
once, and the states in `ntm completeness` and the report. The store-facing tests run on both
engines: a SQLite file and a PostgreSQL database."""

from __future__ import annotations

import json
import multiprocessing
import os
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from forms import filled_form, statuses_for, write
from ntm_cli.cli.app import app
from ntm_cli.domain.errors import Conflict
from ntm_cli.domain.i18n import Lang
from ntm_cli.sources.store import Store

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "vinh-long-2026-2030"
runner = CliRunner()
CANG_LONG = ["29269", "29272", "29275"]  # communes of Huyện Càng Long (844)
CAU_KE = "29311"  # Xã Hòa Ân, Huyện Cầu Kè (845)


def run(*args: str, code: int = 0) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    return result.output


def as_json(*args: str, code: int = 0) -> Any:
    return json.loads(run(*args, "-f", "json", code=code))


def open_store(location: str) -> Store:
    if location.startswith("postgresql"):
        from ntm_cli.sources.pgstore import PgStore

        return PgStore(location, create=False)
    return Store(Path(location), create=False)


def imported(tmp_path: Path, *codes: str) -> None:
    folder = tmp_path / "sent"
    for code in codes:
        write(folder, f"{code}.xlsx", filled_form(code))
    run("import", str(folder))


def grant(location: str, name: str, level: str, scope: str = "", units: tuple[str, ...] = (),
          edition: str = "tra-vinh") -> list[str]:  # fmt: skip
    """An officer's rows written as `ntm store grant` writes them (for a list of units that
    command does not reach here): the options that act as that officer (--as)."""
    with open_store(location) as db, db.transaction() as sql:
        sql.execute(
            "INSERT INTO officers (name, edition, level, scope, granted_at) VALUES (?, ?, ?, ?, ?)",
            (name, edition, level, scope, "2024-07-01T08:00:00"),
        )
        sql.executemany("INSERT INTO officer_units (name, edition, unit_code) VALUES (?, ?, ?)",
                        [(name, edition, u) for u in units])  # fmt: skip
    return ["--as", name]


def officer(location: str, name: str, *where: str) -> list[str]:
    """`ntm store grant NAME --district D | --province`, then the options that act as that
    officer: --as on a file; on a server, the officer's own account (the server's row-level
    security then holds it to its district too)."""
    run("store", "grant", name, *where)
    if not location.startswith("postgresql"):
        return ["--as", name]
    parts = urlsplit(location)
    netloc = f"{name}@{parts.hostname}" + (f":{parts.port}" if parts.port else "")
    return ["--store", urlunsplit(parts._replace(netloc=netloc))]


def events(location: str) -> list[tuple[Any, ...]]:
    with open_store(location) as db:
        return db.db.execute(
            "SELECT return_id, action, level, state, actor, after FROM review_events ORDER BY id"
        ).fetchall()


# one analyst, returning and sending again ------------------------------------------------------


def test_a_returned_return_is_sent_back_annotated_and_comes_back_received(
    tmp_path: Path, location: str
) -> None:
    imported(tmp_path, *CANG_LONG)
    out = tmp_path / "back"
    comment = "Tiêu chí 17: thiếu biên bản"
    said = run("review", "return", "an truong a", "-p", "2024-06", "--comment", comment,
               "--as", "Nguyễn Văn An", "--out", str(out))  # fmt: skip
    copy = out / "2024-06_29272_an-truong-a.xlsx"
    assert copy.exists() and str(copy) in "".join(said.split())
    book = load_workbook(copy)
    assert book.sheetnames[0] == "Ý kiến trả lại"
    summary = {r[0]: r[1] for r in book["Ý kiến trả lại"].iter_rows(min_row=3, values_only=True)}
    assert summary["Ý kiến"] == "Tiêu chí 17: thiếu biên bản"
    assert summary["Người trả lại"] == "Nguyễn Văn An (cấp tỉnh)"
    assert summary["Trả lại lúc"].startswith("2026-11-29")  # when (NTM_TODAY)
    sheet = book["Ý kiến trả lại"]  # printed one page wide, a long comment wrapped in its row
    assert sheet.page_setup.fitToWidth == 1 and sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet["B6"].alignment.wrap_text and sheet.row_dimensions[7].height == 30
    assert book["Tiêu chí"]["B4"].value == "29272"
    assert book["Tiêu chí"]["C13"].value == "Đạt"  # pre-filled from the return sent back

    listing = as_json("review", "list", "-p", "2024-06")
    states = {r["code"]: r["state"] for r in listing["returns"]}
    assert states == {"29269": "received", "29272": "returned", "29275": "received"}
    assert listing["counts"] == {"received": 2, "returned": 1, "approved_district": 0,
                                 "approved": 0}  # fmt: skip
    last = next(r for r in listing["returns"] if r["code"] == "29272")["last"]
    assert (last["actor"], last["comment"], last["level"]) == (
        "Nguyễn Văn An",
        "Tiêu chí 17: thiếu biên bản",
        "province",
    )

    # returned twice: refused, nothing written
    again = run("review", "return", "29272", "-p", "2024-06", "-m", "lần nữa", code=1)
    assert "đã trả lại rồi" in again
    # the commune sends a corrected form: taken without --replace, received again
    changed = filled_form("29272", statuses=statuses_for("29272", met=12))
    verdict = as_json("import", str(write(tmp_path / "again", "29272.xlsx", changed)))
    assert verdict["files"][0]["status"] == "replaced"
    history = as_json("review", "history", "29272", "-p", "2024-06")
    assert history["state"] == "received"
    assert [d["action"] for d in history["decisions"]] == ["return"]
    assert history["decisions"][0]["return_id"] != history["return_id"]  # on the old return
    # a return not sent back still needs --replace
    other = filled_form("29269", statuses=statuses_for("29269", met=12))
    refused = as_json("import", str(write(tmp_path / "other", "29269.xlsx", other)), code=1)
    assert refused["files"][0]["status"] == "rejected"


def test_an_empty_comment_is_a_usage_error(tmp_path: Path, store: Path) -> None:
    imported(tmp_path, "29269")
    said = run("review", "return", "29269", "-p", "2024-06", "--comment", "  ", code=2)
    assert said.startswith("Lỗi: --comment")
    english = run("review", "return", "29269", "-p", "2024-06", "-m", "", "--lang", "en", code=2)
    assert english.startswith("Error: ") and "-m" in english
    assert run("review", "history", "29269", "-p", "2024-06").count("Chưa có quyết định nào") == 1


def test_one_analyst_approves_a_whole_district_at_once(tmp_path: Path, location: str) -> None:
    imported(tmp_path, *CANG_LONG, CAU_KE)
    run("review", "return", "29269", "-p", "2024-06", "-m", "thiếu số liệu", "--out",
        str(tmp_path / "r"))  # fmt: skip
    said = " ".join(run("review", "approve", "--district", "cang long", "-p", "2024-06").split())
    assert "Đã duyệt 2 phiếu kỳ 2024-06 (cấp tỉnh)" in said
    assert "Xã Mỹ Cẩm (29269): đã trả lại, chờ xã gửi lại phiếu" in said
    result = as_json("review", "approve", "29272", "hoa an", "long duc", "-p", "2024-06")
    assert [d["code"] for d in result["decided"]] == [CAU_KE]
    reasons = {s["code"]: s["reason"]["code"] for s in result["skipped"]}
    assert reasons == {"29272": "review.skip.approved", "29263": "review.skip.no_return"}
    english = run("review", "list", "-p", "2024-06", "--state", "approved", "--lang", "en")
    assert "received 0 · returned 1 · approved by the district 0 · approved 3" in " ".join(
        english.split()
    )
    assert [row[1:4] for row in events(location)] == [
        ("return", "province", "returned"),
        *[("approve", "province", "approved")] * 3,
    ]


# officers: two levels on Trà Vinh's list, one on the new province's ---------------------------


def test_two_levels_on_tra_vinh_and_a_district_officer_keeps_to_its_district(
    tmp_path: Path, location: str
) -> None:
    imported(tmp_path, *CANG_LONG, CAU_KE)
    district = officer(location, "huyen_cl", "--district", "Càng Long")
    province = officer(location, "tinh_tv", "--province")

    said = run("review", "approve", CAU_KE, "-p", "2024-06", *district, code=1)
    assert "Xã Hòa Ân (29311): không thuộc phạm vi của huyen_cl (Huyện Càng Long)" in " ".join(
        said.split()
    )
    said = run("review", "return", CAU_KE, "-p", "2024-06", "-m", "x", *district, code=1)
    assert "không thuộc phạm vi của huyen_cl" in said

    early = as_json("review", "approve", "29269", "-p", "2024-06", *province, code=1)
    assert early["skipped"][0]["reason"]["code"] == "review.skip.awaiting_district"
    first = as_json("review", "approve", "29269", "29272", "-p", "2024-06", *district)
    assert [d["state"] for d in first["decided"]] == ["approved_district"] * 2
    assert {d["level"] for d in first["decided"]} == {"district"}
    final = as_json("review", "approve", "29269", "-p", "2024-06", *province)
    assert [(d["state"], d["level"], d["after"] > 0) for d in final["decided"]] == [
        ("approved", "province", True)]  # fmt: skip
    listing = as_json("review", "list", "-p", "2024-06", "--district", "Càng Long")
    assert listing["counts"] == {"received": 1, "returned": 0, "approved_district": 1,
                                 "approved": 1}  # fmt: skip
    history = as_json("review", "history", "29269", "-p", "2024-06")
    assert [(d["actor"], d["state"]) for d in history["decisions"]] == [
        ("huyen_cl", "approved_district"), ("tinh_tv", "approved")]  # fmt: skip
    if location.startswith("postgresql"):
        assert [d["role"] for d in history["decisions"]] == ["huyen_cl", "tinh_tv"]

    stranger = ["--as", "ai_do"] if not location.startswith("postgresql") else []
    if stranger:  # on a file, a name with no grant is refused
        said = run("review", "approve", "29275", "-p", "2024-06", *stranger, code=1)
        assert "ai_do chưa được giao duyệt phiếu của danh mục tra-vinh" in said


def _fill_example(path: Path) -> bytes:
    from ntm_cli.sources.output import workbook_bytes

    book = load_workbook(path)
    sheet = book["Tiêu chí"]
    for i in range(10):
        sheet[f"C{13 + i}"] = "Đạt"
    other = book["Kết quả khác"]
    other["B9"], other["B10"], other["B11"], other["B14"] = 1, 0, 0, 0
    return workbook_bytes(book)


def test_one_level_on_the_new_province(tmp_path: Path, store: Path) -> None:
    data = ["--data", str(EXAMPLE)]
    forms = tmp_path / "forms"
    run("template", "-p", "2026-03", "-u", "29767", "--out", str(forms), *data)
    (form,) = forms.glob("*.xlsx")
    write(tmp_path / "filled", form.name, _fill_example(form))
    run("import", str(tmp_path / "filled"), *data)
    grant(str(store), "xa_officer", "district", "86", ("29767",), edition="vinh-long-2025")
    grant(str(store), "tinh_vl", "province", edition="vinh-long-2025")
    refused = as_json("review", "approve", "29767", "-p", "2026-03", "--as", "xa_officer", *data,
                      code=1)  # fmt: skip
    assert refused["skipped"][0]["reason"]["code"] == "review.skip.no_district_level"
    done = as_json("review", "approve", "Ngãi Tứ", "-p", "2026-03", "--as", "tinh_vl", *data)
    assert [(d["state"], d["level"]) for d in done["decided"]] == [("approved", "province")]
    listing = as_json("review", "list", "-p", "2026-03", *data)
    assert listing["returns"][0]["district"] is None and listing["counts"]["approved"] == 1


# two officers at once ---------------------------------------------------------------------------


def _decide(location: str, action: str, barrier: Any, answers: Any) -> None:
    """In a process of its own: read the return's state, wait for the other, then decide."""
    import ntm_cli

    ws = ntm_cli.open(store=location)
    with ws.store() as db:
        assert db is not None
        seen = db.reviewed("2024-06")["29272"]
        state = "approved" if action == "approve" else "returned"
        barrier.wait(timeout=60)
        try:
            db.decide(seen, action, "province", state, "x" if action == "return" else "",
                      f"officer_{action}", "")  # fmt: skip
            answers.put(("recorded", action))
        except Conflict as exc:
            answers.put(("told", exc.message.text(Lang.VI)))


def test_two_officers_deciding_at_once_record_one_decision(tmp_path: Path, location: str) -> None:
    imported(tmp_path, "29272")
    context = multiprocessing.get_context("fork")
    barrier, answers = context.Barrier(2), context.Queue()
    workers = [context.Process(target=_decide, args=(location, action, barrier, answers))
               for action in ("approve", "return")]  # fmt: skip
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
    got = sorted(answers.get(timeout=5) for _ in workers)
    assert [kind for kind, _ in got] == ["recorded", "told"]
    recorded, told = got[0][1], got[1][1]
    verb = "duyệt" if recorded == "approve" else "trả lại"
    assert f"29272 kỳ 2024-06 đã được officer_{recorded} {verb} lúc" in told
    assert told.endswith("; không ghi quyết định này")
    assert len(events(location)) == 1


def test_the_unique_order_is_the_last_guard(
    tmp_path: Path, location: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A decision that slips past the re-read (as if it were read in the same instant) is
    refused by the index on (return, after), and told as the same conflict."""
    imported(tmp_path, "29272")
    with open_store(location) as db:
        seen = db.reviewed("2024-06")["29272"]
        db.decide(seen, "approve", "province", "approved", "", "first", "")
        real, calls = Store._still, []

        def blind_once(self: Store, sql: Any, seen: Any) -> None:
            calls.append(1)
            if len(calls) > 1:
                real(self, sql, seen)

        monkeypatch.setattr(Store, "_still", blind_once)
        with pytest.raises(Conflict) as refused:
            db.decide(seen, "return", "province", "returned", "late", "second", "")
    assert refused.value.message.code == "review.conflict.approved"
    assert "đã được first duyệt" in refused.value.message.text(Lang.VI)
    assert [row[4] for row in events(location)] == ["first"]


@pytest.mark.slow
def test_two_ntm_processes_approving_the_same_return(tmp_path: Path, location: str) -> None:
    imported(tmp_path, "29272")
    env = {**os.environ, "NTM_STORE": location, "PYTHONPATH": str(REPO / "src")}
    command = [sys.executable, "-m", "ntm_cli", "review", "approve", "29272", "-p", "2024-06"]
    procs = [subprocess.Popen([*command, "--as", name], env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
             for name in ("mot", "hai")]  # fmt: skip
    outs = [(p.communicate(timeout=120), p.returncode) for p in procs]
    assert sorted(code for _, code in outs) == [0, 1]
    loser = next(" ".join(out.split()) for (out, _), code in outs if code == 1)
    assert "không ghi quyết định này" in loser or "đã duyệt rồi" in loser
    assert len(events(location)) == 1


# completeness and the report --------------------------------------------------------------------


def test_completeness_and_the_report_read_the_states(tmp_path: Path, location: str) -> None:
    import ntm_cli

    imported(tmp_path, *CANG_LONG)
    run("review", "approve", "29269", "-p", "2024-06")
    run("review", "return", "29275", "-p", "2024-06", "-m", "sai", "--out", str(tmp_path / "r"))
    report = as_json("completeness", "-p", "2024-06")
    assert report["review"] == {"received": 1, "returned": 1, "approved_district": 0,
                                "approved": 1}  # fmt: skip
    cang_long = next(d for d in report["districts"] if d["code"] == "844")
    assert cang_long["states"] == {"29269": "approved", "29272": "received",
                                   "29275": "returned"}  # fmt: skip
    assert "Đã duyệt" in run("completeness", "-p", "2024-06")

    ws = ntm_cli.open(store=location)
    ((_, every),) = ws.report(["2024-06"], out=tmp_path / "a").reports
    ((_, approved),) = ws.report(["2024-06"], out=tmp_path / "b", approved_only=True).reports
    assert (every.completeness.submitted, every.approved) == (3, (1, 3))
    assert (approved.completeness.submitted, approved.approved) == (1, (1, 3))
    assert approved.approved_only and not every.approved_only
    run("report", "-p", "2024-06", "--approved-only", "--out", str(tmp_path / "c"))
    (book,) = (tmp_path / "c").glob("*.xlsx")
    cells = {str(c.value) for ws_ in load_workbook(book) for row in ws_.iter_rows() for c in row}
    assert "Số phiếu đã duyệt (trên 3 phiếu nhận được)" in cells
    assert any(str(c).startswith("Chỉ tính phiếu đã duyệt") for c in cells)


def test_approved_only_reads_each_communes_latest_approved_return(
    tmp_path: Path, location: str
) -> None:
    import ntm_cli

    may = {"29269": 10, "29272": 11}  # criteria met in May, both approved
    for code, met in may.items():
        for month, n in (("2024-05", met), ("2024-06", met + 5)):
            form = filled_form(code, month, statuses=statuses_for(code, n, month))
            write(tmp_path / month, f"{code}.xlsx", form)
    run("import", str(tmp_path / "2024-05"))
    run("review", "approve", *may, "-p", "2024-05")
    run("import", str(tmp_path / "2024-06"))
    run("review", "approve", "29269", "-p", "2024-06")  # 29272's June waits for review

    ws = ntm_cli.open(store=location)
    ((_, every),) = ws.report(["2024-06"], out=tmp_path / "a").reports
    ((_, approved),) = ws.report(["2024-06"], out=tmp_path / "b", approved_only=True).reports

    def met(report: Any) -> dict[str, int]:
        return {row.unit.code: len(row.ret.met) for row in report.communes if row.ret}

    assert met(approved) == {"29269": 15, "29272": 11}  # 29272 by its approved May return
    assert met(every) == {"29269": 15, "29272": 16}
    assert (approved.completeness.submitted, every.completeness.submitted) == (1, 2)


def test_an_edition_declares_its_levels_of_approval(tmp_path: Path) -> None:
    from ntm_cli.sources.datadir import BUNDLED
    from ntm_cli.sources.editions import load_editions, parse_editions

    bundled = load_editions(BUNDLED, crosswalks=False)
    assert [(e.id, e.review) for e in bundled] == [
        ("tra-vinh", ("district", "province")), ("vinh-long-2025", ("province",))]  # fmt: skip
    example = load_editions(EXAMPLE, crosswalks=False)
    assert [e.review for e in example] == [("district", "province"), ("province",)]
    (tmp_path / "units.csv").write_text("x", encoding="utf-8")
    raw = b"editions:\n  - {id: a, name: A, file: units.csv, review: [province, district]}\n"
    _, problems = parse_editions(raw, tmp_path / "editions.yaml", tmp_path, crosswalks=False)
    assert [p.msg.code for p in problems] == ["editions.review_levels"]
    plain = b"editions:\n  - {id: a, name: A, file: units.csv}\n"
    found, problems = parse_editions(plain, tmp_path / "editions.yaml", tmp_path, crosswalks=False)
    assert problems == [] and found is not None and found.editions[0].review == ("province",)
