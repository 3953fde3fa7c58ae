"""A table that scales to tens of thousands of rows, drawn like a `box.SIMPLE_HEAD` Rich table.

Rich measures every cell of a `Table` several times before it draws one line: 11,000 award rows
took seconds. Here each cell is measured once (`cell_len`), the columns but the last keep their
widest cell, and the last one wraps its words into the width that is left.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.segment import Segment
from rich.style import Style

LARGE = 200  # rows from which a listing is drawn as a LongTable rather than a Rich Table
GAP = 2  # spaces between columns
MIN_LAST = 20  # the wrapped column never gets narrower than this


@dataclass
class LongTable:
    """Columns of plain text; a style per cell where one is given."""

    headers: Sequence[str]
    rows: list[tuple[str, ...]] = field(default_factory=list)
    styles: list[tuple[str | None, ...]] = field(default_factory=list)

    def add_row(self, *cells: str, styles: Sequence[str | None] = ()) -> None:
        self.rows.append(tuple(cells))
        self.styles.append(tuple(styles) or (None,) * len(cells))

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        widths = [cell_len(h) for h in self.headers]
        for row in self.rows:
            for i, cell in enumerate(row[:-1]):
                widths[i] = max(widths[i], cell_len(cell))
        fixed = sum(widths[:-1]) + GAP * (len(widths) - 1)
        widths[-1] = max(MIN_LAST, options.max_width - fixed)
        bold = Style(bold=True)
        yield from self._line(list(self.headers), widths, [bold] * len(widths))
        yield Segment("  ".join("─" * w for w in widths).rstrip() + "\n")
        cache: dict[str | None, Style | None] = {}
        for row, styles in zip(self.rows, self.styles, strict=True):
            parsed = [cache.setdefault(s, Style.parse(s) if s else None) for s in styles]
            yield from self._line(list(row), widths, parsed)

    @staticmethod
    def _line(cells: list[str], widths: list[int], styles: Sequence[Style | None]) -> RenderResult:
        last = list(_wrap(cells[-1], widths[-1]))
        for n, piece in enumerate(last or [""]):
            segments: list[Segment] = []
            for i, width in enumerate(widths[:-1]):
                text = cells[i] if n == 0 else ""
                segments.append(Segment(text, styles[i]))
                segments.append(Segment(" " * (width - cell_len(text) + GAP)))
            segments.append(Segment(piece, styles[-1]))
            segments.append(Segment("\n"))
            yield from segments


def _wrap(text: str, width: int) -> Iterator[str]:
    """Words into lines of at most `width` cells (a longer word is cut)."""
    line = ""
    for word in text.split():
        while cell_len(word) > width:
            if line:
                yield line
                line = ""
            yield word[:width]
            word = word[width:]
        if not line:
            line = word
        elif cell_len(line) + 1 + cell_len(word) <= width:
            line = f"{line} {word}"
        else:
            yield line
            line = word
    if line:
        yield line
