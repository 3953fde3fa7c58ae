"""Fill the nominations workbook as the coordination office would, for a demonstration.

Illustrative only: the names, products and decisions are made up. One nominee of each sheet,
an enterprise with three OCOP products (one whose certificate has lapsed by the year's end),
and, with --typo, a star rating typed as a word so that `ntm import` has something to refuse.

    python examples/fill_nominations.py BLANK.xlsx FILLED.xlsx [--typo]
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from openpyxl import load_workbook

ROWS: dict[str, list[list[object]]] = {
    "Sở, ban, ngành": [
        ["Sở Nông nghiệp và Phát triển nông thôn", "Sở, ban, ngành", "Có",
         "hoàn thành đúng tiến độ các nhiệm vụ năm 2024"],
        ["Hội Nông dân tỉnh", "Tổ chức chính trị - xã hội", None, None],
    ],
    "Ấp": [
        ["Ấp Sóc Ruộng", "29263", "125/QĐ-UBND", dt.datetime(2024, 9, 9), "Có",
         "861/QĐ-TTg ngày 04/6/2021"],
    ],
    "Doanh nghiệp, HTX": [
        ["HTX Nông nghiệp Tân Hòa", "Bưởi da xanh", 4, "12/QĐ-UBND", dt.datetime(2023, 3, 1),
         "Có", "bao tiêu 50 ha bưởi của 120 hộ", 25, 300, None,
         "UBND huyện Tiểu Cần, Giấy khen 15/QĐ-UBND"],
        ["HTX Nông nghiệp Tân Hòa", "Mật ong hoa dừa", 3, "13/QĐ-UBND",
         dt.datetime(2021, 6, 1)],
        ["HTX Nông nghiệp Tân Hòa", "Mứt dừa", 3, "41/QĐ-UBND", dt.datetime(2024, 5, 20)],
    ],
    "Cán bộ, công chức, viên chức": [
        ["Nguyễn Văn An", "Phó Chánh Văn phòng Điều phối NTM tỉnh",
         "Sổ tay hướng dẫn hồ sơ công nhận xã NTM nâng cao",
         "Hội đồng sáng kiến tỉnh, 45/QĐ-HĐSK"],
    ],
    "Người lao động, thành viên HTX": [
        ["Thạch Sa Rươl", "Nông dân", "29263", 15, 20, 300, None, None],
    ],
    "Đối tượng khác": [
        ["Quỹ Hỗ trợ nông dân X", "tổ chức phi chính phủ", 1000, None, None,
         "xây 2 cầu giao thông nông thôn"],
    ],
}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("blank", type=Path)
    parser.add_argument("filled", type=Path)
    parser.add_argument("--typo", action="store_true", help="a star rating typed as 'ba'")
    args = parser.parse_args()
    book = load_workbook(args.blank)
    for title, rows in ROWS.items():
        sheet = book[title]
        for i, values in enumerate(rows):
            for j, value in enumerate(values):
                if value is not None:
                    sheet.cell(7 + i, 2 + j, value)
    if args.typo:
        book["Doanh nghiệp, HTX"]["D7"] = "ba"
    args.filled.parent.mkdir(parents=True, exist_ok=True)
    book.save(args.filled)
    print(f"filled {args.filled}")


if __name__ == "__main__":
    main()
