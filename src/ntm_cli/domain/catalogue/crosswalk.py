"""Labels and messages of `ntm crosswalk`, and of a unit card shown on another edition."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "edition.unknown_option": (
        "--edition: không có danh mục '{id}'; các danh mục: {ids:list}",
        "--edition: no edition '{id}'; the editions are: {ids:list}",
    ),
    "crosswalk.also": (
        "Đang hiển thị {name} ({code}) của danh mục {edition}. {other} ({other_code}) thuộc danh "
        "mục {other_edition}: xem bằng --edition {other_edition}",
        "Showing {name} ({code}) of edition {edition}. {other} ({other_code}) is of edition "
        "{other_edition}: see it with --edition {other_edition}",
    ),
    "crosswalk.summary": (
        "{name} ({code}): {n} đơn vị trước sắp xếp; {parts}",
        "{name} ({code}): {n} unit(s) before the reorganisation; {parts}",
    ),
    "crosswalk.summary.none": (
        "{name} ({code}): không có đơn vị trước sắp xếp trong bảng chuyển đổi",
        "{name} ({code}): no unit before it in the crosswalk",
    ),
    "crosswalk.count.level": ("{n} đạt {level:levelx}", "{n} reached {level:levelx}"),
    "crosswalk.count.commune": ("{n} xã chưa đạt chuẩn", "{n} commune(s) not yet NTM"),
    "crosswalk.count.ward": ("{n} phường", "{n} ward(s)"),
    "crosswalk.count.township": ("{n} thị trấn", "{n} township(s)"),
    "crosswalk.count.other": ("{n} {kind:kind}", "{n} {kind:kind}"),
    "crosswalk.count.no_data": (
        "{n} không có số liệu NTM ở đây",
        "{n} with no NTM data here",
    ),
    "crosswalk.went": (
        "{name} ({code}): từ {on:date} thuộc {to:list}",
        "{name} ({code}): from {on:date} part of {to:list}",
    ),
    "crosswalk.went.none": (
        "{name} ({code}): không có trong bảng chuyển đổi sang danh mục sau",
        "{name} ({code}): not in the crosswalk to the next edition",
    ),
    "crosswalk.no_data": ("không có số liệu NTM ở đây", "no NTM data here"),
    "crosswalk.own_none": (
        "chưa có mức công nhận trong danh mục mới",
        "no recognition on the new list",
    ),
    "crosswalk.title.before": (
        "Đơn vị trước sắp xếp ngày {on:date} (mức đạt ngày {before:date})",
        "Units before the reorganisation of {on:date} (level on {before:date})",
    ),
    "crosswalk.title.after": ("Sau sắp xếp", "After the reorganisation"),
    "crosswalk.title.list": ("{edition}: {n} đơn vị", "{edition}: {n} units"),
    "crosswalk.illustrative": (
        "* năm minh họa (theo ghi chú của danh mục), không phải số liệu đã công bố",
        "* an illustrative year (as the registry's note says), not a published figure",
    ),
    "crosswalk.level_on": ("Mức đạt ngày {on:date}", "Level on {on:date}"),
    "crosswalk.col.edition": ("Danh mục", "Edition"),
    "crosswalk.col.kind": ("Loại", "Kind"),
    "crosswalk.col.old_code": ("Mã cũ", "Old code"),
    "crosswalk.col.new_code": ("Mã mới", "New code"),
    "crosswalk.col.old_district": ("Huyện cũ", "Old district"),
    "crosswalk.col.merge": ("Sắp xếp", "Change"),
    "crosswalk.col.effective": ("Hiệu lực", "In force"),
    "crosswalk.col.level": ("Mức đạt", "Level"),
    "crosswalk.col.year": ("Năm", "Year"),
    "crosswalk.col.decision": ("Quyết định", "Decision"),
    "crosswalk.col.count": ("Số đơn vị", "Units"),
    "crosswalk.col.summary": ("Tóm tắt", "Summary"),
    "crosswalk.none_edition": ("không thuộc danh mục nào ở đây", "in no edition here"),
    "crosswalk.merge.merged": ("nhập toàn bộ", "merged whole"),
    "crosswalk.merge.kept": ("giữ nguyên", "kept"),
    "crosswalk.merge.renamed": ("đổi tên", "renamed"),
    "crosswalk.merge.split": ("nhập một phần", "merged in part"),
}
