"""Fill return forms as communes would, for a demonstration or a training session.

Illustrative only: the statuses and figures are made up (seeded, so every run gives the same
files), the emulation movement's items too (households registered for the 21 household tasks,
digital-transformation models, rural tourism sites…). A few communes send nothing, one types a
status by hand ("Dat roi") and one enters a negative amount, so that `ntm import` has something to
refuse.

    python examples/fill_forms.py FORMS_DIR RETURNS_DIR [--skip N]
"""

from __future__ import annotations

import argparse
import hashlib
from pathlib import Path

from openpyxl import Workbook, load_workbook


def score(*parts: str) -> int:
    """A stable pseudo-random number from 0 to 99."""
    return int(hashlib.sha256("|".join(parts).encode()).hexdigest()[:8], 16) % 100


# Made-up but plausible figures for the emulation items of emulation.yaml, by item id, from a
# number 0-99; an item not listed here gets a small count.
ITEMS = {
    "lien-ket-san-xuat": lambda n: n % 4,
    "dien-tich-cong-nghe-cao": lambda n: round(n * 0.15, 1),
    "ap-kieu-mau": lambda n: n % 3,
    "ho-21-phan-viec": lambda n: 300 + n * 12,
    "mo-hinh-chuyen-doi-so": lambda n: n % 3,
    "du-lich-nong-thon": lambda n: 1 if n < 20 else 0,
    "mo-hinh-khcn": lambda n: n % 4,
    "ho-nuoc-sach-moi": lambda n: n % 25,
    "mo-hinh-an-ninh": lambda n: 1 + n % 3,
}


def fill_items(book, code: str, period: str) -> None:  # type: ignore[no-untyped-def]
    """The emulation section of "Kết quả khác" (rows from 25, ids listed in the hidden "_ntm"
    sheet's B6); a form without the section is left as it is."""
    listed = book["_ntm"]["B6"].value if "_ntm" in book.sheetnames else None
    other = book["Kết quả khác"]
    for i, item in enumerate(str(listed).split(",") if listed else []):
        figure = ITEMS.get(item, lambda n: n % 5)
        other[f"B{25 + i}"] = figure(score(code, period, item))


def listed(book: Workbook, formula: str) -> list[str]:
    """The items of a drop-down: written in the formula ("a,b"), or a range of another sheet
    ('_ntm'!$D$1:$D$7), where an item may hold a comma."""
    if "!" not in formula:
        return formula.strip('"').split(",")
    sheet, cells = formula.split("!")
    return [str(c.value) for row in book[sheet.strip("'")][cells.replace("$", "")] for c in row]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("forms", type=Path)
    parser.add_argument("returns", type=Path)
    parser.add_argument("--skip", type=int, default=4, help="communes that send nothing")
    args = parser.parse_args()
    args.returns.mkdir(parents=True, exist_ok=True)
    forms = sorted(args.forms.glob("*.xlsx"))
    for index, path in enumerate(forms[args.skip :]):
        book = load_workbook(path)
        sheet = book["Tiêu chí"]
        code = str(sheet["B4"].value)
        choices = {  # a condition that asks for one of a list (a model commune's field)
            ref: listed(book, dv.formula1)
            for dv in sheet.data_validations.dataValidation
            if dv.type == "list" and dv.formula1
            for ref in str(dv.sqref).split()
            if ref.startswith("D")
        }
        row = 13
        while sheet[f"A{row}"].value:  # one row a criterion or condition of the form's set
            met = score(code, str(row)) < 85
            sheet[f"C{row}"] = "Đạt" if met else "Chưa đạt"
            if met and f"D{row}" in choices:
                options = choices[f"D{row}"]
                sheet[f"D{row}"] = options[score(code, "field") % len(options)]
            row += 1
        other = book["Kết quả khác"]
        other["B9"] = score(code, "ocop") % 3
        other["B14"] = 0 if score(code, "debt") < 80 else score(code, "debt") * 10
        for row in range(17, 22):
            other[f"B{row}"] = score(code, str(row)) * 12.5
        fill_items(book, code, str(sheet["B7"].value))
        if index == 0:
            sheet["C14"] = "Dat roi"  # typed by hand instead of picked from the list
        if index == 1:
            other["B18"] = -250
        book.save(args.returns / path.name)
    print(f"{len(forms) - args.skip} of {len(forms)} forms filled in {args.returns}")


if __name__ == "__main__":
    main()
