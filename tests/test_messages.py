"""Every message about a submitted file reads in Vietnamese, with its values kept."""

from __future__ import annotations

import pytest

from ntm_cli.messages import vi, vi_note


@pytest.mark.parametrize(
    ("english", "vietnamese"),
    [
        ("'Dat roi' is not a status; use Đạt or Chưa đạt",
         "'Dat roi' không phải trạng thái; chọn Đạt hoặc Chưa đạt trong danh sách"),
        ("-250 is negative; amounts are 0 or more", "-250 là số âm; số liệu phải từ 0 trở lên"),
        ("a formula with no saved result; open the file in Excel, save it, send it again",
         "công thức chưa có kết quả được lưu; mở tệp bằng Excel, lưu lại rồi gửi lại"),
        ("#N/A is an error value; enter a value", "ô có giá trị lỗi #N/A; hãy nhập số liệu"),
        ("period 2019-06 is outside plan 69/KH-UBND (2021–2025)",
         "kỳ 2019-06 nằm ngoài kế hoạch 69/KH-UBND (2021–2025)"),
        ("no commune is named 'Long Phú'; did you mean Xã Nhị Long Phú (29299)",
         "không có xã nào tên 'Long Phú'; gần đúng: Xã Nhị Long Phú (29299)"),
        ("no commune is named 'Hòa'", "không có xã nào tên 'Hòa'"),
        ("29263 already has a return for 2024-06 (from a.xlsx, imported 2024-07-04 09:00); add "
         "--replace to supersede it (the old one is kept)",
         "xã 29263 đã có phiếu kỳ 2024-06 (tệp a.xlsx, nhập lúc 2024-07-04 09:00); thêm --replace "
         "để thay thế (phiếu cũ vẫn được lưu)"),
        ("the workbook would inflate to 200 MB (over 50 MB): refused as a zip bomb",
         "tệp khi giải nén lên tới 200 MB: bị từ chối vì không an toàn (zip bomb)"),
        ("an old Excel 97-2003 workbook (.xls); open it in Excel and save as .xlsx",
         "tệp Excel 97-2003 (.xls); mở bằng Excel và lưu thành .xlsx"),
        ("something new", "something new"),
    ],
)  # fmt: skip
def test_vietnamese_wording(english: str, vietnamese: str) -> None:
    assert vi(english) == vietnamese


def test_a_warning_keeps_its_place() -> None:
    assert vi_note('"Tiêu chí"!C19: criterion 7 has no status') == (
        '"Tiêu chí"!C19: tiêu chí 7 chưa có trạng thái'
    )
