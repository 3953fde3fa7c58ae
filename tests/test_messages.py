"""Every message about a submitted file reads in Vietnamese, with its values kept."""

from __future__ import annotations

import re
import string

import pytest

import ntm_cli
from ntm_cli.domain.catalogue.files import MESSAGES
from ntm_cli.domain.i18n import Lang
from ntm_cli.domain.messages import Issue, msg

# English words a Vietnamese message must never show (column names such as unit_code, option
# names such as --replace, file types and acronyms are not words of either language).
ENGLISH = {
    "a",
    "advanced",
    "and",
    "cannot",
    "cell",
    "commune",
    "criteria",
    "criterion",
    "damaged",
    "file",
    "folder",
    "form",
    "is",
    "level",
    "model",
    "no",
    "not",
    "of",
    "or",
    "period",
    "plan",
    "refused",
    "registry",
    "reports",
    "save",
    "shows",
    "status",
    "the",
    "use",
    "workbook",
}


def words(text: str) -> set[str]:
    """The words of a text, leaving out identifiers (unit_code), options and file types."""
    text = re.sub(r"--\w[\w-]*|`[^`]*`|\S*/\S*|\.\w+\b|[\w,]*_[\w,]*", " ", text)
    return {w.lower() for w in re.findall(r"\w+", text)}


def literal(template: str) -> str:
    """A template without its {fields}: the text the catalogue itself supplies."""
    return "".join(part for part, *_ in string.Formatter().parse(template))


@pytest.mark.parametrize("code", sorted(MESSAGES))
def test_every_vietnamese_template_is_vietnamese(code: str) -> None:
    vi, en = MESSAGES[code]
    assert not words(literal(vi)) & ENGLISH, vi
    fields = {f for text in (vi, en) for _, f, _, _ in string.Formatter().parse(text) if f}
    vi_fields = {f for _, f, _, _ in string.Formatter().parse(vi) if f}
    en_fields = {f for _, f, _, _ in string.Formatter().parse(en) if f}
    assert vi_fields == en_fields == fields


@pytest.mark.parametrize(
    ("code", "params", "english", "vietnamese"),
    [
        ("form.status.invalid", {"value": "Dat roi"},
         "'Dat roi' is not a status; use Đạt or Chưa đạt",
         "'Dat roi' không phải trạng thái; chọn Đạt hoặc Chưa đạt trong danh sách"),
        ("cell.negative", {"value": "-250"},
         "-250 is negative; amounts are 0 or more", "-250 là số âm; số liệu phải từ 0 trở lên"),
        ("cell.no_saved_result", {},
         "a formula with no saved result; open the file in Excel, save it, send it again",
         "công thức chưa có kết quả được lưu; mở tệp bằng Excel, lưu lại rồi gửi lại"),
        ("cell.error_value", {"value": "#N/A"},
         "#N/A is an error value; enter a value", "ô có giá trị lỗi #N/A; hãy nhập số liệu"),
        ("cell.too_long", {"n": 40_000},
         "text of 40,000 characters (the limit is 32,767); shorten it",
         "nội dung dài 40.000 ký tự (tối đa 32.767); hãy rút gọn"),
        ("period.outside_plan",
         {"period": "2019-06", "number": "69/KH-UBND", "start": 2021, "end": 2025},
         "period 2019-06 is outside plan 69/KH-UBND (2021–2025)",
         "kỳ 2019-06 nằm ngoài kế hoạch 69/KH-UBND (2021–2025)"),
        ("long.unit.not_found_near", {"name": "Long Phú", "near": ["Xã Nhị Long Phú (29299)"]},
         "no commune is named 'Long Phú'; did you mean Xã Nhị Long Phú (29299)",
         "không có xã nào tên 'Long Phú'; gần đúng: Xã Nhị Long Phú (29299)"),
        ("long.unit.not_found", {"name": "Hòa"},
         "no commune is named 'Hòa'", "không có xã nào tên 'Hòa'"),
        ("long.criteria_missing", {"code": "29263", "period": "2024-06", "numbers": ["7", "12"]},
         "29263 2024-06: no status for criteria 7, 12",
         "29263 2024-06: chưa có trạng thái tiêu chí 7, 12"),
        ("store.conflict",
         {"code": "29263", "period": "2024-06", "file": "a.xlsx", "when": "2024-07-04 09:00"},
         "29263 already has a return for 2024-06 (from a.xlsx, imported 2024-07-04 09:00); add "
         "--replace to supersede it (the old one is kept)",
         "xã 29263 đã có phiếu kỳ 2024-06 (tệp a.xlsx, nhập lúc 2024-07-04 09:00); thêm --replace "
         "để thay thế (phiếu cũ vẫn được lưu)"),
        ("file.zip_bomb", {"mb": 200, "max": 52},
         "the workbook would inflate to 200 MB (over 52 MB): refused as a zip bomb",
         "tệp khi giải nén lên tới 200 MB (quá 52 MB): bị từ chối vì không an toàn"),
        ("file.kind.ole", {},
         "an old Excel 97-2003 workbook (.xls); open it in Excel and save as .xlsx",
         "tệp Excel 97-2003 (.xls); mở bằng Excel và lưu thành .xlsx"),
        ("file.too_many_elements", {"part": "xl/worksheets/sheet1.xml", "max": 1_000_000},
         "xl/worksheets/sheet1.xml has over 1,000,000 XML elements: refused",
         "phần xl/worksheets/sheet1.xml có hơn 1.000.000 phần tử XML: bị từ chối"),
        ("file.unreadable", {"reason": "EACCES"},
         "cannot be read (permission denied)", "không đọc được (không có quyền truy cập)"),
    ],
)  # fmt: skip
def test_vietnamese_wording(code: str, params: dict, english: str, vietnamese: str) -> None:  # type: ignore[type-arg]
    message = msg(code, **params)
    assert message.text(Lang.EN) == english
    assert message.text(Lang.VI) == vietnamese


def test_a_recognition_claim_names_the_levels_in_vietnamese() -> None:
    assert (
        ntm_cli.open().plan.ladder
    )  # the levels' names are the plan's ladder's, defined once it is read
    values = {"code": "29263", "name": "Xã Long Đức", "level": "advanced", "decision": ""}
    claim = msg("form.recognition.claim", held="ntm", **values)
    assert claim.text(Lang.EN).startswith(
        "29263 Xã Long Đức reports advanced; the registry shows ntm: update units.csv"
    )
    assert claim.text(Lang.VI).startswith(
        "29263 Xã Long Đức báo cáo đạt NTM nâng cao; danh mục ghi Nông thôn mới: cập nhật"
    )
    new = msg("form.recognition.claim_new", **(values | {"decision": " (12/QĐ-UBND)"}))
    assert "reports advanced (12/QĐ-UBND); the registry shows no level" in new.text(Lang.EN)
    assert "báo cáo đạt NTM nâng cao (12/QĐ-UBND); danh mục ghi chưa đạt chuẩn" in new.text(Lang.VI)
    assert not words(claim.text(Lang.VI)) & ENGLISH


def test_a_warning_keeps_its_place() -> None:
    warning = Issue("Tiêu chí", "C19", msg("form.criterion.no_status", number="7"))
    assert warning.text(Lang.VI) == '"Tiêu chí"!C19: tiêu chí 7 chưa có trạng thái'
    assert warning.text(Lang.EN) == '"Tiêu chí"!C19: criterion 7 has no status'
