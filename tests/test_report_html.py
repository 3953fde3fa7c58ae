"""The monthly report as one HTML page (`ntm report --format html`), read back with html.parser:
it references nothing outside itself, its figures are the workbook's, submitted text is
escaped, and the English page is English."""

from __future__ import annotations

import os
import re
import unicodedata
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from forms import COMMUNES, DATA, filled_form, statuses_for, using_store, write
from ntm_cli.cli.app import app

runner = CliRunner()
SCRIPT = "<script>alert(1)</script>"
VOID = {"meta", "br", "hr", "img", "input", "link", "col", "wbr", "source", "area", "base"}
# SVG elements written self-closed (<rect …/>)
SELF_CLOSED = {"rect", "line", "circle", "polyline", "path"}


def run(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture(scope="module")
def cycle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """May's and June's returns of 24 communes in several districts, a note with a script in
    one, different criteria met from commune to commune."""
    root = tmp_path_factory.mktemp("html-cycle")
    store = root / "returns.sqlite"
    with using_store(store):
        for i, unit in enumerate(COMMUNES[:24]):

            def edit(book, first=i == 0):  # type: ignore[no-untyped-def]
                if first:
                    book["Tiêu chí"]["D13"] = SCRIPT

            may = filled_form(unit.code, "2024-05", statuses_for(unit.code, 14, "2024-05"))
            write(root / "05", f"{unit.code}.xlsx", may)
            june = filled_form(unit.code, "2024-06", statuses_for(unit.code, 17 - i % 4), edit=edit)
            write(root / "06", f"{unit.code}.xlsx", june)
        result = runner.invoke(app, ["import", str(root / "05"), str(root / "06")])
        assert result.exit_code == 0, result.output
    return store


@pytest.fixture(scope="module")
def written(cycle: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("html-reports")
    old = os.environ.get("NTM_STORE")
    os.environ["NTM_STORE"] = str(cycle)
    try:
        run("report", "--period", "2024-06", "--out", str(out))
        run("report", "--period", "2024-06", "--format", "html", "--out", str(out))
        run("report", "--period", "2024-06", "--format", "html", "--lang", "en", "--out", str(out))
    finally:
        if old is None:
            os.environ.pop("NTM_STORE")
        else:
            os.environ["NTM_STORE"] = old
    return {
        "xlsx": out / "2024-06_bao-cao-ntm.xlsx",
        "vi": out / "2024-06_bao-cao-ntm.html",
        "en": out / "2024-06_ntm-report.html",
    }


class Page(HTMLParser):
    """The page as the tests read it: each section's tables (rows of cell texts), every tag's
    attributes, the style sheets, the text, and whether each element closes in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.problems: list[str] = []
        self.attrs: list[tuple[str, dict[str, str | None]]] = []
        self.styles: list[str] = []
        self.text: list[str] = []
        self.tables: dict[str, list[list[list[str]]]] = {}
        self.lang: str | None = None
        self.scripts = 0
        self._section = ""
        self._cell: list[str] | None = None
        self._row: list[str] | None = None
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.attrs.append((tag, found))
        if tag == "html":
            self.lang = found.get("lang")
        if tag == "script":
            self.scripts += 1
        if tag == "section":
            self._section = found.get("id") or ""
        if tag == "table":
            self.tables.setdefault(self._section, []).append([])
        if tag == "tr":
            self._row = []
        if tag in ("td", "th"):
            self._cell = []
        if tag == "style":
            self._in_style = True
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attrs.append((tag, dict(attrs)))
        if tag not in VOID and tag not in SELF_CLOSED:
            self.problems.append(f"<{tag}/>")

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.stack[-1:]}")
            return
        self.stack.pop()
        if tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row.append("".join(self._cell).strip())
            self._cell = None
        if tag == "tr" and self._row is not None:
            self.tables[self._section][-1].append(self._row)
            self._row = None
        if tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.styles.append(data)
            return
        self.text.append(data)
        if self._cell is not None:
            self._cell.append(data)


def parse(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


def figure(text: str) -> float | None:
    """A number as the Vietnamese page writes it: "49.837,5" -> 49837.5; blank -> None."""
    if not text:
        return None
    return float(text.replace(".", "").replace(",", "."))


def records(rows: list[list[str]]) -> list[dict[str, str]]:
    header, *body = rows
    return [dict(zip(header, row, strict=True)) for row in body]


def sheet_records(sheet: Any, first_header: str) -> list[dict[str, Any]]:
    """The rows under the header row whose first cell is `first_header`, up to a blank row."""
    rows = list(sheet.iter_rows(values_only=True))
    top = next(i for i, r in enumerate(rows) if r[0] == first_header)
    header = rows[top]
    body = []
    for r in rows[top + 1 :]:
        if all(v is None for v in r):
            break
        body.append({h: v for h, v in zip(header, r, strict=False) if h is not None})
    return body


def test_the_page_fetches_nothing_closes_every_element_and_says_its_language(
    written: dict[str, Path],
) -> None:
    raw = written["vi"].read_text(encoding="utf-8")
    assert raw.startswith("<!DOCTYPE html>")
    page = parse(written["vi"])
    assert not page.problems and not page.stack, (page.problems, page.stack)
    assert page.lang == "vi"
    assert ("meta", {"charset": "utf-8"}) in page.attrs
    assert page.scripts == 0
    for tag, attrs in page.attrs:
        for name, value in attrs.items():
            if name in ("src", "srcset", "poster", "data") or (name == "href" and tag == "link"):
                assert (value or "").startswith(("#", "data:")), (tag, name, value)
        assert tag not in ("link", "iframe", "img", "object", "embed"), tag
        style = attrs.get("style") or ""
        assert "url(" not in style
    css = "".join(page.styles)
    assert "@import" not in css
    for target in re.findall(r"url\(\s*['\"]?([^'\")]*)", css):
        assert target.startswith(("#", "data:")), target
    assert "@page" in css and "A4" in css and "@media print" in css
    assert unicodedata.is_normalized("NFC", raw)
    # three charts, each named for a screen reader
    svgs = [a for tag, a in page.attrs if tag == "svg"]
    assert len(svgs) == 3
    assert all(a.get("role") == "img" and a.get("aria-labelledby") for a in svgs)


def test_the_pages_figures_are_the_workbooks(written: dict[str, Path]) -> None:
    page = parse(written["vi"])
    book = load_workbook(written["xlsx"])
    summary = book["Báo cáo"]  # the report itself; its tables follow as Phụ lục I, II…

    # I: each milestone's target and actual, by its wording
    milestones = records(page.tables["part-milestones"][0])
    in_book = sheet_records(summary, "TT")
    assert [(m["Chỉ tiêu"], figure(m["Mục tiêu"]), figure(m["Thực hiện"])) for m in milestones] == [
        (r["Chỉ tiêu"], r["Mục tiêu"], r["Thực hiện"]) for r in in_book
    ]
    assert len(milestones) >= 2

    # III: funds by each source and in total, debt, OCOP
    totals = {
        r["Nội dung"]: figure(r["Số liệu"]) for r in records(page.tables["part-resources"][0])
    }
    rows = list(summary.iter_rows(values_only=True))  # part III's table: Nội dung … Số liệu
    top = next(i for i, r in enumerate(rows) if r[1] == "Nội dung" and r[3] == "Số liệu")
    book_totals = {}
    for r in rows[top + 1 :]:
        if not any(v is not None for v in r):
            break
        book_totals[r[1]] = r[3]
    for name in ("Ngân sách trung ương", "Ngân sách địa phương", "Vốn tín dụng", "Doanh nghiệp",
                 "Người dân đóng góp", "Tổng cộng", "Sản phẩm OCOP 3 sao",
                 "Tổng số sản phẩm OCOP"):  # fmt: skip
        assert totals[name] == book_totals[name], name
    debt = "Nợ đọng xây dựng cơ bản (phiếu gần nhất của mỗi xã)"
    assert totals[debt] == book_totals[debt]
    assert totals["Tổng cộng"] and totals["Tổng cộng"] > 0  # the returns gave funds

    # Appendix: each district's communes at each level and its own result
    levels = ["Nông thôn mới", "NTM nâng cao", "NTM kiểu mẫu"]
    districts = {r["Mã"]: r for r in records(page.tables["appendix-districts"][0])}
    book_districts = {r["Mã"]: r for r in sheet_records(book["PL I - Theo huyện"], "Mã")}
    assert districts.keys() == book_districts.keys() and len(districts) > 1
    for code, row in districts.items():
        theirs = book_districts[code]
        assert [figure(row[lv]) for lv in levels] == [theirs[lv] for lv in levels], code
        assert figure(row["Số xã"]) == theirs["Số xã"]
        assert row["Kết quả của đơn vị"] == (theirs["Kết quả của đơn vị"] or "")

    # Appendix: every commune's criteria met, level and funds in total
    communes = {r["Mã"]: r for r in records(page.tables["appendix-communes"][0])}
    book_communes = {r["Mã"]: r for r in sheet_records(book["PL II - Theo xã"], "Mã")}
    assert communes.keys() == book_communes.keys()
    met = "Số tiêu chí đạt"
    total = "Tổng vốn huy động trong tháng (triệu đồng)"
    for code, row in communes.items():
        theirs = book_communes[code]
        assert figure(row[met]) == theirs[met], code
        assert row["Mức đạt chuẩn"] == theirs["Mức đạt chuẩn"], code
        assert figure(row[total]) == theirs[total], code
    reported = [c for c in communes.values() if c[met]]
    assert len(reported) == 24 and len({c[met] for c in reported}) > 1  # not all alike


def test_the_plans_path_is_the_engines_required_count(written: dict[str, Path]) -> None:
    """Chart (a): the plan's point for the report year is the 2024 commune milestone's required
    count at that rung; the columns' labels are years and counts, the chart's text names."""
    page = parse(written["vi"])
    milestones = records(page.tables["part-milestones"][0])
    share = next(m for m in milestones if "xã đạt chuẩn nông thôn mới nâng cao" in m["Chỉ tiêu"])
    raw = written["vi"].read_text(encoding="utf-8")
    chart = raw[raw.index('id="chart-path"') : raw.index("</figure>", raw.index('id="chart-path"'))]
    assert "2024: " in chart and f" / {share['Mục tiêu']}" in chart
    districts = raw[raw.index('id="chart-districts"') :]
    for row in records(page.tables["appendix-districts"][0]):
        assert row["Đơn vị cấp huyện"] in districts


def test_a_communes_note_is_text_not_markup(written: dict[str, Path]) -> None:
    raw = written["vi"].read_text(encoding="utf-8")
    assert SCRIPT not in raw
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in raw
    page = parse(written["vi"])
    assert page.scripts == 0
    notes = [r["Ghi chú của xã"] for r in records(page.tables["appendix-communes"][0])]
    assert any(SCRIPT in n for n in notes)  # shown as the commune wrote it


def test_the_english_page_is_english_and_no_cell_shows_a_milestone_id(
    written: dict[str, Path],
) -> None:
    page = parse(written["en"])
    assert page.lang == "en"
    text = " ".join(page.text)
    assert "RESULTS AGAINST THE PLAN'S MILESTONES" in text and "Appendix I" in text
    assert "KẾT QUẢ" not in text and "BÁO CÁO" not in text and "Phụ lục" not in text
    ids = {m.id for m in DATA.plan.milestones}
    for path in (written["vi"], written["en"]):
        read = parse(path)
        cells = {c for tables in read.tables.values() for t in tables for row in t for c in row}
        assert not ids & cells
        whole = path.read_text(encoding="utf-8")
        assert not [i for i in ids if i in whole], "no milestone id anywhere on the page"


def test_the_head_and_signature_come_from_the_project_file(
    cycle: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "ntm.toml").write_text(
        '[office]\nname = "Văn phòng Điều phối NTM tỉnh"\nparent = "UBND tỉnh Trà Vinh"\n'
        'place = "Trà Vinh"\nsigner_title = "Chánh Văn phòng"\nsigner_name = "Nguyễn Văn <A>"\n'
        'recipients = ["Ban Chỉ đạo tỉnh;", "UBND tỉnh;"]\n',
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NTM_STORE", str(cycle))
    monkeypatch.setenv("NTM_TODAY", "2024-07-10")
    run("report", "--period", "2024-06", "--format", "html", "--out", "out")
    page = parse(tmp_path / "out" / "2024-06_bao-cao-ntm.html")
    text = [t.strip() for t in page.text if t.strip()]
    assert text.index("UBND TỈNH TRÀ VINH") < text.index("VĂN PHÒNG ĐIỀU PHỐI NTM TỈNH")
    assert "Trà Vinh, ngày 10 tháng 7 năm 2024" in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "BÁO CÁO" in text
    # Nơi nhận, then the signer, before the first appendix
    closing = text.index("Nơi nhận:")
    assert text[closing + 1 : closing + 4] == ["- Ban Chỉ đạo tỉnh;", "- UBND tỉnh;", "- Lưu: VT."]
    assert text.index("CHÁNH VĂN PHÒNG") > closing
    assert "Nguyễn Văn <A>" in text  # escaped on the page, read back as written
    raw = (tmp_path / "out" / "2024-06_bao-cao-ntm.html").read_text(encoding="utf-8")
    assert "Nguyễn Văn &lt;A&gt;" in raw and "<A>" not in raw
    assert text.index("Nguyễn Văn <A>") < text.index("Phụ lục I — KẾT QUẢ THEO ĐƠN VỊ CẤP HUYỆN")
