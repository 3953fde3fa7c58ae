"""Fill return forms as communes would, for a demonstration or a training session.

Illustrative only: the statuses are made up (seeded, so every run gives the same files). A few
communes send nothing, one types a status by hand ("Dat roi") and one enters a negative amount,
so that `ntm import` has something to refuse.

    python examples/fill_forms.py FORMS_DIR RETURNS_DIR [--skip N]
"""

from __future__ import annotations

import argparse
import hashlib
from pathlib import Path

from openpyxl import load_workbook


def score(*parts: str) -> int:
    """A stable pseudo-random number from 0 to 99."""
    return int(hashlib.sha256("|".join(parts).encode()).hexdigest()[:8], 16) % 100


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
            ref: dv.formula1.strip('"').split(",")
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
        if index == 0:
            sheet["C14"] = "Dat roi"  # typed by hand instead of picked from the list
        if index == 1:
            other["B18"] = -250
        book.save(args.returns / path.name)
    print(f"{len(forms) - args.skip} of {len(forms)} forms filled in {args.returns}")


if __name__ == "__main__":
    main()
