"""Messages of the commands, the workspace and the store.

Each code maps to its (Vietnamese, English) text; see ntm_cli.domain.i18n for the specs.
"""

MESSAGES: dict[str, tuple[str, str]] = {
    "legacy.text": ("{text}", "{text}"),
    "period.invalid": (
        "{value!r} không phải kỳ báo cáo; ghi năm-tháng, ví dụ 2024-06",
        "{value!r} is not a period; write YYYY-MM, e.g. 2024-06",
    ),
    "period.outside_plan": (
        "kỳ {period} nằm ngoài kế hoạch {number} ({start}–{end})",
        "period {period} is outside plan {number} ({start}–{end})",
    ),
}
