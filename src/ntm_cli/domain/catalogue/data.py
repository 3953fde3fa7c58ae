"""Messages about the data folder: plan, registry, criteria sets.

Each code maps to its (Vietnamese, English) text; see ntm_cli.domain.i18n for the specs.
"""

_SAVE_AS_VI = 'trong Excel chọn Tệp > Lưu thành > "CSV UTF-8" (phân cách bằng dấu phẩy)'
_SAVE_AS_EN = 'in Excel use File > Save As > "CSV UTF-8 (Comma delimited) (*.csv)"'

MESSAGES: dict[str, tuple[str, str]] = {
    # files and folders
    "data.file.unreadable": (
        "{path}: không đọc được ({reason:errno})",
        "{path}: cannot be read ({reason:errno})",
    ),
    "data.folder.missing": (
        "{path}: không có thư mục này (--data hoặc NTM_DATA)",
        "{path}: no such folder (given by --data or NTM_DATA)",
    ),
    "data.folder.no_plan": (
        "{path}: không có tệp {plan}; thư mục dữ liệu phải có tệp này và {registry}",
        "{path}: holds no {plan}; a data folder has it and {registry}",
    ),
    "data.problems": (
        "{path}: dữ liệu có {n} lỗi; hãy sửa (`ntm plan check` cũng liệt kê)",
        "{path}: {n} problem(s) in the data; fix them (`ntm plan check` lists them too)",
    ),
    "data.file.refused": ("{path}: {reason:msg}", "{path}: {reason:msg}"),
    "data.file.too_large": (
        "{path}: tệp có {size:num} byte, vượt giới hạn {limit:num} byte; không đọc",
        "{path}: {size:num} bytes is over the limit of {limit:num} bytes; not read",
    ),
    "data.value.invalid": ("giá trị không hợp lệ", "not a valid value"),
    # values of a cell or a field
    "level.invalid": (
        "{value!r} không phải mức đạt chuẩn của kế hoạch; các mức (levels trong targets.yaml): "
        "{choices:list}",
        "{value!r} is not a level of the plan; its levels (levels: in targets.yaml): "
        "{choices:list}",
    ),
    "level.id.invalid": (
        "{value!r} không phải mã mức đạt chuẩn (chữ thường, số, '.', '_', '-')",
        "{value!r} is not a level id (lower-case letters, digits, '.', '_', '-')",
    ),
    "plan.level.id_twice": (
        "mức {id!r} đã có ở trên; mỗi mức chỉ khai một lần",
        "level {id!r} is given twice; each level once",
    ),
    "unitkind.invalid": (
        "{value!r} không phải loại đơn vị; ghi Tỉnh, Huyện, Thị xã, Thành phố, Xã, Phường "
        "hoặc Thị trấn",
        "{value!r} is not a kind of unit; use Tỉnh, Huyện, Thị xã, Thành phố, Xã, Phường, "
        "Thị trấn (or province, district, town, city, commune, ward, township)",
    ),
    "year.invalid": ("{value!r} không phải năm", "{value!r} is not a year"),
    "year.outside": (
        "năm {year} nằm ngoài khoảng {low}–{high}",
        "{year} is outside {low}–{high}",
    ),
    "date.invalid": (
        "{value!r} không phải ngày; ghi ngày/tháng/năm hoặc năm-tháng-ngày, ví dụ 08/04/2024 "
        "hoặc 2024-04-08",
        "{value!r} is not a date; write YYYY-MM-DD or DD/MM/YYYY, e.g. 2024-04-08 or 08/04/2024",
    ),
    "date.no_such_day": (
        "{value!r} không phải ngày có thật: tháng {month}/{year} chỉ có {days} ngày",
        "{value!r} is not a date: the day does not exist (month {month} of {year} has {days} days)",
    ),
    # the registry (units.csv)
    "registry.file.missing": ("{path}: không có tệp này", "{path}: no such file"),
    "registry.utf16": (
        "{path}: tệp được lưu dạng UTF-16 (Văn bản Unicode của Excel); " + _SAVE_AS_VI,
        "{path}: the file is UTF-16 (Excel's 'Unicode Text'); " + _SAVE_AS_EN,
    ),
    "registry.not_utf8": (
        "{path}:{line}: tệp không phải UTF-8 (byte {byte}, có thể là Windows-1258, TCVN3 "
        "hoặc VNI); " + _SAVE_AS_VI,
        "{path}:{line}: the file is not UTF-8 (byte {byte}, perhaps Windows-1258, TCVN3 or "
        "VNI); " + _SAVE_AS_EN,
    ),
    "registry.columns.missing": (
        "{path}:1: thiếu cột {missing:list}; dòng tiêu đề phải có {required:list}",
        "{path}:1: missing column(s) {missing:list}; the header must include {required:list}",
    ),
    "registry.column.unknown": (
        "cột {column!r} không có trong mẫu; các cột dùng được: {known:list}",
        "column {column!r} is not known; use {known:list}",
    ),
    "registry.column.twice": (
        "cột {column!r} xuất hiện hai lần; chỉ giữ một",
        "column {column!r} appears twice; keep one",
    ),
    "registry.row.cells": (
        "dòng có {cells} ô nhưng tiêu đề có {header} cột; giá trị có dấu phẩy phải đặt trong "
        "dấu nháy kép",
        "the row has {cells} cells but the header {header}; a value with a comma needs quotes",
    ),
    "registry.quote.unclosed": (
        '{path}:{line}: cột {column}: dấu nháy kép (") mở ở dòng này nhưng không được đóng, '
        "nên ô kéo dài tới dòng {end}; hãy thêm dấu nháy đóng hoặc xóa dấu nháy mở (mỗi ô "
        "nằm trên một dòng)",
        '{path}:{line}: column {column}: a double quote (") opens on this line and is not '
        "closed, so the cell runs on to line {end}; close the quote or remove it (a cell stays "
        "on one line)",
    ),
    "registry.cell.too_long": (
        "{path}:{line}: có ô dài hơn {max:num} ký tự; tệp không phải sổ đơn vị hoặc bị hỏng",
        "{path}:{line}: a cell is longer than {max:num} characters; the file is not a registry "
        "or is damaged",
    ),
    "registry.control_char": (
        "có ký tự điều khiển {char} (ký tự thứ {at} của ô); hãy xóa ký tự này",
        "holds the control character {char} (character {at} of the cell); delete it",
    ),
    "registry.code.empty": (
        "để trống; mỗi đơn vị cần có mã chính thức",
        "empty; every unit needs its official code",
    ),
    "registry.name.empty": (
        "để trống; ghi tên chính thức, ví dụ Xã Long Đức",
        "empty; write the official name, e.g. Xã Long Đức",
    ),
    "registry.year.missing": (
        "để trống nhưng có quyết định công nhận; hãy ghi năm đạt chuẩn",
        "empty but a decision is given; write the result year (năm đạt chuẩn)",
    ),
    "registry.revoked.pair": (
        "cần ghi cả mức bị thu hồi và ngày thu hồi",
        "revoked_level and revoked_on go together; give both",
    ),
    "registry.ladder.lower_missing": (
        "để trống nhưng năm đạt {upper:level} là {year}; đơn vị phải đạt {lower:level} "
        "trước {upper:level}",
        "empty but {upper}_year is {year}; a unit reaches {lower} before {upper}",
    ),
    "registry.ladder.order": (
        "năm {year} sớm hơn năm đạt {lower:level} ({lower_year}); đơn vị phải đạt "
        "{lower:level} trước",
        "{year} is before {lower}_year {lower_year}; a unit reaches {lower} first",
    ),
    "registry.revoked.never": (
        "mức {level:level} bị thu hồi nhưng đơn vị chưa từng đạt",
        "{level} is revoked but was never reached",
    ),
    "registry.revoked.early": (
        "ngày {on:date} sớm hơn năm đạt {level:level} ({year})",
        "{on} is before the {level} result year {year}",
    ),
    "registry.decided.early": (
        "ngày {on:date} sớm hơn năm đạt chuẩn {year}",
        "{on} is before the result year {year}",
    ),
    "registry.code.duplicate": (
        "mã {code} trùng với dòng {line}; mỗi mã chỉ dùng một lần",
        "{code} is also on line {line}; codes are unique",
    ),
    "registry.parent.province": (
        "tỉnh không có đơn vị cấp trên (đang ghi {parent})",
        "a province has no parent (found {parent})",
    ),
    "registry.parent.empty": (
        "để trống; {kind:kind} phải thuộc một đơn vị cấp trên",
        "empty; a {kind:kind} belongs to a unit above it",
    ),
    "registry.parent.unknown": (
        "{parent} không phải đơn vị trong sổ đơn vị",
        "{parent} is not a unit of the registry",
    ),
    "registry.parent.not_province": (
        "{parent} là {parent_kind:kind} ({name}); đơn vị cấp trên của {kind:kind} phải là tỉnh",
        "{parent} is a {parent_kind:kind} ({name}); the parent of a {kind:kind} is a province",
    ),
    "registry.parent.not_district": (
        "{parent} là {parent_kind:kind} ({name}); đơn vị cấp trên của {kind:kind} phải là "
        "đơn vị cấp huyện hoặc tỉnh",
        "{parent} is a {parent_kind:kind} ({name}); the parent of a {kind:kind} is a "
        "district-level unit or the province",
    ),
    "registry.group.unknown": (
        "nhóm xã '{group}' không có trong bộ tiêu chí {set} (các nhóm: {groups})",
        "commune group '{group}' is not one of set {set}'s groups ({groups})",
    ),
    # the plan (targets.yaml)
    "plan.file.missing": (
        "{path}: không có tệp này; thư mục dữ liệu phải có targets.yaml",
        "{path}: no such file; a data folder holds targets.yaml",
    ),
    "plan.invalid": (
        "{path}: kế hoạch không hợp lệ; `ntm plan check` liệt kê đủ các lỗi",
        "{path}: the plan is not valid; `ntm plan check` lists it all",
    ),
    "plan.shape": (
        "kế hoạch phải là một nhóm mục có 'plan:' và 'milestones:'",
        "the plan must be a mapping with 'plan:' and 'milestones:'",
    ),
    "plan.milestone.id_twice": (
        "mã chỉ tiêu {id!r} trùng với milestones[{first}]; mỗi mã chỉ dùng một lần",
        "{id!r} is also milestones[{first}]; ids are unique",
    ),
    "plan.milestone.year_outside": (
        "năm {year} nằm ngoài giai đoạn của kế hoạch {start}–{end}",
        "{year} is outside the plan period {start}–{end}",
    ),
    "plan.award.id_twice": (
        "mã quy định {id!r} trùng với awards.rules[{first}]; mỗi mã chỉ dùng một lần",
        "{id!r} is also awards.rules[{first}]; ids are unique",
    ),
    "plan.id.invalid": (
        "{value!r} không phải mã hợp lệ; chỉ dùng chữ thường không dấu, chữ số và . _ -",
        "{value!r} is not an id; use lower-case letters, digits, . _ -",
    ),
    "plan.scope.invalid": (
        "{value!r} không phải đối tượng; ghi commune (xã), district (cấp huyện), province (cả"
        " tỉnh) hoặc unit (một đơn vị)",
        "{value!r} is not a scope; use commune, district, province, unit",
    ),
    "plan.recognition.invalid": (
        '{value!r} không phải ngày/tháng; ghi như "30/06" (hạn ban hành quyết định công nhận '
        "kết quả của một năm, trong năm sau)",
        '{value!r} is not a day/month; write it as "30/06" (the day of the next year until '
        "which decisions on a year's results are expected)",
    ),
    "plan.period.order": (
        "năm kết thúc {end} trước năm bắt đầu {start}",
        "end {end} is before start {start}",
    ),
    "plan.kind.invalid": (
        "{value!r} không phải loại chỉ tiêu; ghi count (tổng số), increase (tăng thêm), "
        "share (tỷ lệ) hoặc unit (một đơn vị)",
        "{value!r} is not a kind of milestone; use count, increase, share, unit",
    ),
    "plan.unit_milestone.no_unit": (
        "chỉ tiêu loại 'unit' phải ghi mã đơn vị, ví dụ unit: '845'",
        "a 'unit' milestone names its unit: unit: '845'",
    ),
    "plan.unit_milestone.scope": (
        "chỉ tiêu loại 'unit' có scope là 'unit' (hoặc bỏ trống)",
        "a 'unit' milestone has scope 'unit' (or none)",
    ),
    "plan.unit_milestone.target": (
        "chỉ tiêu loại 'unit' không ghi target (chỉ cần đơn vị đạt mức)",
        "a 'unit' milestone has no target (the unit reaches the level)",
    ),
    "plan.milestone.unit_not_allowed": (
        "chỉ chỉ tiêu loại 'unit' mới ghi mã đơn vị; chỉ tiêu này thuộc loại {kind!r}",
        "only a 'unit' milestone names a unit; this one is {kind!r}",
    ),
    "plan.milestone.scope_missing": (
        "scope: hãy ghi đối tượng được đếm: commune (xã) hoặc district (cấp huyện)",
        "scope: say what is counted: commune or district",
    ),
    "plan.milestone.target_missing": (
        "target: còn thiếu; chỉ tiêu tổng số, tăng thêm hoặc tỷ lệ (%) đều cần mục tiêu",
        "target: missing; a count, an increase or a share (%) needs one",
    ),
    "plan.milestone.share_range": (
        "target: tỷ lệ là phần trăm trong khoảng (0, 100], không phải {target:num}",
        "target: a share is a percentage in (0, 100], not {target}",
    ),
    "plan.milestone.whole": (
        "target: chỉ tiêu loại {kind!r} phải là số nguyên, không phải {target:num}",
        "target: a {kind} is a whole number, not {target}",
    ),
    "plan.award.subject": (
        "{value!r} không phải đối tượng khen thưởng; ghi một trong {choices:list}",
        "{value!r} is not a subject of an award; use one of {choices:list}",
    ),
    "plan.award.candidates": (
        "hãy ghi đơn vị được xét khi đạt mức nào: reached: [ntm, advanced, model]",
        "say which level makes a unit a candidate: reached: [ntm, advanced, model]",
    ),
    "plan.award.commune_only": (
        "{field}: chỉ xã mới nộp phiếu báo cáo; quy định cho cấp huyện không dùng được mục này",
        "{field}: only communes file returns; a district rule cannot use it",
    ),
    "plan.award.unit_evidence": (
        "requires/any_of: đơn vị ({subject}) được xét theo sổ đơn vị và phiếu báo cáo, không theo "
        "hồ sơ đề nghị",
        "requires/any_of: a unit ({subject}) is judged on the registry and the returns, not on "
        "nominations",
    ),
    "plan.award.units_only": (
        "{field}: chỉ dùng cho quy định xét đơn vị (huyện, xã); {subject} được xét theo hồ sơ "
        "đề nghị",
        "{field}: only for rules on units (districts, communes); {subject} is judged on "
        "nominations",
    ),
    "plan.award.group": (
        "group: {value!r} không phải nhóm cá nhân; ghi một trong {choices:list}",
        "group: {value!r} is not a group of individuals; use one of {choices:list}",
    ),
    "plan.award.group_unused": (
        "group: chỉ dùng cho cá nhân (individual), không dùng cho {subject}",
        "group: only for individuals, not for {subject}",
    ),
    "plan.award.evidence": (
        "{value!r} không phải điều kiện xét được trên sheet {form}; dùng {choices:list}",
        "{value!r} is not a condition the {form} sheet can answer; use {choices:list}",
    ),
    "plan.award.ocop": (
        "điều kiện ocop cần min_ocop (số sản phẩm OCOP tối thiểu), và min_ocop cần điều kiện ocop",
        "the ocop condition needs min_ocop (the fewest OCOP products), and min_ocop needs it",
    ),
    "plan.award.council_en": (
        "council_en phải có bằng số dòng council",
        "council_en must have as many lines as council",
    ),
    "plan.award.form_twice": (
        "hai quy định cùng xét trên sheet {form}; mỗi sheet đề nghị chỉ cho một quy định",
        "two rules use the {form} sheet; each nominations sheet belongs to one rule",
    ),
    "plan.award.ocop_validity": (
        "awards.ocop_certificate (thời hạn giấy chứng nhận OCOP, valid_months và source) là bắt "
        "buộc khi có quy định dùng min_ocop",
        "awards.ocop_certificate (how long an OCOP certificate holds: valid_months and source) "
        "is needed when a rule uses min_ocop",
    ),
    "plan.award.stars": (
        "min_stars: chỉ dùng cùng với min_ocop",
        "min_stars: goes with min_ocop",
    ),
    # the plan against the registry
    "plan.area.unknown": (
        "{code} không phải đơn vị trong {registry}",
        "{code} is not a unit of {registry}",
    ),
    "plan.unit.unknown": (
        "{code!r} không phải đơn vị trong {registry}",
        "{code!r} is not a unit of {registry}",
    ),
    "plan.unit.not_countable": (
        "{code} là {kind:kind} ({name}); hãy ghi một xã hoặc một đơn vị cấp huyện",
        "{code} is a {kind:kind} ({name}); name a commune or a district-level unit",
    ),
    "plan.unit.outside_area": (
        "{code} ({name}) nằm ngoài địa bàn của kế hoạch {area}",
        "{code} ({name}) is outside the plan's area {area}",
    ),
    "plan.scope.no_communes": (
        "địa bàn của kế hoạch không có xã nào để đếm",
        "the plan's area has no communes (xã) to count",
    ),
    "plan.scope.no_districts": (
        "địa bàn của kế hoạch không có đơn vị cấp huyện nào để đếm",
        "the plan's area has no district-level units to count",
    ),
    "plan.target.above_communes": (
        "mục tiêu {target:num} nhiều hơn số xã trong địa bàn ({eligible})",
        "{target:g} is more than the {eligible} communes (xã) in the area",
    ),
    "plan.scope.no_province": (
        "kế hoạch không ghi địa bàn (plan.area) có trong danh mục: không có tỉnh nào để đếm",
        "the plan names no area (plan.area) in the registry: there is no province to count",
    ),
    "plan.target.above_province": (
        "mục tiêu {target:num} nhiều hơn một tỉnh",
        "{target:g} is more than the one province",
    ),
    "plan.target.above_districts": (
        "mục tiêu {target:num} nhiều hơn số đơn vị cấp huyện trong địa bàn ({eligible})",
        "{target:g} is more than the {eligible} district-level units in the area",
    ),
    # the emulation movement (emulation.yaml)
    "emulation.invalid": (
        "{path}: tệp phong trào thi đua không hợp lệ; `ntm plan check` liệt kê đủ các lỗi",
        "{path}: the emulation file is not valid; `ntm plan check` lists it all",
    ),
    "emulation.shape": (
        "tệp phong trào thi đua phải là một nhóm mục có title, contents (và items)",
        "the emulation file is a mapping with title, contents (and items)",
    ),
    "emulation.content_twice": (
        "nội dung số {number} trùng với contents[{first}]; mỗi số chỉ dùng một lần",
        "content {number} is also contents[{first}]; numbers are unique",
    ),
    "emulation.field_twice": (
        "{field!r} được ghi hai lần trong một nội dung",
        "{field!r} is listed twice in one content",
    ),
    "emulation.item_twice": (
        "mã chỉ số {id!r} trùng với items[{first}]; mỗi mã chỉ dùng một lần",
        "{id!r} is also items[{first}]; ids are unique",
    ),
    "emulation.item_content": (
        "không có nội dung số {content}; các nội dung: {known:list}",
        "there is no content {content}; the contents are {known:list}",
    ),
    "emulation.item_programme": (
        "nội dung số {content} không có chương trình {programme!r}; các chương trình: {known:list}",
        "content {content} has no programme {programme!r}; its programmes are {known:list}",
    ),
    "emulation.set_unknown": (
        "không có bộ tiêu chí {set!r} trong thư mục criteria/",
        "no criteria set {set!r} in the criteria/ folder",
    ),
    "emulation.criterion_unknown": (
        "bộ tiêu chí {set!r} không có tiêu chí {number}",
        "criteria set {set!r} has no criterion {number}",
    ),
    # criteria sets (criteria/<id>.yaml)
    "criteria.invalid": (
        "{path}: bộ tiêu chí không hợp lệ",
        "{path}: not a valid criteria set",
    ),
    "criteria.missing": (
        "không có bộ tiêu chí này (kế hoạch ghi {set!r})",
        "no such criteria set (the plan names {set!r})",
    ),
    "criteria.shape": (
        "bộ tiêu chí phải là một nhóm mục có id, title, groups, criteria",
        "a criteria set is a mapping with id, title, groups, criteria",
    ),
    "criteria.group.unknown": (
        "{group!r} không phải nhóm nào trong {groups:list}",
        "{group!r} is not one of the groups {groups:list}",
    ),
    "criteria.number.twice": (
        "tiêu chí {number} được ghi hai lần",
        "criterion {number} is listed twice",
    ),
    "criteria.commune_group.twice": (
        "nhóm xã {group} được ghi hai lần",
        "commune group {group} is listed twice",
    ),
    "criteria.id.mismatch": (
        "{id!r} khác với tên tệp",
        "{id!r} differs from the file name",
    ),
    "criteria.empty": (
        "bộ tiêu chí không có tiêu chí, điều kiện hay bộ được gộp (includes) nào",
        "the set has no criteria, conditions or included sets",
    ),
    "criteria.condition.choice_computed": (
        "một điều kiện tính từ danh mục (computed) không hỏi lựa chọn (choices)",
        "a condition computed from the registry asks no choice (choices)",
    ),
    "criteria.condition.choice_label": (
        "có choices thì phải ghi choice: tên của điều được chọn (ví dụ “Lĩnh vực nổi trội”)",
        "choices need a choice: the name of what is chosen (for example “Lĩnh vực nổi trội”)",
    ),
    "criteria.condition.choice_blank": (
        "lựa chọn {value!r} trống hoặc có ký tự điều khiển",
        "the choice {value!r} is empty or holds a control character",
    ),
    "criteria.condition.choice_twice": (
        "lựa chọn {value!r} được ghi hai lần (không kể hoa thường, dấu)",
        "the choice {value!r} is listed twice (ignoring case and diacritics)",
    ),
    "criteria.scope_mismatch": (
        "bộ {set} dành cho {scope}, không phải {named}",
        "set {set} is for {scope}, not {named}",
    ),
    "criteria.level_unknown": (
        "bộ {set} nói đến mức {level!r}, không có trong các mức của kế hoạch ({ladder:list})",
        "set {set} names level {level!r}, not one of the plan's levels ({ladder:list})",
    ),
    "criteria.level_mismatch": (
        "bộ {set} đánh giá mức {level:level}, không phải mức {named:level}",
        "set {set} judges level {level:level}, not {named:level}",
    ),
    "criteria.include_loop": (
        "{path}: các bộ tiêu chí gộp nhau thành vòng hoặc quá sâu: {chain:list}",
        "{path}: the sets include each other in a loop or too deeply: {chain:list}",
    ),
    "criteria.include_twice": (
        "{path}: số {number} đã có trong bộ được gộp; đánh số khác",
        "{path}: number {number} is already in an included set; number it differently",
    ),
    # looking units up by name or code
    "lookup.none.unit": (
        "không có đơn vị nào khớp với {query!r}",
        "no unit matches {query!r}",
    ),
    "lookup.none.commune": (
        "không có xã nào khớp với {query!r}",
        "no commune matches {query!r}",
    ),
    "lookup.none.district": (
        "không có đơn vị cấp huyện nào khớp với {query!r}",
        "no district-level unit matches {query!r}",
    ),
    "lookup.near.unit": (
        "không có đơn vị nào khớp với {query!r}; gần đúng: {near:list}",
        "no unit matches {query!r}; did you mean {near:list}?",
    ),
    "lookup.near.commune": (
        "không có xã nào khớp với {query!r}; gần đúng: {near:list}",
        "no commune matches {query!r}; did you mean {near:list}?",
    ),
    "lookup.near.district": (
        "không có đơn vị cấp huyện nào khớp với {query!r}; gần đúng: {near:list}",
        "no district-level unit matches {query!r}; did you mean {near:list}?",
    ),
    "lookup.many.same_name": (
        "{query!r} trùng {n} đơn vị cùng tên: {units:list}; hãy ghi mã đơn vị",
        "{query!r} matches {n} units of the same name: {units:list}; give the unit's code",
    ),
    "lookup.many": (
        "{query!r} trùng {n} đơn vị: {units:list}; hãy ghi mã hoặc tiền tố (H., TX, TP, Xã, "
        "P., TT)",
        "{query!r} matches {n} units: {units:list}; give the code or a prefix "
        "(H., TX, TP, Xã, P., TT)",
    ),
    # YAML files
    "yaml.not_utf8": (
        "tệp không phải văn bản UTF-8; hãy lưu lại dạng UTF-8",
        "not UTF-8 text; save the file as UTF-8",
    ),
    "yaml.key_twice": (
        "YAML không hợp lệ: mục {name!r} được ghi hai lần trong cùng một nhóm (cả ở dòng {line})",
        "not valid YAML: {name!r} is given twice in one mapping (also on line {line})",
    ),
    "yaml.tab": (
        "YAML không hợp lệ: có ký tự tab; hãy thụt lề bằng dấu cách",
        "not valid YAML: a tab character; indent with spaces",
    ),
    "yaml.bad_start": (
        "YAML không hợp lệ: không được bắt đầu bằng ký tự {char!r}; hãy đặt giá trị trong dấu nháy",
        "not valid YAML: found character {char!r} that cannot start any token",
    ),
    "yaml.control_char": (
        "YAML không hợp lệ: có ký tự điều khiển {char}; hãy xóa ký tự này",
        "not valid YAML: found unacceptable character {char}: special characters are not allowed",
    ),
    "yaml.colon": (
        "YAML không hợp lệ: dấu ':' không đúng chỗ; giá trị có ': ' phải đặt trong dấu nháy",
        "not valid YAML: mapping values are not allowed here",
    ),
    "yaml.no_colon": (
        "YAML không hợp lệ: thiếu dấu ':' sau tên mục",
        "not valid YAML: could not find expected ':'",
    ),
    "yaml.indent": (
        "YAML không hợp lệ: thụt lề sai hoặc thiếu dấu đóng ngoặc",
        "not valid YAML: wrong indentation or an unclosed bracket",
    ),
    "yaml.unclosed": (
        "YAML không hợp lệ: tệp kết thúc khi dấu nháy hoặc dấu ngoặc chưa đóng",
        "not valid YAML: the file ends inside an unclosed quote or bracket",
    ),
    "yaml.alias": (
        "YAML không hợp lệ: tham chiếu {alias!r} không được khai báo",
        "not valid YAML: found undefined alias {alias!r}",
    ),
    "yaml.anchor": (
        "không dùng neo và tham chiếu YAML ({name}) trong tệp dữ liệu; hãy ghi đầy đủ giá trị "
        "ở từng chỗ cần dùng",
        "YAML anchors and aliases ({name}) are not allowed in a data file; write the value out "
        "in full where it is used",
    ),
    "yaml.too_deep": (
        "YAML lồng nhau quá sâu (quá {max} cấp); kế hoạch và bộ tiêu chí chỉ cần vài cấp",
        "YAML nested too deeply (over {max} levels); a plan or a criteria set needs a few",
    ),
    "yaml.too_many": (
        "tệp có hơn {max:num} giá trị; kế hoạch và bộ tiêu chí chỉ cần vài trăm",
        "the file holds over {max:num} values; a plan or a criteria set needs a few hundred",
    ),
    "yaml.key_not_text": (
        "YAML không hợp lệ: tên mục phải là chữ hoặc số, không phải danh sách hay nhóm mục",
        "not valid YAML: a key must be text or a number, not a list or a mapping",
    ),
    "yaml.value": (
        "YAML không hợp lệ: không đọc được giá trị {value!r}",
        "not valid YAML: the value {value!r} cannot be read",
    ),
    "yaml.tag": (
        "YAML không hợp lệ: thẻ {tag!r} không được hỗ trợ",
        "not valid YAML: the tag {tag!r} is not supported",
    ),
    "yaml.documents": (
        "YAML không hợp lệ: tệp chỉ được chứa một tài liệu (bỏ dòng ---)",
        "not valid YAML: expected a single document in the stream",
    ),
    "yaml.syntax": (
        "YAML không hợp lệ, sai cú pháp ({problem})",
        "not valid YAML: {problem}",
    ),
    # validation of a YAML file's fields
    "schema.missing": ("thiếu mục bắt buộc này", "Field required"),
    "schema.extra_forbidden": (
        "không phải mục có trong mẫu; kiểm tra chính tả",
        "is not a known field",
    ),
    "schema.int": ("phải là số nguyên", "Input should be a valid integer"),
    "schema.int_from_float": (
        "phải là số nguyên, không có phần thập phân",
        "Input should be a valid integer, got a number with a fractional part",
    ),
    "schema.float": ("phải là số", "Input should be a valid number"),
    "schema.finite_number": ("phải là số hữu hạn", "Input should be a finite number"),
    "schema.string": ("phải là văn bản", "Input should be a valid string"),
    "schema.bool": (
        "phải là true (có) hoặc false (không)",
        "Input should be a valid boolean (true or false)",
    ),
    "schema.date": (
        "phải là ngày hợp lệ, ghi năm-tháng-ngày, ví dụ 2024-04-08",
        "Input should be a valid date, e.g. 2024-04-08",
    ),
    "schema.choice": ("phải là {expected}", "Input should be {expected}"),
    "schema.greater_than_equal": (
        "phải lớn hơn hoặc bằng {ge}",
        "Input should be greater than or equal to {ge}",
    ),
    "schema.less_than_equal": (
        "phải nhỏ hơn hoặc bằng {le}",
        "Input should be less than or equal to {le}",
    ),
    "schema.greater_than": ("phải lớn hơn {gt}", "Input should be greater than {gt}"),
    "schema.less_than": ("phải nhỏ hơn {lt}", "Input should be less than {lt}"),
    "schema.mapping": (
        "phải là một nhóm mục (mỗi dòng dạng tên: giá trị)",
        "Input should be a mapping (lines of name: value)",
    ),
    "schema.list": (
        "phải là một danh sách (mỗi phần tử một dòng bắt đầu bằng -)",
        "Input should be a valid list",
    ),
    "schema.too_short": (
        "phải có ít nhất {min_length} phần tử (đang có {actual_length})",
        "List should have at least {min_length} item(s), not {actual_length}",
    ),
    "schema.string_too_short": (
        "phải có ít nhất {min_length} ký tự",
        "String should have at least {min_length} character(s)",
    ),
    "schema.pattern": (
        "không đúng dạng quy định ({pattern})",
        "String should match pattern '{pattern}'",
    ),
    "schema.other": ("giá trị không hợp lệ ({type})", "not a valid value ({type})"),
}
