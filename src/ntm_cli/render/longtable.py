"""A table that scales to tens of thousands of rows, drawn like a `box.SIMPLE_HEAD` Rich table.

Rich measures every cell of a `Table` several times before it draws one line: 11,000 award rows
took seconds. Here each cell is measured once (`cell_len`), the columns but the last keep their
widest cell, and the last one wraps its words into the width that is left.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from rich.cells import cell_len
from rich.color import ColorSystem
from rich.console import Console, ConsoleOptions, RenderResult
from rich.segment import Segment
from rich.style import Style

_SYSTEMS = {
    "standard": ColorSystem.STANDARD,
    "256": ColorSystem.EIGHT_BIT,
    "truecolor": ColorSystem.TRUECOLOR,
    "windows": ColorSystem.WINDOWS,
}
LARGE = 200  # rows from which a listing is drawn as a LongTable rather than a Rich Table
GAP = 2  # spaces between columns
MIN_LAST = 20  # the wrapped column never gets narrower than this


class LongTable:
    """Columns of plain text; a style per cell where one is given."""

    def __init__(self, headers: Sequence[str]) -> None:
        self.headers = headers
        self.rows: list[tuple[str, ...]] = []
        self.styles: list[tuple[str | None, ...]] = []

    def add_row(self, *cells: str, styles: Sequence[str | None] = ()) -> None:
        self.rows.append(tuple(cells))
        self.styles.append(tuple(styles) or (None,) * len(cells))

    def lines(self, width: int, paint: Callable[[str, str | None], str]) -> Iterator[str]:
        """The table's lines for a `width` of cells; `paint(text, style)` colours a cell."""
        widths = [cell_len(h) for h in self.headers]
        for row in self.rows:
            for i, cell in enumerate(row[:-1]):
                widths[i] = max(widths[i], cell_len(cell))
        fixed = sum(widths[:-1]) + GAP * (len(widths) - 1)
        widths[-1] = max(MIN_LAST, width - fixed)
        yield _line(self.headers, widths, ("bold",) * len(widths), paint)[0]
        yield "  ".join("─" * w for w in widths).rstrip()
        for row, styles in zip(self.rows, self.styles, strict=True):
            yield from _line(row, widths, styles, paint)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for line in self.lines(options.max_width, lambda text, style: text):
            yield Segment(line + "\n")

    def write(self, console: Console) -> None:
        """Straight to the console's file, line by line: Rich's own pipeline costs most of the
        time for tens of thousands of lines. Colours only where the console shows them."""
        styles: dict[str, Style] = {}
        system = _SYSTEMS.get(console.color_system or "")

        def paint(text: str, style: str | None) -> str:
            if style is None or console.no_color or system is None:
                return text
            parsed = styles.setdefault(style, Style.parse(style))
            return parsed.render(text, color_system=system)

        file = console.file
        for line in self.lines(console.width, paint):
            file.write(line + "\n")
        file.flush()


def _line(
    cells: Sequence[str],
    widths: list[int],
    styles: Sequence[str | None],
    paint: Callable[[str, str | None], str],
) -> list[str]:
    """A row: the last cell wrapped into as many lines as it needs, the others on the first."""
    pieces = list(_wrap(cells[-1], widths[-1])) or [""]
    blank = " " * (sum(widths[:-1]) + GAP * (len(widths) - 1))
    out = []
    for n, piece in enumerate(pieces):
        if n == 0:
            head = "".join(
                paint(cells[i], styles[i]) + " " * (width - cell_len(cells[i]) + GAP)
                for i, width in enumerate(widths[:-1])
            )
        else:
            head = blank
        out.append((head + paint(piece, styles[-1])).rstrip())
    return out


def show(console: Console, renderable: object) -> None:
    """Print `renderable`: a LongTable (also inside a Group) written straight, the rest by Rich."""
    from rich.console import Group

    parts = renderable.renderables if isinstance(renderable, Group) else [renderable]
    for part in parts:
        if isinstance(part, LongTable):
            part.write(console)
        else:
            console.print(part)


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
