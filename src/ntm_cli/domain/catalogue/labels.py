"""Labels of tables, reports and forms: key -> (Vietnamese, English)."""

LABELS: dict[str, tuple[str, str]] = {
    # statuses
    "status.achieved": ("Đạt", "Achieved"),
    "status.achieved_early": ("Đạt sớm", "Achieved early"),
    "status.missed": ("Không đạt", "Missed"),
    "status.not_yet": ("Chưa đạt (phấn đấu)", "Not yet (aspirational)"),
    "status.awaiting": ("Chờ công nhận", "Awaiting recognition"),
    "status.open": ("Đang thực hiện", "Open"),
    "status.upcoming": ("Chưa đến hạn", "Upcoming"),
    # levels
    "level.none": ("Chưa đạt chuẩn", "Not yet"),
    "series.unit": ("{unit} đạt {level}", "{unit} at {level}"),
    "series.province": (
        "Tỉnh hoàn thành nhiệm vụ xây dựng NTM",
        "Province completed the NTM task",
    ),
    "series.scope": ("{scope} đạt {level} ({kind})", "{scope} at {level} ({kind})"),
    # scopes, as counted nouns
    "scope.commune": ("Xã", "Communes"),
    "scope.district": ("Đơn vị cấp huyện", "District-level units"),
    "scope.province": ("Tỉnh", "Province"),
    # milestone kinds, for the whole-period rows
    "kind.count": ("tổng số", "total"),
    "kind.increase": ("tăng thêm trong năm", "added in the year"),
    "kind.share": ("tỷ lệ", "share"),
    # progress table
    "col.milestone": ("Chỉ tiêu", "Milestone"),
    "col.target": ("Mục tiêu", "Target"),
    "col.actual": ("Thực hiện", "Actual"),
    "col.shortfall": ("Còn thiếu", "Shortfall"),
    "col.status": ("Trạng thái", "Status"),
    "col.series": ("Chỉ tiêu", "Indicator"),
    "progress.title": ("{number} · năm {year}", "{number} · {year}"),
    "progress.title_all": (
        "{number} · tổng kết giai đoạn {start}–{end}",
        "{number} · {start}–{end}",
    ),
    "progress.by_result": (
        "theo năm đạt chuẩn, trạng thái tại {today}",
        "by result year, status as of {today}",
    ),
    "progress.by_date": (
        "theo ngày quyết định, tính đến {as_of}",
        "by decision date, as of {as_of}",
    ),
    "progress.aspirational": ("phấn đấu", "aspirational"),
    "progress.awaiting": (
        "Chờ công nhận: chưa đạt theo các quyết định đã có, nhưng quyết định công nhận kết quả "
        "năm {year} còn được ban hành đến {until} (mục recognition của targets.yaml).",
        "Awaiting recognition: not met by the decisions so far, but decisions on the results "
        "of {year} are expected until {until} (recognition in targets.yaml).",
    ),
    "progress.illustrative": (
        "Sổ đơn vị có {n} dòng số liệu minh họa (cột source); xem `ntm units`.",
        "The registry has {n} illustrative rows (source column); see `ntm units`.",
    ),
    "progress.legend": (
        "Ứng viên: đơn vị ở bậc ngay dưới mức chỉ tiêu. Mục tiêu tỷ lệ làm tròn lên.",
        "Candidates: units one step below the level. Shares round up to whole units.",
    ),
    "progress.legend_all": (
        "Mỗi ô: thực hiện/mục tiêu (năm đạt với chỉ tiêu theo đơn vị). Tỷ lệ làm tròn lên.",
        "Each cell: actual/required (year reached for a named unit). Shares round up.",
    ),
    "progress.candidates": ("{n} ứng viên", "{n} candidates"),
    "progress.none": (
        "Kế hoạch {number} không có chỉ tiêu nào cho năm {year}.",
        "Plan {number} has no milestone for {year}.",
    ),
    "progress.no_results": (
        "Sổ đơn vị chưa có kết quả nào của năm {years} (mới nhất: {latest}); "
        "cập nhật units.csv trước khi kết luận.",
        "The registry holds no result of {years} yet (latest: {latest}); "
        "update units.csv before drawing conclusions.",
    ),
    "progress.unit_reached": ("đạt năm {year}", "reached {year}"),
    "progress.unit_missing": ("chưa đạt", "not yet"),
    # units table
    "col.code": ("Mã", "Code"),
    "col.name": ("Tên", "Name"),
    "col.district": ("Cấp huyện", "District"),
    "col.level": ("Mức đạt", "Level"),
    "short.none": ("Chưa đạt", "Not yet"),
    "units.title": ("Đơn vị hành chính ({n})", "Administrative units ({n})"),
    "units.years": (
        "Cột {columns}: năm đạt chuẩn. HTNV: thị xã, thành phố hoàn thành nhiệm vụ NTM.",
        "{columns} columns: result year. Task done: town or city completed the NTM task.",
    ),
    # a registry without a district level (from 01/7/2025): no town or city to complete the task
    "units.years_no_district": ("Cột {columns}: năm đạt chuẩn.", "{columns} columns: result year."),
    "units.illustrative_note": (
        "* {n} dòng có số liệu minh họa, không phải số liệu công bố (cột source của units.csv).",
        "* {n} rows hold illustrative, not published, figures (source column of units.csv).",
    ),
    # returns: template
    "template.title": (
        "{n} phiếu báo cáo kỳ {period} trong {out}",
        "{n} return forms for {period} in {out}",
    ),
    "template.forms": ("Số phiếu", "Forms"),
    "template.example": ("Tên tệp, ví dụ: {name}", "File names like {name}"),
    # returns: import
    "import.title": ("Nhập phiếu báo cáo: {n} tệp", "Import of returns: {n} file(s)"),
    "import.dry_run": (" (thử, không lưu)", " (dry run, nothing stored)"),
    "col.file": ("Tệp", "File"),
    "col.verdict": ("Kết quả", "Verdict"),
    "col.unit": ("Đơn vị", "Unit"),
    "col.period": ("Kỳ", "Period"),
    "verdict.imported": ("đã nhập", "imported"),
    "verdict.unchanged": ("không đổi", "unchanged"),
    "verdict.replaced": ("thay thế", "replaced"),
    "verdict.rejected": ("bị từ chối", "rejected"),
    "verdict.skipped": ("bỏ qua", "skipped"),
    "import.errors": (
        "Lỗi (tệp bị từ chối không thay đổi dữ liệu):",
        "Errors (a rejected file changes nothing):",
    ),
    "import.warnings": ("Cảnh báo:", "Warnings:"),
    "import.more": (
        "… và {n} tệp khác: đã nhập hoặc không đổi",
        "… and {n} more: imported or unchanged",
    ),
    "import.more_brief": (
        "… và {n} tệp khác: đã nhập, không đổi hoặc thay thế (số đếm ở dưới)",
        "… and {n} more: imported, unchanged or replaced (counted below)",
    ),
    "import.returns": ("{n} phiếu", "{n} returns"),
    "import.nominees": ("{n} đề nghị", "{n} nominees"),
    "import.copies": (
        "{n} bản sao có đánh dấu lỗi trong {folder}, để gửi lại xã",
        "{n} annotated copies in {folder}, to send back",
    ),
    # returns: completeness
    "completeness.title": (
        "Tình hình nộp báo cáo kỳ {period} (hạn {due})",
        "Returns for {period} (due {due})",
    ),
    "col.expected": ("Phải nộp", "Expected"),
    "col.submitted": ("Đã nộp", "Submitted"),
    "col.missing": ("Chưa nộp", "Missing"),
    "col.late": ("Nộp muộn", "Late"),
    "col.rate": ("Tỷ lệ", "Rate"),
    "completeness.total": ("Toàn tỉnh", "Province"),
    "completeness.subtotal": ("Tổng cộng", "Total"),
    "completeness.missing_list": ("Xã chưa nộp:", "Communes that have not reported:"),
    "completeness.late_list": ("Xã nộp muộn:", "Communes that reported late:"),
    "completeness.all_in": ("Tất cả các xã đã nộp.", "Every commune has reported."),
    # returns: unit card
    "card.kind": ("Loại", "Kind"),
    "card.district": ("Cấp huyện", "District"),
    "card.level": ("Mức đạt hiện tại", "Level now"),
    "card.recognitions": ("Công nhận", "Recognitions"),
    "card.source": ("Nguồn số liệu", "Source"),
    "card.group": ("Nhóm xã", "Commune group"),
    "card.latest": ("Phiếu mới nhất", "Latest return"),
    "card.no_returns": ("Chưa có phiếu báo cáo nào.", "No return imported yet."),
    "card.met": ("Đạt {met}/{total} tiêu chí", "{met}/{total} criteria met"),
    "card.not_met": ("Chưa đạt", "Not met"),
    "card.no_data": ("Chưa báo cáo", "No status"),
    "card.history": ("Lịch sử phiếu báo cáo", "History of returns"),
    "card.superseded": ("đã thay thế", "superseded"),
    "card.current": ("hiện hành", "current"),
    "card.ocop": ("OCOP (3★/4★/5★)", "OCOP (3★/4★/5★)"),
    "card.debt": ("Nợ đọng XDCB (triệu đồng)", "Outstanding debt (million VND)"),
    "card.funds": ("Vốn huy động (triệu đồng)", "Funds mobilised (million VND)"),
    "col.imported_at": ("Nhập lúc", "Imported at"),
    # the monthly report workbook
    # ntm gaps
    "gaps.title": ("Tiêu chí còn thiếu · kỳ {period}", "Criteria gaps · {period}"),
    "gaps.area": ("Phạm vi: {area}", "Area: {area}"),
    "gaps.whole": ("toàn tỉnh", "the whole province"),
    "noun.commune": ("xã", "communes"),
    "noun.district": ("đơn vị cấp huyện", "district-level units"),
    "noun.province": ("tỉnh", "province"),
    "gaps.section": (
        "{noun:Noun} phấn đấu đạt {level}: {n} {noun:noun}, {with_return} có phiếu báo cáo",
        "{noun:Noun} working towards {level}: {n}, {with_return} with a return",
    ),
    "gaps.none_towards": (
        "Không có xã nào phấn đấu đạt {level}.",
        "No commune works towards {level}.",
    ),
    "gaps.no_return": (
        "Chưa có phiếu báo cáo cho mức này: {names}",
        "No return for this level: {names}",
    ),
    "gaps.set": (
        "Theo {title} ({decision})",
        "On {title} ({decision})",
    ),
    "gaps.other_set": (
        "Phiếu mới nhất viết theo bộ tiêu chí khác ({sets:list}), không tính theo {set}: {names}."
        " Phiếu vẫn được lưu; hãy gửi các xã này phiếu mới (ntm template)",
        "Latest return on another criteria set ({sets:list}), not read as {set}: {names}. The"
        " returns are kept; send these communes a new form (ntm template)",
    ),
    "gaps.col.criterion": ("Tiêu chí", "Criterion"),
    "gaps.col.not_met": ("{noun:Noun} chưa đạt", "{noun:Noun} not meeting"),
    "gaps.col.share": ("Tỷ lệ", "Share"),
    "gaps.by_district": ("Tiêu chí yếu nhất theo cấp huyện:", "Weakest criteria by district:"),
    "gaps.district_line": (
        "{district} ({n} xã có phiếu): {items}",
        "{district} ({n} with a return): {items}",
    ),
    "gaps.district_clear": (
        "{district}: mọi xã đạt đủ tiêu chí",
        "{district}: every commune meets every criterion",
    ),
    "gaps.blanks_only": ("không có tiêu chí chưa đạt, còn ô để trống", "none not met, some blank"),
    "gaps.near": (
        "{noun:Noun} gần đạt (thiếu 1–{max} tiêu chí):",
        "Near-miss {noun:noun} (1-{max} criteria short):",
    ),
    "gaps.near_none": (
        "Không có {noun:noun} nào chỉ thiếu 1–{max} tiêu chí.",
        "None of the {noun:noun} is only 1-{max} criteria short.",
    ),
    "gaps.col.commune": ("Xã", "Commune"),
    "gaps.col.district": ("Đơn vị", "Unit"),
    "col.parent": ("Trực thuộc", "Under"),
    "gaps.col.gap": ("Thiếu", "Short by"),
    "gaps.col.missing": ("Tiêu chí chưa đạt", "Criteria not met"),
    "gaps.blank": ("(trống)", "(blank)"),
    "gaps.more": (
        "… và {n} xã khác (--limit 0 để xem hết)",
        "… and {n} more (--limit 0 shows all)",
    ),
    "gaps.ready": (
        "Đạt đủ {total}/{total} tiêu chí, chưa được công nhận ({n}): {names}",
        "Meeting all {total} criteria, not yet recognised ({n}): {names}",
    ),
    "gaps.milestones": ("Chỉ tiêu năm {year} còn thiếu:", "Milestones of {year} still short:"),
    "gaps.milestone": (
        "{wording}: cần {required}, đạt {actual}, còn thiếu {shortfall}",
        "{wording}: needs {required}, {actual} reached, {shortfall} short",
    ),
    "gaps.milestone_ready": (
        "{n} {noun:noun} đạt đủ tiêu chí: {names}",
        "{n} {noun:noun} meeting every criterion: {names}",
    ),
    "gaps.milestone_near": (
        "{n} {noun:noun} chỉ thiếu 1 tiêu chí: {names}",
        "{n} {noun:noun} short of only one criterion: {names}",
    ),
    "gaps.milestone_further": (
        "{n} xã thiếu 2–{max} tiêu chí (bảng trên)",
        "{n} short of 2-{max} criteria (table above)",
    ),
    "gaps.milestone_none": ("chưa có xã nào gần đạt", "no commune is close yet"),
    "gaps.note": (
        "Mức đạt tính theo quyết định công nhận đến {as_of}. Ô để trống được tính là chưa đạt "
        "khi đếm số tiêu chí còn thiếu, và không tính vào tỷ lệ.",
        "Levels by recognition decisions up to {as_of}. A blank cell counts as not met in a "
        "commune's gap and is left out of the shares.",
    ),
    # ntm forecast
    "forecast.title": (
        "Dự báo khả năng hoàn thành chỉ tiêu · {number}",
        "Forecast of the milestones · {number}",
    ),
    "forecast.subtitle": (
        "kết quả đạt chuẩn đến năm {last}; {returns}; ngày {today}",
        "results up to {last}; {returns}; on {today}",
    ),
    "forecast.returns": ("phiếu báo cáo đến kỳ {period}", "returns up to {period}"),
    "forecast.no_returns": ("chưa có phiếu báo cáo", "no returns"),
    "forecast.col.year": ("Năm", "Year"),
    "forecast.col.required": ("Mục tiêu", "Target"),
    "forecast.col.actual": ("Hiện có", "Now"),
    "forecast.col.needed": ("Cần thêm", "Needed"),
    "forecast.col.ready": ("Sẵn sàng", "Ready"),
    "forecast.col.near": ("Gần đạt", "Near"),
    "forecast.col.trend": ("Xu hướng", "Trend"),
    "forecast.col.outlook": ("Đánh giá", "Outlook"),
    "forecast.outlook.likely": ("Có khả năng đạt", "likely"),
    "forecast.outlook.at risk": ("Có nguy cơ", "at risk"),
    "forecast.outlook.unlikely": ("Khó đạt", "unlikely"),
    "forecast.method": (
        "Phương pháp: hồi quy tuyến tính có trọng số thời gian (năm gần hơn nặng hơn, trọng số "
        "1…n) trên số đơn vị đạt mức theo năm đạt chuẩn {first}–{last}; cần ít nhất {min} năm "
        "số liệu; dự báo không vượt số đơn vị hiện có.",
        "Method: time-weighted linear regression (later years weigh more, weights 1…n) of the "
        "units at each level by result year {first}-{last}; at least {min} years are needed; "
        "projections never exceed the units that exist.",
    ),
    "forecast.legend": (
        "Sẵn sàng: xã đạt đủ tiêu chí của mức, chưa được công nhận. Gần đạt: thiếu 1–3 tiêu chí.",
        "Ready: communes meeting every criterion of the level, not yet recognised. "
        "Near: 1-3 criteria short.",
    ),
    "forecast.rule.commune": (
        "Cách đánh giá chỉ tiêu về xã (và chỉ tiêu cấp huyện khi các huyện đã nộp phiếu cấp "
        "huyện): Có khả năng đạt khi số đơn vị sẵn sàng đủ bù số còn thiếu; "
        "Có nguy cơ khi sẵn sàng cộng gần đạt đủ bù, hoặc khi chỉ riêng xu hướng đạt mục tiêu "
        "(xu hướng không thay được phiếu báo cáo: các xã sẵn sàng mới là bằng chứng), hoặc khi "
        "không có xu hướng mà các xã chưa có phiếu có thể bù; còn lại là Khó đạt.",
        "How a commune milestone (and a district-level one once district returns are filed) is "
        "judged: likely when the ready units cover the shortfall; "
        "at risk when ready and near-miss communes cover it, or when only the trend reaches the "
        "target (a trend does not replace the returns: ready communes are the evidence), or "
        "when there is no trend and the communes without a return could cover it; otherwise "
        "unlikely.",
    ),
    "forecast.rule.district": (
        "Cách đánh giá chỉ tiêu cấp huyện khi chưa có phiếu cấp huyện nào: Có khả năng đạt khi "
        "xu hướng đạt mục tiêu, Khó đạt khi không đạt, Có nguy cơ khi không có xu hướng để dự "
        "báo.",
        "How a district-level milestone is judged while no district return is filed: likely "
        "when the trend reaches the target, unlikely when it does not, at risk when there is no "
        "trend to project.",
    ),
    "forecast.rule.unit": (
        "Chỉ tiêu theo tên đơn vị: Khó đạt khi đơn vị còn cách mức hơn một bậc; nếu không, "
        "đánh giá như trên theo cấp của đơn vị (không có xu hướng riêng cho một đơn vị).",
        "A named unit: unlikely when it is more than one level below; otherwise judged as "
        "above for its level of unit (a single unit has no trend of its own).",
    ),
    "forecast.illustrative": (
        "Số liệu minh họa: xu hướng của dòng {rows} tính cả {n} đơn vị có năm đạt mức là số "
        "liệu minh họa (cột source của units.csv); số đơn vị minh họa/số đơn vị đạt mức theo "
        "năm: {years}.",
        "Illustrative inputs: the trend of row {rows} counts {n} units whose year at the level "
        "is illustrative (source column of units.csv); illustrative/all units at the level by "
        "year: {years}.",
    ),
    "forecast.too_few": ("chưa đủ số liệu ({n} năm)", "too few data ({n} years)"),
    "forecast.basis.ready": (
        "{ready} {noun:noun} sẵn sàng đủ bù {needed} còn thiếu",
        "{ready} ready {noun:noun} cover the {needed} needed",
    ),
    "forecast.basis.near": (
        "cần {needed}: {ready} {noun:noun} sẵn sàng và {near} {noun:noun} gần đạt",
        "{needed} needed: {ready} ready and {near} near-miss {noun:noun}",
    ),
    "forecast.basis.trend": (
        "cần {needed}, sẵn sàng và gần đạt chỉ có {pipeline}; xu hướng dự báo đạt {projected}",
        "{needed} needed, only {pipeline} ready or near; the trend projects {projected}",
    ),
    "forecast.basis.short": (
        "cần {needed}, sẵn sàng và gần đạt chỉ có {pipeline}{trend}",
        "{needed} needed, only {pipeline} ready or near{trend}",
    ),
    "forecast.basis.unknown": (
        "cần {needed}, sẵn sàng và gần đạt có {pipeline}; các xã chưa có phiếu sẽ quyết định",
        "{needed} needed, {pipeline} ready or near; the communes without a return decide",
    ),
    "forecast.basis.far": (
        "đơn vị còn cách mức này hơn một bậc",
        "the unit is more than one level below",
    ),
    "forecast.basis.trend_only": (
        "chưa có phiếu cấp huyện nào; xu hướng dự báo đạt {projected}/{required}",
        "no district return filed; the trend projects {projected}/{required}",
    ),
    "forecast.basis.trend_short": (
        "chưa có phiếu cấp huyện nào; xu hướng dự báo chỉ {projected}/{required}",
        "no district return filed; the trend projects only {projected}/{required}",
    ),
    "forecast.basis.no_evidence": (
        "chưa có phiếu cấp huyện nào, không có xu hướng để dự báo{children}",
        "no district return filed and there is no trend to project{children}",
    ),
    "forecast.children": (
        "; xã của huyện đạt {level}: {n}/{total}",
        "; its communes at {level}: {n}/{total}",
    ),
    "forecast.trend_short": (
        "xu hướng dự báo {projected}/{required}",
        "the trend projects {projected}/{required}",
    ),
    "forecast.no_trend": ("không đủ số liệu để dự báo xu hướng", "too few data for a trend"),
    "forecast.other_set": (
        "{n} {noun:noun} có phiếu theo bộ tiêu chí khác (cần gửi phiếu mới)",
        "{n} of the {noun:noun} with a return on another criteria set (a new form is needed)",
    ),
    "forecast.without_return": (
        "{n} {noun:noun} chưa có phiếu",
        "{n} of the {noun:noun} without a return",
    ),
    "forecast.none": (
        "Không còn chỉ tiêu nào để dự báo: các chỉ tiêu đã đạt hoặc đã có kết quả cuối cùng "
        "(xem `ntm progress`).",
        "No milestone left to forecast: each is met or its result is final (see `ntm progress`).",
    ),
    # ntm awards
    "awards.title": (
        "Danh sách xét khen thưởng năm {year} · {number}",
        "Commendation shortlist {year} · {number}",
    ),
    "awards.subtitle": (
        "theo phiếu báo cáo mới nhất đến kỳ {period}",
        "by the latest returns up to {period}",
    ),
    "awards.none": ("Không có đơn vị nào.", "No candidate."),
    "awards.col.unit": ("Đơn vị", "Unit"),
    "awards.col.verdict": ("Kết quả", "Verdict"),
    "awards.col.why": ("Lý do", "Why"),
    "awards.verdict.qualifies": ("Đủ điều kiện", "Qualifies"),
    "awards.verdict.to check": ("Cần xác minh", "To check"),
    "awards.verdict.excluded": ("Không đủ điều kiện", "Excluded"),
    "awards.totals": (
        "Đủ điều kiện {q} · cần xác minh {c} · không đủ điều kiện {e}",
        "Qualify {q} · to check {c} · excluded {e}",
    ),
    "awards.note": (
        'Điều kiện "tiêu biểu trong phong trào" của huyện, xã do Hội đồng Thi đua - Khen thưởng '
        "xét; danh sách chỉ kiểm tra các điều kiện đo được từ sổ đơn vị, phiếu báo cáo của năm xét "
        "và hồ sơ đề nghị.",
        '"Exemplary in the movement" of districts and communes is for the emulation council to '
        "judge; the list checks only what the registry, the year's returns and the nominations "
        "can tell.",
    ),
    "awards.reason.reached": (
        "đạt {level} năm {year}{decision}",
        "reached {level} in {year}{decision}",
    ),
    "awards.reason.no_debt": (
        "không nợ đọng XDCB (phiếu {period})",
        "no capital-construction debt (the {period} return)",
    ),
    "awards.reason.debt": (
        "nợ đọng XDCB {amount} triệu đồng trong phiếu {period}",
        "debt {amount} million VND in the {period} return",
    ),
    "awards.reason.debt_blank": (
        "phiếu {period} để trống ô nợ đọng XDCB",
        "the {period} return leaves the debt blank",
    ),
    "awards.reason.no_return": ("chưa có phiếu báo cáo", "no return"),
    "awards.reason.revoked": ("đã bị thu hồi công nhận ngày {on}", "recognition revoked on {on}"),
    "awards.reason.reached_town": (
        "hoàn thành nhiệm vụ xây dựng NTM năm {year}{decision}",
        "completed the NTM task in {year}{decision}",
    ),
    "awards.reason.debt_within": (
        "nợ đọng XDCB {amount} triệu đồng, trong mức cho phép {max} (phiếu {period})",
        "debt {amount} million VND, within the {max} allowed (the {period} return)",
    ),
    "awards.reason.debt_communes_within": (
        "nợ đọng XDCB {amount} triệu đồng, trong mức cho phép {max}: {units}",
        "debt {amount} million VND, within the {max} allowed: {units}",
    ),
    "awards.reason.no_communes": (
        "không có xã nộp phiếu để xác định nợ đọng XDCB",
        "no commune files returns to tell its debt",
    ),
    "awards.reason.criteria_blank": (
        "để trống tiêu chí {criteria} (phiếu {period})",
        "criteria {criteria} left blank (the {period} return)",
    ),
    "awards.reason.criteria_other_set": (
        "phiếu {period} theo bộ tiêu chí khác ({set})",
        "the {period} return uses another criteria set ({set})",
    ),
    "awards.reason.debt_communes": (
        "nợ đọng XDCB {amount} triệu đồng: {units}",
        "debt {amount} million VND: {units}",
    ),
    "awards.reason.debt_unknown": (
        "chưa rõ nợ đọng của {n}/{count} xã: {units}",
        "debt unknown for {n} of {count} communes: {units}",
    ),
    "awards.reason.no_debt_communes": (
        "{count}/{count} xã không nợ đọng XDCB",
        "none of its {count} communes reports debt",
    ),
    "awards.reason.criteria_missing": (
        "chưa đạt tiêu chí {criteria} (phiếu {period})",
        "criteria {criteria} not met (the {period} return)",
    ),
    "awards.reason.criteria_all": (
        "đạt đủ {count}/{count} tiêu chí (phiếu {period})",
        "all {count} criteria met (the {period} return)",
    ),
    "awards.none_nominated": (
        "Chưa có đề nghị nào trong hồ sơ đề nghị khen thưởng.",
        "No nominee in the nominations workbook.",
    ),
    "awards.nominations": ("Hồ sơ đề nghị: {file}", "Nominations: {file}"),
    "awards.nominations_none": (
        "Chưa nhập hồ sơ đề nghị năm {year} (`ntm template --nominations --year {year}`, điền, "
        "rồi `ntm import`): các quy định theo hồ sơ đề nghị chưa có ai được xét.",
        "No nominations workbook of {year} imported (`ntm template --nominations --year "
        "{year}`, fill it, then `ntm import`): the rules judged on nominations have no one.",
    ),
    "awards.col.nominee": ("Được đề nghị", "Nominee"),
    "awards.reason.ocop": (
        "{count} sản phẩm OCOP từ {stars} sao còn hiệu lực ngày {on}",
        "{count} OCOP products of {stars} stars or more valid on {on}",
    ),
    "awards.reason.ocop_validity_unknown": (
        "kế hoạch không ghi thời hạn giấy chứng nhận OCOP: chưa xét được sản phẩm từ {stars} sao",
        "the plan gives no validity of an OCOP certificate: products of {stars} stars or more"
        " cannot be judged",
    ),
    "awards.reason.ocop_below": (
        "{count} sản phẩm OCOP từ {stars} sao còn hiệu lực ngày {on}, cần {needed}",
        "{count} OCOP product(s) of {stars} stars or more valid on {on}, {needed} needed",
    ),
    "awards.reason.ocop_undated": (
        "{count} sản phẩm OCOP từ {stars} sao chắc chắn còn hiệu lực ngày {on}, cần {needed}",
        "{count} OCOP product(s) of {stars} stars or more surely valid on {on}, {needed} needed",
    ),
    "awards.evidence.undated": (
        "chưa ghi ngày chứng nhận: {names}",
        "no certificate date: {names}",
    ),
    "awards.evidence.lapsed": (
        "hết hiệu lực (quá {months} tháng): {names}",
        "lapsed (over {months} months): {names}",
    ),
    "awards.evidence.later": (
        "chứng nhận sau ngày {on}: {names}",
        "certified after {on}: {names}",
    ),
    "awards.evidence.money": ("{amount} triệu đồng", "{amount} million VND"),
    "awards.evidence.days": ("{n} ngày công", "{n} labour days"),
    "awards.evidence.land": ("{n} m² đất", "{n} m² of land"),
    "awards.reason.any_of.met": (
        "đạt ít nhất một trong các điều kiện: {parts}",
        "at least one of these is met: {parts}",
    ),
    "awards.reason.any_of.none": (
        "không đạt điều kiện nào trong: {parts}",
        "none of these is met: {parts}",
    ),
    "awards.reason.any_of.unknown": (
        "chưa đủ thông tin để xét các điều kiện: {parts}",
        "not enough to tell any of: {parts}",
    ),
    "awards.part.True": ("[đạt] {text}", "[met] {text}"),
    "awards.part.False": ("[không đạt] {text}", "[not met] {text}"),
    "awards.part.None": ("[chưa rõ] {text}", "[unknown] {text}"),
    "awards.reason.council": (
        "Hội đồng Thi đua - Khen thưởng xét: {what}{record}",
        "for the emulation council to judge: {what}{record}",
    ),
    "awards.reason.council_record": (" (hồ sơ ghi: {record})", " (the file says: {record})"),
    "awards.reason.contribution": ("đóng góp: {what}", "contributed {what}"),
    "awards.reason.contribution_zero": (
        "hồ sơ ghi không có đóng góp",
        "the nomination records no contribution",
    ),
    "awards.reason.no_contribution": (
        "chưa ghi đóng góp (tiền, ngày công, đất hoặc mô tả)",
        "no contribution written (money, labour days, land or a description)",
    ),
    "awards.reason.tasks_done": (
        "hoàn thành nhiệm vụ được phân công{note}",
        "completed the tasks assigned{note}",
    ),
    "awards.reason.tasks_not_done": (
        "chưa hoàn thành nhiệm vụ được phân công{note}",
        "did not complete the tasks assigned{note}",
    ),
    "awards.reason.tasks_unknown": (
        "chưa có đánh giá hoàn thành nhiệm vụ",
        "no assessment of the tasks assigned",
    ),
    "awards.reason.hamlet_recognised": (
        "được công nhận ấp đạt chuẩn NTM năm {year} ({decision}, {on})",
        "recognised as an NTM hamlet in {year} ({decision}, {on})",
    ),
    "awards.reason.hamlet_no_decision": (
        "chưa ghi quyết định công nhận ấp đạt chuẩn NTM",
        "no decision recognising the hamlet",
    ),
    "awards.reason.hamlet_no_date": (
        "quyết định {decision} chưa ghi ngày",
        "decision {decision} has no date",
    ),
    "awards.reason.hamlet_next_year": (
        "công nhận ngày {on} ({decision}): xác minh là kết quả năm {year}",
        "recognised on {on} ({decision}): check it is a result of {year}",
    ),
    "awards.reason.hamlet_other_year": (
        "công nhận ngày {on} ({decision}), không phải kết quả năm {year}",
        "recognised on {on} ({decision}), not a result of {year}",
    ),
    "awards.reason.difficult": (
        "thuộc xã đặc biệt khó khăn ({decision})",
        "in an especially difficult commune ({decision})",
    ),
    "awards.reason.difficult_no_decision": (
        "chưa ghi quyết định công nhận xã đặc biệt khó khăn",
        "no decision listing the commune as especially difficult",
    ),
    "awards.reason.not_difficult": (
        "xã không thuộc diện đặc biệt khó khăn",
        "the commune is not especially difficult",
    ),
    "awards.reason.difficult_unknown": (
        "chưa ghi xã có thuộc diện đặc biệt khó khăn không",
        "not said whether the commune is especially difficult",
    ),
    "awards.reason.value_chain": ("có liên kết chuỗi giá trị{note}", "value-chain link{note}"),
    "awards.reason.no_value_chain": ("không có liên kết chuỗi giá trị", "no value-chain link"),
    "awards.reason.value_chain_unknown": (
        "chưa ghi liên kết chuỗi giá trị",
        "value-chain link not said",
    ),
    "awards.reason.jobs": ("giải quyết việc làm cho {count} người", "{count} jobs created"),
    "awards.reason.jobs_below": (
        "giải quyết việc làm cho {count} người, cần {needed}",
        "{count} jobs created, {needed} needed",
    ),
    "awards.reason.jobs_unknown": ("chưa ghi số việc làm", "jobs created not said"),
    "awards.reason.initiative": ("sáng kiến, giải pháp: {what}", "initiative: {what}"),
    "awards.reason.no_initiative": (
        "chưa ghi sáng kiến, giải pháp",
        "no initiative or solution written",
    ),
    "awards.reason.initiative_recognised": ("được {by} công nhận", "recognised by {by}"),
    "awards.reason.initiative_unrecognised": (
        "chưa ghi cấp công nhận sáng kiến",
        "not said who recognised the initiative",
    ),
    "awards.reason.model": ("mô hình, cách làm mới: {what}", "model or new way: {what}"),
    "awards.reason.no_model": (
        "chưa ghi mô hình, cách làm mới, sáng chế",
        "no model, new way of working or invention written",
    ),
    "report.sheet.advice": ("Khuyến nghị", "What to push"),
    "advice.forecast": ("I. DỰ BÁO KHẢ NĂNG HOÀN THÀNH CHỈ TIÊU", "I. FORECAST OF THE MILESTONES"),
    "advice.weakest": ("II. TIÊU CHÍ CÒN YẾU", "II. WEAKEST CRITERIA"),
    "advice.near": (
        "III. XÃ ĐẠT ĐỦ HOẶC CHỈ THIẾU 1–{max} TIÊU CHÍ",
        "III. COMMUNES MEETING EVERY CRITERION OR 1-{max} SHORT",
    ),
    "advice.col.basis": ("Cơ sở đánh giá", "Basis"),
    "advice.col.towards": ("Phấn đấu đạt", "Working towards"),
    "advice.col.reporting": ("Số xã có phiếu", "Communes reporting"),
    "advice.col.gap": ("Số tiêu chí còn thiếu", "Criteria short"),
    # the report as a document (Nghị định 30/2020/NĐ-CP): its parts and appendices
    "report.doc.type": ("BÁO CÁO", "REPORT"),
    "report.doc.gist": (
        "Kết quả xây dựng nông thôn mới tháng {month} năm {year}",
        "New rural development: results of {month}/{year}",
    ),
    "report.doc.number": ("Số: {number}/BC-{abbr}", "No. {number}/BC-{abbr}"),
    "report.doc.recipients": ("Nơi nhận:", "Recipients:"),
    "report.doc.archive": ("- Lưu: VT.", "- Filed: archive."),
    "report.doc.appendix": ("Phụ lục {n}", "Appendix {n}"),
    "report.doc.attached": (
        "(Kèm theo Báo cáo số {number}/BC-{abbr} ngày {date} của {office})",
        "(Attached to report No. {number}/BC-{abbr} of {date} by {office})",
    ),
    "report.doc.page": ("Trang {page}/{pages}", "Page {page}/{pages}"),
    "report.doc.sheet": ("PL {n} - {name}", "App {n} - {name}"),
    "report.doc.body": ("Báo cáo", "Report"),
    "report.doc.office": (
        "Văn phòng Điều phối nông thôn mới",
        "New Rural Development Coordination Office",
    ),
    "report.doc.signer": ("CHÁNH VĂN PHÒNG", "CHIEF OF OFFICE"),
    "report.doc.basis": (
        "Thực hiện Kế hoạch số {number}, {office} báo cáo kết quả xây dựng nông thôn mới "
        "tháng {month} năm {year} (số liệu tính đến ngày {as_of}, theo ngày quyết định công "
        "nhận) như sau:",
        "Under plan {number}, the {office} reports the results of new rural development for "
        "{month}/{year} (figures as of {as_of}, by decision date) as follows:",
    ),
    "report.doc.col.target": ("Mục tiêu", "Target"),
    "report.doc.col.done": ("Thực hiện", "Done"),
    "report.doc.col.verdict": ("Đánh giá", "Assessment"),
    "report.doc.col.of_target": ("% so với mục tiêu", "% of target"),
    "report.doc.col.before": ("Tháng trước", "Month before"),
    "report.doc.col.of": ("Tổng số", "Of"),
    "report.doc.col.year": ("Năm", "Year"),
    "report.doc.col.plan": ("Kế hoạch", "Plan"),
    "report.doc.col.count": ("Số lượng", "Number"),
    "report.doc.headlines": (
        "1. Số đơn vị đạt chuẩn",
        "1. Units at each level",
    ),
    "report.doc.headline": ("Số {scope} {reached}", "{scope}: {reached}"),
    "report.doc.province": ("2. Kết quả của tỉnh", "2. The province's own result"),
    "report.doc.path": (
        "3. Số xã {reached} so với lộ trình của kế hoạch",
        "3. Communes {reached} against the plan's path",
    ),
    "report.doc.returns.expected": ("Số xã phải nộp phiếu", "Returns expected"),
    "report.doc.returns.received": ("Số phiếu đã nhận", "Returns received"),
    "report.doc.returns.late": ("Trong đó: nộp muộn", "Of which late"),
    "report.doc.returns.missing": ("Số xã chưa nộp", "Communes not yet returned"),
    "report.doc.returns.see": (
        "Danh sách xã chưa nộp, nộp muộn: Phụ lục {n}.",
        "Communes missing or late: appendix {n}.",
    ),
    "report.doc.proposal.on_track": (
        "Các chỉ tiêu của kế hoạch đều có khả năng hoàn thành đúng tiến độ.",
        "Every milestone of the plan is likely to be met on time.",
    ),
    "report.doc.proposal.at_risk": (
        "Chỉ tiêu có nguy cơ không hoàn thành: {names}.",
        "Milestones at risk: {names}.",
    ),
    "report.doc.proposal.unlikely": (
        "Chỉ tiêu khó hoàn thành: {names}.",
        "Milestones off track: {names}.",
    ),
    "report.doc.proposal.near": (
        "Đề nghị Ủy ban nhân dân các huyện, thị xã, thành phố tập trung hỗ trợ {n} xã đạt đủ "
        "hoặc chỉ còn thiếu 1–{max} tiêu chí để {reached} (danh sách tại Phụ lục {appendix}).",
        "District-level committees should support the {n} communes that meet every criterion "
        "or are 1-{max} short of {reached} (listed in appendix {appendix}).",
    ),
    # without a district level (from 01/7/2025) the communes are asked directly
    "report.doc.proposal.near_communes": (
        "Đề nghị Ủy ban nhân dân các xã tập trung thực hiện để {n} xã đạt đủ hoặc chỉ còn thiếu "
        "1–{max} tiêu chí {reached} (danh sách tại Phụ lục {appendix}).",
        "The commune committees should work so that the {n} communes that meet every criterion "
        "or are 1-{max} short reach {reached} (listed in appendix {appendix}).",
    ),
    "report.doc.proposal.none": (
        "Không có xã nào đạt đủ hoặc chỉ còn thiếu 1–{max} tiêu chí.",
        "No commune meets every criterion or is 1-{max} short.",
    ),
    "report.doc.proposal.no_forecast": (
        "Không có dự báo cho kỳ báo cáo này.",
        "There is no forecast for this period.",
    ),
    "report.doc.milestone": ("{name} ({year})", "{name} ({year})"),
    "report.doc.chart.percent": (
        "Chỉ tiêu năm {year}: thực hiện so với mục tiêu (%)",
        "Milestones of {year}: done as a share of the target (%)",
    ),
    "report.doc.chart.path": (
        "Số xã {reached}: kế hoạch và thực hiện",
        "Communes {reached}: plan and done",
    ),
    "report.doc.chart.districts": (
        "Số xã theo mức đạt chuẩn, từng đơn vị cấp huyện",
        "Communes by level, each district-level unit",
    ),
    "report.doc.chart.data": ("Số liệu biểu đồ", "Chart data"),
    "report.doc.only": ("Chỉ đạt {level}", "{level} only"),
    "report.doc.illustrative": (
        "Lưu ý: {n} đơn vị trong sổ đơn vị có số liệu minh họa, không phải số liệu công bố "
        "(đánh dấu * ở Phụ lục {communes}; danh sách ở Phụ lục {notes}).",
        "Note: {n} units of the registry hold illustrative, not published, figures "
        "(marked * in appendix {communes}; listed in appendix {notes}).",
    ),
    "report.part.milestones": (
        "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU CỦA KẾ HOẠCH",
        "RESULTS AGAINST THE PLAN'S MILESTONES",
    ),
    "report.part.overall": ("KẾT QUẢ CHUNG CỦA TỈNH", "THE PROVINCE AS A WHOLE"),
    "report.part.resources": (
        "VỐN HUY ĐỘNG, NỢ ĐỌNG XÂY DỰNG CƠ BẢN VÀ SẢN PHẨM OCOP",
        "FUNDS MOBILISED, CONSTRUCTION DEBT AND OCOP PRODUCTS",
    ),
    "report.part.returns": ("TÌNH HÌNH BÁO CÁO CỦA CÁC XÃ", "RETURNS FROM THE COMMUNES"),
    "report.part.proposals": ("ĐỀ XUẤT, KIẾN NGHỊ", "PROPOSALS"),
    "report.appendix.districts": ("KẾT QUẢ THEO ĐƠN VỊ CẤP HUYỆN", "RESULTS BY DISTRICT"),
    "report.appendix.communes": ("KẾT QUẢ THEO XÃ", "RESULTS BY COMMUNE"),
    "report.appendix.criteria": ("KẾT QUẢ TỪNG TIÊU CHÍ THEO XÃ", "EACH CRITERION BY COMMUNE"),
    "report.appendix.advice": ("DỰ BÁO VÀ XÃ GẦN ĐẠT CHUẨN", "FORECAST AND NEAR-MISS COMMUNES"),
    "report.appendix.emulation": ("KẾT QUẢ PHONG TRÀO THI ĐUA", "THE EMULATION MOVEMENT"),
    "report.appendix.returns": ("TÌNH HÌNH NỘP BÁO CÁO", "RETURNS RECEIVED"),
    "report.appendix.changes": ("BIẾN ĐỘNG TRONG THÁNG", "CHANGES IN THE MONTH"),
    "report.appendix.notes": ("GHI CHÚ SỐ LIỆU", "DATA NOTES"),
    "report.sheet.summary": ("Tổng hợp", "Summary"),
    "report.sheet.districts": ("Theo huyện", "By district"),
    "report.sheet.communes": ("Theo xã", "By commune"),
    "report.sheet.criteria": ("Tiêu chí", "Criteria"),
    "report.sheet.returns": ("Nộp báo cáo", "Returns"),
    "report.sheet.changes": ("Biến động", "Changes"),
    "report.sheet.notes": ("Ghi chú dữ liệu", "Data notes"),
    "report.motto1": ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "SOCIALIST REPUBLIC OF VIET NAM"),
    "report.motto2": ("Độc lập - Tự do - Hạnh phúc", "Independence - Freedom - Happiness"),
    "report.place_date": ("{place}, ngày {d} tháng {m} năm {y}", "{place}, {y}-{m}-{d}"),
    "report.reported": ("xã báo cáo {level}", "reported by the commune: {level}"),
    "report.title": (
        "BÁO CÁO TIẾN ĐỘ XÂY DỰNG NÔNG THÔN MỚI THÁNG {month}/{year}",
        "NEW RURAL DEVELOPMENT PROGRESS REPORT, {year}-{month}",
    ),
    "report.subtitle": (
        "Theo Kế hoạch số {number}; số liệu tính đến ngày {as_of} (theo ngày quyết định công nhận)",
        "Under plan {number}; figures as of {as_of} (by decision date)",
    ),
    "report.col.id": ("Mã chỉ tiêu", "Milestone id"),
    "report.col.milestone": ("Chỉ tiêu", "Milestone"),
    "report.col.required": ("Mục tiêu (đơn vị)", "Required (units)"),
    "report.col.actual": ("Thực hiện", "Actual"),
    "report.col.denominator": ("Tổng số đơn vị", "Units in scope"),
    "report.col.shortfall": ("Còn thiếu", "Shortfall"),
    "report.col.status": ("Trạng thái", "Status"),
    "report.col.scope": ("Đối tượng", "Units"),
    "report.col.level": ("Mức đạt chuẩn", "Level"),
    "report.col.now": ("Hiện nay", "Now"),
    "report.col.before": ("Kỳ trước", "Previous period"),
    "report.col.change": ("Tăng/giảm", "Change"),
    "report.col.share": ("Tỷ lệ", "Share"),
    "report.col.code": ("Mã", "Code"),
    "report.col.district": ("Đơn vị cấp huyện", "District-level unit"),
    "report.col.commune": ("Xã", "Commune"),
    "report.col.unit": ("Đơn vị", "Unit"),
    "report.col.communes": ("Số xã", "Communes"),
    "report.col.received": ("Phiếu đã nộp", "Returns received"),
    "report.col.plan_share": ("Chỉ tiêu tỷ lệ nâng cao", "Plan share, advanced"),
    "report.col.years": ("Năm {level}", "{level} year"),
    "report.col.met": ("Số tiêu chí đạt", "Criteria met"),
    "report.col.total": ("Tổng số tiêu chí", "Criteria in set"),
    "report.col.not_met": ("Tiêu chí chưa đạt", "Criteria not met"),
    "report.col.last": ("Kỳ phiếu gần nhất", "Latest return"),
    "report.col.debt": ("Nợ đọng XDCB (triệu đồng)", "Outstanding debt (million VND)"),
    "report.col.notes": ("Ghi chú của xã", "Commune's notes"),
    "report.col.missing": ("Chưa nộp", "Missing"),
    "report.col.late": ("Nộp muộn", "Late"),
    "report.col.expected": ("Phải nộp", "Expected"),
    "report.col.state": ("Tình trạng", "State"),
    "report.col.gained": ("Tiêu chí mới đạt", "Criteria gained"),
    "report.col.lost": ("Tiêu chí không còn đạt", "Criteria lost"),
    "report.col.recognition": ("Mức đạt chuẩn thay đổi", "Level changed"),
    "report.col.file": ("Tệp", "File"),
    "report.col.warning": ("Cảnh báo khi nhập phiếu", "Import warning"),
    "report.col.source": ("Nguồn số liệu", "Source"),
    "report.met": ("Đạt", "Met"),
    "report.not_met": ("Chưa đạt", "Not met"),
    "report.share_row": ("Tỷ lệ xã đạt", "Share meeting"),
    "report.notes.warnings": (
        "Cảnh báo khi nhập phiếu kỳ này",
        "Warnings from this period's imports",
    ),
    "report.notes.illustrative": (
        "Dòng trong sổ đơn vị có số liệu minh họa, không phải số liệu công bố",
        "Registry rows with illustrative, not published, figures",
    ),
    "report.none": ("Không có.", "None."),
    "report.written": ("{n} báo cáo trong {out}", "{n} report(s) in {out}"),
    # a unit's own result, worded as a report states it
    "reached.none": ("chưa đạt chuẩn NTM", "not yet at NTM"),
    "reached.level": ("đạt {level}", "{level}"),  # the level's phrase, from the plan's ladder
    "reached.no_task": ("chưa hoàn thành nhiệm vụ xây dựng NTM", "NTM task not yet completed"),
    "reached.year": ("{level} năm {year}", "{level}, {year}"),
    "reached.decision": ("{text} (Quyết định {decision})", "{text} (decision {decision})"),
    "report.col.tt": ("TT", "No."),
    "report.col.standing": ("Kết quả của đơn vị", "The unit's own result"),
    "report.col.decision": ("Quyết định công nhận", "Recognition decision"),
    "report.col.not_yet": ("Số xã chưa đạt chuẩn", "Communes not yet at NTM"),
    "report.col.fund": ("{source} (triệu đồng)", "{source} (million VND)"),
    "report.col.funds_total": (
        "Tổng vốn huy động trong tháng (triệu đồng)",
        "Funds mobilised in the month, total (million VND)",
    ),
    "report.col.content": ("Nội dung", "Content"),
    "report.col.unit_of": ("Đơn vị tính", "Unit"),
    "report.col.figure": ("Số liệu", "Figure"),
    "report.col.reporting": ("Số xã báo cáo", "Communes reporting"),
    "report.province.standing": ("{name}: {result}.", "{name}: {result}."),
    "report.province.none": (
        "Kế hoạch không nêu tỉnh nào trong sổ đơn vị; không có kết quả cấp tỉnh.",
        "The plan names no province of the registry; there is no province result.",
    ),
    "report.totals.funds": (
        "Vốn huy động trong tháng (phiếu của tháng)",
        "Funds mobilised in the month (the month's returns)",
    ),
    "report.totals.funds_total": ("Tổng cộng", "Total"),
    "report.totals.debt": (
        "Nợ đọng xây dựng cơ bản (phiếu gần nhất của mỗi xã)",
        "Outstanding construction debt (each commune's latest return)",
    ),
    "report.totals.ocop": (
        "Sản phẩm OCOP (phiếu gần nhất của mỗi xã)",
        "OCOP products (each commune's latest return)",
    ),
    "report.totals.ocop_stars": ("Sản phẩm OCOP {stars} sao", "OCOP products, {stars} stars"),
    "report.totals.ocop_total": ("Tổng số sản phẩm OCOP", "OCOP products, total"),
    "report.unit.money": ("triệu đồng", "million VND"),
    "report.unit.products": ("sản phẩm", "products"),
    "report.note.illustrative": ("số liệu minh họa", "illustrative figures"),
    "report.note.none": ("không có ghi chú", "no note"),
    # plan check
    "check.ok": (
        "Hợp lệ: {number}, {milestones} chỉ tiêu; {units} đơn vị ({communes} xã).",
        "Valid: {number}, {milestones} milestones; {units} units ({communes} communes).",
    ),
    "check.problems": ("{n} lỗi:", "{n} problem(s):"),
    "card.set": ("Theo {title} ({decision})", "On {title} ({decision})"),
    "card.other_set": (
        "Phiếu viết theo bộ {set}, không phải bộ {expected} của mức đơn vị đang phấn đấu trong"
        " tháng đó: được lưu, không tính cho mức này; hãy gửi phiếu mới (ntm template)",
        "The return is on set {set}, not {expected}, the set of the level the unit worked towards"
        " that month: kept, not counted for that level; send a new form (ntm template)",
    ),
    "check.other_set_more": (
        "Kho phiếu: {n} phiếu hiện hành viết theo bộ tiêu chí {set}, trong khi tháng đó đơn vị"
        " phấn đấu theo {expected}: vẫn lưu, không tính theo {expected}: {units:list} và {more}"
        " phiếu khác. Gửi phiếu mới (ntm template) để các đơn vị báo cáo lại.",
        "Store: {n} current return(s) written on criteria set {set} while the unit worked"
        " towards {expected} that month: kept, not read as {expected}: {units:list} and {more}"
        " more. Send new forms (ntm template) for the units to report again.",
    ),
    "check.other_set": (
        "Kho phiếu: {n} phiếu hiện hành viết theo bộ tiêu chí {set}, trong khi tháng đó đơn vị"
        " phấn đấu theo {expected}: vẫn lưu, không tính theo {expected}: {units:list}."
        " Gửi phiếu mới (ntm template) để các đơn vị báo cáo lại.",
        "Store: {n} current return(s) written on criteria set {set} while the unit worked"
        " towards {expected} that month: kept, not read as {expected}: {units:list}. Send new"
        " forms (ntm template) for the units to report again.",
    ),
}
LABELS.update(
    {
        # kinds of unit, for messages
        "unitkind.province": ("tỉnh", "province"),
        "unitkind.district": ("huyện", "district"),
        "unitkind.town": ("thị xã", "town"),
        "unitkind.city": ("thành phố", "city"),
        "unitkind.commune": ("xã", "commune"),
        "unitkind.ward": ("phường", "ward"),
        "unitkind.township": ("thị trấn", "township"),
        # operating-system errors, by errno name
        "errno.ENOENT": ("không có tệp hoặc thư mục này", "no such file or folder"),
        "errno.EACCES": ("không có quyền truy cập", "permission denied"),
        "errno.EPERM": ("không được phép", "operation not permitted"),
        "errno.EROFS": ("ổ đĩa chỉ cho đọc", "read-only file system"),
        "errno.ENOSPC": ("ổ đĩa đã đầy", "no space left on the disk"),
        "errno.EISDIR": ("là thư mục", "is a folder"),
        "errno.ENOTDIR": ("không phải thư mục", "not a folder"),
        "errno.EEXIST": ("đã có", "already exists"),
        "errno.EIO": ("lỗi đọc/ghi đĩa", "input/output error"),
        "errno.ENAMETOOLONG": ("tên tệp quá dài", "file name too long"),
        "errno.ELOOP": ("liên kết vòng", "too many levels of symbolic links"),
        "errno.EBUSY": ("đang được dùng", "device or resource busy"),
        "errno.ETXTBSY": ("đang được dùng", "file busy"),
        "errno.EINVAL": ("không hợp lệ", "invalid argument"),
        "errno.OTHER": ("lỗi hệ thống", "system error"),
        # kinds of value, for messages about a file's keys
        "valuekind.text": ("chuỗi ký tự trong ngoặc kép", "text in quotes"),
        "valuekind.list": ("danh sách chuỗi ký tự", "a list of texts"),
        "valuekind.table": ("một mục [bảng]", "a [table]"),
        "storecheck.title": ("Kho phiếu {path}", "Store {path}"),
        "storecheck.files": ("Tệp đã nhập", "Files imported"),
        "storecheck.returns": ("Phiếu hiện hành", "Current returns"),
        "storecheck.superseded": ("Phiếu đã bị thay thế (vẫn lưu)", "Superseded returns (kept)"),
        "storecheck.communes": ("Số xã có phiếu", "Communes with returns"),
        "storecheck.periods": ("Số kỳ báo cáo", "Reporting months"),
        "storecheck.span": ("Từ kỳ – đến kỳ", "First – last month"),
        "storecheck.schema": ("Phiên bản lược đồ", "Schema version"),
        "storecheck.size": ("Dung lượng", "Size"),
        "storecheck.ok": (
            "Kiểm tra toàn vẹn (đọc mọi trang): không có lỗi.",
            "Integrity check (every page read): no problem.",
        ),
        "storecheck.bad": (
            "Kiểm tra toàn vẹn: {n} lỗi. Khôi phục từ bản sao lưu: ntm store restore TỆP",
            "Integrity check: {n} problems. Restore a backup: ntm store restore FILE",
        ),
        "storecheck.kept": (
            "Kho trước khi khôi phục được giữ lại tại {path}",
            "The store as it was before the restore is kept at {path}",
        ),
        # the emulation movement: the form's section and the report's sheet
        "form.items.title": (
            "Kết quả thực hiện phong trào thi đua xây dựng nông thôn mới",
            "Results of the new rural development emulation movement",
        ),
        "form.items.col.item": ("Chỉ số", "Item"),
        "form.items.col.value": ("Số liệu", "Value"),
        "form.items.col.unit": ("Đơn vị tính", "Unit"),
        "form.items.col.kind": ("Cách ghi", "How to report"),
        "form.items.col.content": ("Nội dung", "Content"),
        "form.items.kind.flow": ("trong kỳ", "in the period"),
        "form.items.kind.stock": ("hiện có cuối kỳ", "existing at the period's end"),
        "report.sheet.emulation": ("Phong trào thi đua", "Emulation movement"),
        "emulation.sheet.title": (
            "KẾT QUẢ THỰC HIỆN PHONG TRÀO THI ĐUA XÂY DỰNG NÔNG THÔN MỚI THÁNG {month}/{year}",
            "RESULTS OF THE NEW RURAL DEVELOPMENT EMULATION MOVEMENT, {year}-{month}",
        ),
        "emulation.sheet.subtitle": (
            "{title}; {source}. Kỳ báo cáo tháng {month}/{year}; từ đầu năm: từ tháng 01/{year}",
            "{title}; {source}. Reporting month {year}-{month}; year to date: from {year}-01",
        ),
        "emulation.col.tt": ("TT", "No."),
        "emulation.col.line": ("Nội dung, chỉ số", "Content, figure"),
        "emulation.col.unit": ("Đơn vị tính", "Unit"),
        "emulation.col.month": ("Trong tháng", "This month"),
        "emulation.col.ytd": ("Từ đầu năm", "Year to date"),
        "emulation.col.now": ("Hiện có / số xã đạt", "Existing / communes meeting"),
        "emulation.col.reporting": ("Số xã báo cáo", "Communes reporting"),
        "emulation.col.share": ("Tỷ lệ đạt", "Share meeting"),
        "emulation.col.note": ("Ghi chú", "Note"),
        "emulation.line.criterion": (
            "Xã đạt tiêu chí {number}. {name}",
            "Communes meeting criterion {number}. {name}",
        ),
        "emulation.line.fund": ("Vốn huy động: {source}", "Funds mobilised: {source}"),
        "emulation.line.funds_total": ("Tổng vốn huy động", "Total funds mobilised"),
        "emulation.line.debt": ("Nợ đọng xây dựng cơ bản", "Outstanding capital-construction debt"),
        "emulation.line.ocop": ("Sản phẩm OCOP {stars} sao", "OCOP products, {stars} stars"),
        "fund.central": ("Ngân sách trung ương", "Central budget"),
        "fund.local": ("Ngân sách địa phương", "Local budget"),
        "fund.credit": ("Vốn tín dụng", "Credit"),
        "fund.enterprises": ("Doanh nghiệp", "Enterprises"),
        "fund.residents": ("Người dân đóng góp", "Residents' contributions"),
        "emulation.unit.communes": ("xã", "communes"),
        "emulation.unit.money": ("triệu đồng", "million VND"),
        "emulation.unit.products": ("sản phẩm", "products"),
        "emulation.note.illustrative": ("minh họa", "illustrative"),
        "emulation.note.office": ("theo cách hiểu của Văn phòng", "the office's reading"),
        "emulation.notes.title": ("Ghi chú", "Notes"),
        "emulation.notes.sums": (
            "Trong tháng, từ đầu năm: tổng số liệu trong kỳ của các phiếu hiện hành (chỉ số tính "
            "trong kỳ). Hiện có: tổng số liệu mới nhất của mỗi xã đến tháng báo cáo (chỉ số hiện có, "
            "OCOP, nợ đọng). Tiêu chí: số xã đạt / số xã có trạng thái, theo phiếu mới nhất của mỗi xã.",
            "This month, year to date: the sum of the current returns' figures for the period (items "
            "counted in the period). Existing: the sum of each commune's latest figure up to the "
            "month (items that exist, OCOP, debt). Criteria: communes meeting / communes with a "
            "status, by each commune's latest return.",
        ),
        "emulation.notes.illustrative": (
            "Dòng ghi “minh họa” ({n} dòng): chỉ số do Văn phòng chọn để theo dõi, không phải chỉ "
            "tiêu công bố trong kế hoạch.",
            "Lines marked “illustrative” ({n}): figures the office chose to follow, not published "
            "indicators of the plan.",
        ),
        "emulation.notes.office": (
            "Kế hoạch không ghi số tiêu chí: dòng ghi “theo cách hiểu của Văn phòng” là cách Văn "
            "phòng đọc nội dung; các dòng khác là tiêu chí có nội dung được chính lời kế hoạch nêu.",
            "The plan names no criterion numbers: lines marked “the office's reading” are the "
            "office's reading of the content; the others are criteria whose subject the plan's own "
            "words name.",
        ),
        "emulation.notes.contents": (
            "Nội dung theo kế hoạch",
            "The contents as the plan words them",
        ),
        "filekind.fifo": ("một đường ống FIFO", "a FIFO pipe"),
        "filekind.device": ("một thiết bị", "a device"),
        "filekind.socket": ("một socket", "a socket"),
        "filekind.other": ("một tệp đặc biệt", "a special file"),
        # the report as an HTML page (ntm report --format html)
        "report.html.target": ("Mục tiêu", "Target"),
        "report.html.verdict": ("Đánh giá", "Assessment"),
        "report.html.milestones_year": (
            "Các chỉ tiêu của Kế hoạch năm {year}",
            "The plan's milestones for {year}",
        ),
        "report.html.units_at_level": (
            "Số đơn vị đạt chuẩn theo từng mức",
            "Units at each level",
        ),
        "report.html.province": ("Kết quả của tỉnh", "The province's own result"),
        "report.html.returns_lead": (
            "Đã nhận {received}/{expected} phiếu báo cáo của các xã (hạn nộp {due}).",
            "{received} of {expected} communes' returns received (due {due}).",
        ),
        "report.html.at_risk": (
            "Chỉ tiêu có nguy cơ không đạt hoặc khó đạt",
            "Milestones at risk or unlikely to be met",
        ),
        "report.html.needed": ("còn cần {n} đơn vị", "units still needed: {n}"),
        "report.html.no_risk": (
            "Theo dự báo, các chỉ tiêu đều có khả năng đạt.",
            "By the forecast, every milestone is likely to be met.",
        ),
        "report.html.near_misses": (
            "Xã đạt đủ hoặc gần đạt đủ tiêu chí, cần tập trung hỗ trợ",
            "Communes meeting every criterion or nearly, to support first",
        ),
        "report.html.near_line": (
            "Phấn đấu đạt {level}: {ready} xã đạt đủ tiêu chí, {near} xã còn thiếu ít tiêu chí",
            "Towards {level}: meeting every criterion {ready}, a few criteria short {near}",
        ),
        "report.html.more": (
            "… và {n} xã khác (danh sách đầy đủ ở phụ lục)",
            "… and {n} more (every one in the appendix)",
        ),
        "report.html.illustrative": (
            "Lưu ý: {n} đơn vị trong sổ đơn vị có số liệu minh họa, không phải số liệu công bố "
            "(đánh dấu * ở Phụ lục kết quả theo xã; danh sách ở Phụ lục ghi chú số liệu).",
            "Note: {n} units of the registry hold illustrative, not published, figures (marked "
            "* in the appendix by commune; listed in the data notes).",
        ),
        "report.html.sign": ("(Ký, ghi rõ họ tên)", "(signature, full name)"),
        "report.html.chart.path": (
            "Số xã đạt {level} cuối mỗi năm so với lộ trình Kế hoạch",
            "Communes at {level} at the end of each year against the plan's path",
        ),
        "report.html.legend.actual": ("Thực hiện", "Actual"),
        "report.html.legend.plan": ("Lộ trình Kế hoạch", "Plan's path"),
        "report.html.chart.milestones": (
            "Mức thực hiện từng chỉ tiêu năm {year} so với mục tiêu (%)",
            "Each {year} milestone as a share of its target (%)",
        ),
        "report.html.chart.districts": (
            "Số xã theo mức đạt chuẩn của từng đơn vị cấp huyện",
            "Each district's communes by level",
        ),
    }
)
