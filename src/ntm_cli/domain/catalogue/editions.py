"""Messages about editions of a registry (editions.yaml) and the crosswalks between them."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "editions.invalid": (
        "{path}: tệp danh mục các lần sắp xếp đơn vị có {n} lỗi",
        "{path}: the editions file has {n} problem(s)",
    ),
    "editions.shape": (
        "tệp editions.yaml phải là một nhóm mục có editions (và crosswalks)",
        "editions.yaml is a mapping with editions (and crosswalks)",
    ),
    "editions.id_twice": (
        "danh mục '{id}' khai báo hai lần",
        "edition '{id}' is declared twice",
    ),
    "editions.reversed": (
        "danh mục '{id}' có ngày hết hiệu lực trước ngày có hiệu lực",
        "edition '{id}' ends before it starts",
    ),
    "editions.overlap": (
        "danh mục '{first}' và '{second}' cùng có hiệu lực trong một khoảng thời gian; "
        "mỗi ngày chỉ có một danh mục đơn vị",
        "editions '{first}' and '{second}' overlap; each day has one list of units",
    ),
    "editions.file_missing": (
        "không tìm thấy tệp {file}",
        "file {file} not found",
    ),
    "editions.no_registry": (
        "không danh mục nào là tệp {file} của thư mục dữ liệu (danh mục kế hoạch dùng)",
        "no edition is the folder's {file} (the edition its plan is measured on)",
    ),
    "editions.unknown": (
        "không có danh mục '{id}' trong editions",
        "no edition '{id}' among editions",
    ),
    "crosswalk.columns": (
        "bảng chuyển đổi thiếu cột: {missing}; cột không rõ: {unknown}",
        "the crosswalk lacks columns: {missing}; unknown columns: {unknown}",
    ),
    "crosswalk.no_code": (
        "dòng thiếu mã đơn vị cũ hoặc mới",
        "the row lacks the old or the new unit's code",
    ),
    "crosswalk.kind": (
        "kiểu sắp xếp '{value}' không rõ; dùng một trong: {kinds}",
        "merge kind '{value}' is unknown; use one of: {kinds}",
    ),
    "crosswalk.date": (
        "ngày có hiệu lực '{value}' không đúng dạng YYYY-MM-DD",
        "effective date '{value}' is not YYYY-MM-DD",
    ),
    "crosswalk.twice": (
        "cặp {old} → {new} đã có ở dòng trước",
        "the pair {old} → {new} is on an earlier row",
    ),
    "period.other_edition": (
        "kỳ {period} là của danh mục {other}; kế hoạch này đo trên danh mục {edition}, nhận phiếu "
        "từ kỳ {first} đến kỳ {last}. Mã đơn vị của kỳ {period} là mã theo danh mục mới (có mã "
        "cũ được dùng lại cho đơn vị khác): dùng thư mục dữ liệu của kế hoạch đo trên danh mục đó",
        "period {period} is on the units of {other}; this plan is measured on {edition} and takes "
        "returns from {first} to {last}. A unit code of {period} is a code of the new list (some "
        "old codes name other units there): use the data folder of a plan measured on it",
    ),
    "period.outside_edition": (
        "kỳ {period} nằm ngoài thời gian hiệu lực của danh mục đơn vị {edition}: kế hoạch nhận "
        "phiếu từ kỳ {first} đến kỳ {last}",
        "period {period} is outside the span of the unit list {edition}: the plan takes returns "
        "from {first} to {last}",
    ),
    "plan.edition.unknown": (
        "kế hoạch đo trên danh mục '{id}' nhưng editions.yaml không có danh mục này",
        "the plan is measured on edition '{id}', which editions.yaml does not have",
    ),
    "plan.edition.not_registry": (
        "kế hoạch đo trên danh mục '{id}' (tệp {file}); danh mục kế hoạch dùng phải là {registry}",
        "the plan is measured on edition '{id}' ({file}); a plan's edition is its folder's {registry}",
    ),
    "plan.edition.no_editions": (
        "kế hoạch đo trên danh mục '{id}' nhưng thư mục dữ liệu không có editions.yaml",
        "the plan is measured on edition '{id}', but the data folder has no editions.yaml",
    ),
    # the closing report of a plan (tổng kết)
    "report.closing.title": (
        "BÁO CÁO TỔNG KẾT THỰC HIỆN KẾ HOẠCH SỐ {number} GIAI ĐOẠN {start} - {end}",
        "CLOSING REPORT ON PLAN {number}, {start}-{end}",
    ),
    "report.closing.gist": (
        "Tổng kết thực hiện Kế hoạch số {number} giai đoạn {start} - {end}",
        "Plan {number}, {start}-{end}: closing report",
    ),
    "report.closing.basis": (
        "Thực hiện Kế hoạch số {number}, {office} báo cáo tổng kết kết quả xây dựng nông thôn "
        "mới giai đoạn {start} - {end} (số liệu tính đến ngày {as_of}, theo ngày quyết định công "
        "nhận) như sau:",
        "Under Plan {number}, {office} reports the results of new rural development over "
        "{start}-{end} (figures as of {as_of}, by decision date) as follows:",
    ),
    "report.part.years": (
        "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU QUA CÁC NĂM",
        "THE MILESTONES, YEAR BY YEAR",
    ),
    "report.part.units_after": (
        "SẮP XẾP ĐƠN VỊ HÀNH CHÍNH",
        "THE UNITS AFTER THE REORGANISATION",
    ),
    "report.closing.year": ("Năm {year}", "{year}"),
    "report.closing.unchanged": (
        "Danh mục đơn vị của kế hoạch không thay đổi trong giai đoạn.",
        "The plan's list of units did not change over the period.",
    ),
    "report.closing.moved": (
        "Từ ngày {day}, danh mục đơn vị là {new}. {merged} đơn vị cấp xã của {old} được sắp xếp "
        "thành {became} đơn vị; mức đạt chuẩn nêu trong báo cáo là của các đơn vị trước sắp xếp, "
        "không chuyển sang đơn vị mới. Nơi mỗi đơn vị nay thuộc: Phụ lục {appendix}.",
        "From {day} the list of units is {new}. {merged} commune-level units of {old} became "
        "{became} units; the levels in this report are those of the units before, not carried to "
        "the new ones. Where each unit now belongs: Appendix {appendix}.",
    ),
    "report.closing.through": (
        "Không có trong danh mục {edition}; các đơn vị cấp xã nay thuộc: {units}",
        "Not on the list {edition}; its commune-level units now belong to: {units}",
    ),
    "report.closing.no_link": (
        "Không có trong bảng chuyển đổi",
        "Not in the crosswalk",
    ),
    "report.col.level_before": ("Mức đạt đến {day}", "Level by {day}"),
    "report.col.now_in": ("Từ {day} thuộc", "From {day}, part of"),
    "report.col.merge_kind": ("Hình thức", "How"),
    "report.appendix.units_after": (
        "ĐƠN VỊ TRƯỚC VÀ SAU SẮP XẾP",
        "UNITS BEFORE AND AFTER THE REORGANISATION",
    ),
    "report.sheet.units_after": ("Sau sắp xếp", "After reorganisation"),
    "report.closing_period": (
        "--closing là báo cáo tổng kết cả giai đoạn của kế hoạch: không dùng cùng --period, "
        "--from hay --to",
        "--closing reports on the plan's whole period: it takes no --period, --from or --to",
    ),
    "report.closing_html": (
        "báo cáo tổng kết (--closing) chỉ xuất dạng bảng tính (-f xlsx)",
        "the closing report (--closing) is written as a workbook only (-f xlsx)",
    ),
    "report.other_edition": (
        "kỳ {period} là của danh mục {other}; kế hoạch này đo trên danh mục {edition}, có phiếu "
        "từ kỳ {first} đến kỳ {last}: báo cáo tháng lập đến kỳ {last}. Báo cáo tổng kết kế "
        "hoạch: ntm report --closing",
        "period {period} is on the units of {other}; this plan is measured on {edition}, with "
        "returns from {first} to {last}: its monthly reports run to {last}. The plan's closing "
        "report: ntm report --closing",
    ),
    "import.known_other_edition": (
        "tệp này đã có trong kho với phiếu kỳ {period}, kỳ của một danh mục đơn vị khác với danh "
        "mục kế hoạch này dùng: không nhập, không khôi phục",
        "this file is in the store with a return for {period}, a month of another list of units "
        "than this plan's: neither imported nor reinstated",
    ),
    "report.closing_early": (
        "Kế hoạch {number} kéo dài đến hết năm {end}: báo cáo tổng kết lập sau ngày {day}; "
        "trước đó, báo cáo tháng (--period) và ntm progress --all-years cho biết tiến độ",
        "Plan {number} runs to the end of {end}: its closing report is made after {day}; until "
        "then, the monthly report (--period) and ntm progress --all-years give its progress",
    ),
    "editions.crosswalk_order": (
        "bảng chuyển đổi từ danh mục '{old}' sang '{new}': danh mục cũ phải hết hiệu lực trước "
        "ngày danh mục mới có hiệu lực (không chuyển sang chính nó, không chuyển ngược)",
        "the crosswalk from '{old}' to '{new}': the old list must end before the new one starts "
        "(never to itself, never backwards)",
    ),
    "crosswalk.new_unknown": (
        "mã mới {code} không có trong danh mục '{edition}'",
        "new code {code} is not in edition '{edition}'",
    ),
    "crosswalk.effective_outside": (
        "ngày có hiệu lực {day} nằm ngoài thời gian hiệu lực của danh mục '{edition}'",
        "effective date {day} is outside the span of edition '{edition}'",
    ),
    "editions.outside_bundled": (
        "{file}: tệp ntm: phải nằm trong thư mục dữ liệu kèm theo ntm",
        "{file}: an ntm: file must be inside the data folder that ships with ntm",
    ),
    "editions.not_file": (
        "{file} không phải tệp thông thường (thư mục, FIFO hay thiết bị)",
        "{file} is not a regular file (a folder, a FIFO or a device)",
    ),
}
