"""Print a report workbook as LibreOffice does and say how each page reads.

    python examples/report_pages.py build/demo/reports/2024-06_bao-cao-ntm.xlsx [--png]

Converts the workbook to PDF beside it (soffice), then lists each page: its first line and the
smallest and largest text on it in points (pdftohtml's font sizes at zoom 1). A page whose text
is smaller than 9 pt is flagged and the exit status is 1. With --png, also writes the pages as
PNG images (pdftoppm, 90 dpi) beside the PDF. Needs LibreOffice and poppler-utils.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

SMALLEST = 9  # points: no text of a printed page is smaller


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    if len(args) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    book = Path(args[0])
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(book.parent),
                    str(book)], check=True, capture_output=True, timeout=600)  # fmt: skip
    pdf = book.with_suffix(".pdf")
    if "--png" in argv:
        subprocess.run(["pdftoppm", "-png", "-r", "90", str(pdf), str(book.parent / "page")],
                       check=True)  # fmt: skip
    xml = subprocess.run(["pdftohtml", "-xml", "-i", "-zoom", "1", "-stdout", str(pdf)],
                         check=True, capture_output=True, text=True).stdout  # fmt: skip
    sizes = {m[1]: int(m[2]) for m in re.finditer(r'<fontspec id="(\d+)" size="(-?\d+)"', xml)}
    small = 0
    for page in re.finditer(r'<page number="(\d+)".*?</page>', xml, re.S):
        texts = re.findall(r'<text [^>]*font="(\d+)"[^>]*>(.*?)</text>', page[0])
        used = [sizes[f] for f, body in texts if re.sub("<[^>]+>", "", body).strip()]
        first = re.sub("<[^>]+>", "", texts[0][1]) if texts else ""
        low = min(used, default=0)
        flag = "  < 9 pt" if used and low < SMALLEST else ""
        small += bool(flag)
        print(f"page {page[1]:>3}: {low:>2}–{max(used, default=0):>2} pt  {first[:60]}{flag}")
    return 1 if small else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
