"""Labels and messages of `ntm review`: the states of a return, the decisions, who may make
them, and the review's figures in `ntm completeness` and the monthly report."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "editions.review_levels": (
        "danh mục {id}: review là [province] hoặc [district, province] (cấp duyệt, từ thấp lên)",
        "edition {id}: review is [province] or [district, province] (levels, lowest first)",
    ),
    # states, levels, actions
    "review.state.received": ("đã nhận", "received"),
    "review.state.returned": ("đã trả lại", "returned"),
    "review.state.approved_district": ("huyện đã duyệt", "approved by the district"),
    "review.state.approved": ("đã duyệt", "approved"),
    "review.level.district": ("cấp huyện", "district"),
    "review.level.province": ("cấp tỉnh", "province"),
    "review.action.approve": ("duyệt", "approved"),
    "review.action.return": ("trả lại", "returned"),
    # the listing
    "review.list.title": ("Duyệt phiếu kỳ {period}", "Review of the returns of {period}"),
    "review.list.title_district": (
        "Duyệt phiếu kỳ {period} · {district}",
        "Review of the returns of {period} · {district}",
    ),
    "review.list.none": (
        "Không có phiếu nào kỳ {period} (theo điều kiện đã chọn)",
        "No return for {period} (as selected)",
    ),
    "review.col.code": ("Mã", "Code"),
    "review.col.name": ("Xã", "Commune"),
    "review.col.district": ("Huyện", "District"),
    "review.col.state": ("Trạng thái", "State"),
    "review.col.last": ("Quyết định gần nhất", "Last decision"),
    "review.col.comment": ("Ý kiến", "Comment"),
    "review.last": (
        "{action:msg} ({level:msg}) bởi {actor}, {at}",
        "{action:msg} ({level:msg}) by {actor}, {at}",
    ),
    "review.counts": (
        "đã nhận {received} · đã trả lại {returned} · huyện đã duyệt {approved_district} · "
        "đã duyệt {approved}",
        "received {received} · returned {returned} · approved by the district "
        "{approved_district} · approved {approved}",
    ),
    "review.bad_state": (
        "--state: không có trạng thái '{value}'; các trạng thái: {states:list}",
        "--state: no state '{value}'; the states are: {states:list}",
    ),
    # approving
    "review.approve.nothing": (
        "hãy nêu mã hoặc tên xã, hoặc --district để duyệt mọi phiếu của một huyện",
        "name communes by code or name, or --district to approve every return of a district",
    ),
    "review.approve.done": (
        "Đã duyệt {n} phiếu kỳ {period} ({level:msg}).",
        "Approved {n} return(s) of {period} ({level:msg}).",
    ),
    "review.approve.none": (
        "Không duyệt phiếu nào kỳ {period}.",
        "No return of {period} approved.",
    ),
    "review.approve.skipped": ("Bỏ qua {n} phiếu:", "Skipped {n}:"),
    "review.approve.by": ("Người duyệt: {actor}", "Decided by: {actor}"),
    "review.skip.approved": ("đã duyệt rồi", "already approved"),
    "review.skip.approved_district": (
        "huyện đã duyệt rồi, chờ tỉnh duyệt",
        "already approved by the district, awaiting the province",
    ),
    "review.skip.returned": (
        "đã trả lại, chờ xã gửi lại phiếu",
        "returned, awaiting the commune's new form",
    ),
    "review.skip.already_returned": ("đã trả lại rồi", "already returned"),
    "review.skip.awaiting_district": (
        "chưa được huyện duyệt",
        "not yet approved by the district",
    ),
    "review.skip.no_district_level": (
        "danh mục {edition} không có cấp huyện duyệt: tỉnh duyệt trực tiếp",
        "the edition {edition} has no district approval: the province approves",
    ),
    "review.skip.province_approved": (
        "tỉnh đã duyệt; chỉ cấp tỉnh trả lại được",
        "approved by the province; only the province can return it",
    ),
    "review.skip.out_of_scope": (
        "không thuộc phạm vi của {actor} ({scope:msg})",
        "not in the scope of {actor} ({scope:msg})",
    ),
    "review.skip.no_return": ("chưa có phiếu kỳ này", "no return for this month"),
    # who may act
    "review.not_officer": (
        "{actor} chưa được giao duyệt phiếu của danh mục {edition} (ntm store grant)",
        "{actor} is not an officer of the edition {edition} (ntm store grant)",
    ),
    "review.out_of_scope": (
        "{name} ({code}) không thuộc phạm vi của {actor} ({scope:msg})",
        "{name} ({code}) is not in the scope of {actor} ({scope:msg})",
    ),
    "review.scope.province": ("toàn tỉnh", "the whole province"),
    "review.scope.district": ("{name}", "{name}"),
    "review.refused": (
        "{name} ({code}) kỳ {period}: {reason:msg}",
        "{name} ({code}) {period}: {reason:msg}",
    ),
    "review.no_return": (
        "{name} ({code}) chưa có phiếu kỳ {period}",
        "{name} ({code}) has no return for {period}",
    ),
    # two officers at once
    "review.conflict.returned": (
        "{code} kỳ {period} đã được {actor} trả lại lúc {at}; không ghi quyết định này",
        "{code} {period} was returned by {actor} at {at}; this decision is not recorded",
    ),
    "review.conflict.approved": (
        "{code} kỳ {period} đã được {actor} duyệt lúc {at}; không ghi quyết định này",
        "{code} {period} was approved by {actor} at {at}; this decision is not recorded",
    ),
    "review.conflict.approved_district": (
        "{code} kỳ {period} đã được {actor} (huyện) duyệt lúc {at}; không ghi quyết định này",
        "{code} {period} was approved by {actor} (district) at {at}; this decision is not recorded",
    ),
    "review.conflict.received": (
        "{code} kỳ {period} vừa có quyết định khác của {actor} lúc {at}; không ghi quyết định này",
        "{code} {period} has just had another decision by {actor} at {at}; this decision is "
        "not recorded",
    ),
    "review.conflict.replaced": (
        "{code} kỳ {period} vừa có phiếu gửi lại; không ghi quyết định này",
        "{code} {period} has just been sent again; this decision is not recorded",
    ),
    "review.conflict.unknown": (
        "{code} kỳ {period} vừa có quyết định khác; không ghi quyết định này",
        "{code} {period} has just had another decision; this decision is not recorded",
    ),
    # returning
    "review.comment_required": (
        "--comment: cần ghi lý do trả lại phiếu",
        "--comment: say why the return is sent back",
    ),
    "review.return.done": (
        "Đã trả lại phiếu {name} ({code}) kỳ {period}. Bản gửi lại xã: {path}",
        "Returned {name} ({code}) {period}. The copy to send back: {path}",
    ),
    # history
    "review.history.title": (
        "Lịch sử duyệt phiếu {name} ({code}) kỳ {period}",
        "Review history of {name} ({code}) {period}",
    ),
    "review.history.none": (
        "Chưa có quyết định nào; phiếu hiện tại: {state:msg}",
        "No decision yet; the current return: {state:msg}",
    ),
    "review.col.return": ("Phiếu", "Return"),
    "review.current": ("hiện hành", "current"),
    "review.superseded": ("đã thay thế", "superseded"),
    # completeness and the report
    "col.approved": ("Đã duyệt", "Approved"),
    "completeness.review": (
        "Duyệt phiếu: {counts}",
        "Review: {counts}",
    ),
    "report.approved": (
        "Số phiếu đã duyệt (trên {total} phiếu nhận được)",
        "Returns approved (of {total} received)",
    ),
    "report.approved_only": (
        "Chỉ tính phiếu đã duyệt: phiếu chưa duyệt được coi như chưa nộp, mỗi xã được đọc theo "
        "phiếu đã duyệt gần nhất",
        "Approved returns only: a return not approved counts as not received; each commune is "
        "read from its latest approved return",
    ),
}
