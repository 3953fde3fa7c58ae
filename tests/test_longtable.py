"""A long listing drawn without Rich measuring every cell: same columns, wrapped the same way."""

from __future__ import annotations

import io

from rich.console import Console, Group
from rich.text import Text

from ntm_cli.render.longtable import LongTable, show


def console(width: int, color: bool = False) -> Console:
    return Console(file=io.StringIO(), width=width, force_terminal=color, no_color=not color,
                   color_system="standard" if color else None)  # fmt: skip


def test_columns_fit_their_widest_cell_and_the_last_one_wraps() -> None:
    table = LongTable(["Đơn vị", "Kết quả", "Lý do"])
    table.add_row("Xã Long Đức", "Đủ điều kiện", "đạt NTM nâng cao năm 2024; không nợ đọng XDCB")
    table.add_row(
        "Xã Mỹ Cẩm", "Cần xác minh", "chưa có phiếu báo cáo", styles=(None, "yellow", None)
    )
    out = console(60)
    show(out, Group(Text("Tiêu đề"), table))
    lines = out.file.getvalue().splitlines()
    assert lines[0] == "Tiêu đề"
    assert lines[1].split() == ["Đơn", "vị", "Kết", "quả", "Lý", "do"]
    assert set(lines[2]) == {"─", " "}
    assert lines[3].startswith("Xã Long Đức  Đủ điều kiện  đạt NTM")
    # the explanation wraps under its own column, within the width
    indent = len("Xã Long Đức  Đủ điều kiện  ")
    assert lines[4].startswith(" " * indent) and not lines[4][indent].isspace()
    assert all(len(line) <= 60 for line in lines)
    assert "\x1b[" not in out.file.getvalue()  # no colour when piped


def test_styles_show_on_a_terminal_that_has_colour() -> None:
    table = LongTable(["A", "B"])
    table.add_row("x", "y", styles=("red", None))
    out = console(40, color=True)
    show(out, table)
    assert "\x1b[31mx\x1b[0m" in out.file.getvalue()
