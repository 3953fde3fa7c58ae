"""Messages about submitted files: the return form, long-format tables, the import.

Each code maps to its (Vietnamese, English) text; see ntm_cli.domain.i18n for the specs.
"""

_FIX_EXCEL = "mở tệp bằng Excel, lưu lại rồi gửi lại"

MESSAGES: dict[str, tuple[str, str]] = {
    # cells of a form or a long-format table
    "form.status.invalid": (
        "{value!r} không phải trạng thái; chọn Đạt hoặc Chưa đạt trong danh sách",
        "{value!r} is not a status; use Đạt or Chưa đạt",
    ),
    "long.status.invalid": (
        "{value!r} không phải trạng thái; ghi Đạt hoặc Chưa đạt (hoặc 1/0, x/để trống)",
        "{value!r} is not a status; use Đạt or Chưa đạt (or 1/0, x/empty)",
    ),
    "cell.not_whole": (
        "{value} không phải số nguyên (số sản phẩm)",
        "{value} is not a whole number of products",
    ),
    "cell.negative": (
        "{value} là số âm; số liệu phải từ 0 trở lên",
        "{value} is negative; amounts are 0 or more",
    ),
    "cell.not_number": ("{value} không phải là số", "{value} is not a number"),
    "cell.no_saved_result": (
        f"công thức chưa có kết quả được lưu; {_FIX_EXCEL}",
        "a formula with no saved result; open the file in Excel, save it, send it again",
    ),
    "cell.error_value": (
        "ô có giá trị lỗi {value}; hãy nhập số liệu",
        "{value} is an error value; enter a value",
    ),
    "cell.merged": ("ô bị gộp ({range}); hãy bỏ gộp ô", "the cell is merged ({range}); unmerge it"),
    "cell.too_long": (
        "nội dung dài {n:num} ký tự (tối đa 32.767); hãy rút gọn",
        "text of {n:num} characters (the limit is 32,767); shorten it",
    ),
    "cell.legacy_font": (
        "{value!r} có vẻ được gõ bằng phông TCVN3 hoặc VNI; hãy chuyển sang Unicode "
        "(Unikey: Công cụ chuyển mã) rồi lưu lại",
        "{value!r} looks like text typed in a TCVN3 or VNI font; convert it to Unicode "
        "(Unikey: Công cụ chuyển mã) and save again",
    ),
    "cell.control_removed": ("đã bỏ các ký tự điều khiển", "control characters removed"),
    # the form
    "form.item.unknown": (
        "chỉ số {item!r} không còn trong danh mục phong trào thi đua (emulation.yaml); số liệu này không được lưu",
        "item {item!r} is no longer in the emulation file (emulation.yaml); its value is not kept",
    ),
    "form.criterion.no_status": (
        "tiêu chí {number} chưa có trạng thái",
        "criterion {number} has no status",
    ),
    "form.criterion.row_moved": (
        "dòng {row} phải là tiêu chí {number}; các dòng đã bị chuyển, chèn hoặc xóa: "
        "hãy dùng đúng phiếu đã gửi",
        "row {row} should hold criterion {number}; rows were moved, inserted or deleted: "
        "use the form as ntm made it",
    ),
    "form.criterion.rows_deleted": (
        "có dòng bị xóa trong bảng tiêu chí, tại dòng {row} (mất tiêu chí {numbers:list}); các "
        "dòng bên dưới bị dồn lên: hãy hoàn tác (Ctrl+Z) hoặc điền lại vào phiếu mới (`ntm template`)",
        "rows were deleted from the criteria table at row {row} (criteria missing: "
        "{numbers:list}) and the rows below moved up: undo it (Ctrl+Z) or fill in a fresh form "
        "(`ntm template`)",
    ),
    "form.criterion.rows_inserted": (
        "có {n} dòng bị chèn thêm vào bảng tiêu chí, tại dòng {row}; các dòng bên dưới bị đẩy "
        "xuống: hãy hoàn tác (Ctrl+Z) hoặc điền lại vào phiếu mới (`ntm template`)",
        "{n} row(s) were inserted into the criteria table at row {row} and the rows below moved "
        "down: undo it (Ctrl+Z) or fill in a fresh form (`ntm template`)",
    ),
    "form.level.invalid": (
        "{value!r} không phải mức đạt chuẩn; chọn {choices:list}",
        "{value!r} is not a level; use {choices:list}",
    ),
    # the nominations workbook (ntm template --nominations)
    "nominations.version": (
        "hồ sơ đề nghị phiên bản {version!r}, ntm cần phiên bản {expected}; tạo lại bằng "
        "`ntm template --nominations`",
        "nominations workbook version {version!r}, ntm needs version {expected}; make a new one "
        "with `ntm template --nominations`",
    ),
    "nominations.identity_edited": (
        "thông tin nhận dạng ẩn của hồ sơ đề nghị đã bị sửa; hãy dùng đúng tệp ntm đã tạo",
        "the hidden identity of the nominations workbook was edited; use the file ntm made",
    ),
    "nominations.year_outside": (
        "hồ sơ đề nghị năm {year} nằm ngoài kế hoạch {number} ({start}–{end})",
        "the nominations are for {year}, outside plan {number} ({start}–{end})",
    ),
    "nominations.empty": (
        "hồ sơ đề nghị năm {year} chưa có đề nghị nào; điền ít nhất một dòng rồi nhập lại",
        "the nominations of {year} name no one; fill at least one row and import again",
    ),
    "nominations.no_rule": (
        'kế hoạch không còn quy định khen thưởng nào xét theo sheet "{sheet}"; tạo lại hồ sơ bằng '
        "`ntm template --nominations`",
        'no awards rule of the plan is judged on the sheet "{sheet}" any more; make a new '
        "workbook with `ntm template --nominations`",
    ),
    "nominations.name_missing": (
        "dòng có thông tin nhưng chưa ghi tên; ghi tên ở cột B",
        "the row has data but no name; write the name in column B",
    ),
    "nominations.commune_missing": (
        "chưa ghi mã xã của ấp; ghi mã xã 5 chữ số",
        "the hamlet's commune code is missing; write the 5-digit commune code",
    ),
    "nominations.commune_unknown": (
        "{value!r} không phải mã xã trong sổ đơn vị; ghi mã xã 5 chữ số (xem `ntm units`)",
        "{value!r} is not a commune code of the registry; write a 5-digit code (see `ntm units`)",
    ),
    "nominations.commune_outside": (
        "{value} ({name}) không thuộc địa bàn của kế hoạch",
        "{value} ({name}) is outside the plan's area",
    ),
    "nominations.yesno": (
        "{value!r} không phải Có/Không; chọn Có hoặc Không trong danh sách",
        "{value!r} is not yes or no; choose Có or Không from the list",
    ),
    "nominations.stars": (
        "{value!r} không phải số sao; ghi 3, 4 hoặc 5",
        "{value!r} is not a number of stars; use 3, 4 or 5",
    ),
    "nominations.stars_missing": (
        "sản phẩm {product!r} chưa ghi hạng sao; ghi 3, 4 hoặc 5",
        "product {product!r} has no star rating; use 3, 4 or 5",
    ),
    "nominations.product_missing": (
        "có hạng sao nhưng chưa ghi tên sản phẩm OCOP",
        "a star rating without the OCOP product's name",
    ),
    "nominations.choice": (
        "{value!r} không có trong danh sách; chọn một trong {choices:list}",
        "{value!r} is not in the list; choose one of {choices:list}",
    ),
    "form.date.invalid": (
        "{value!r} không phải ngày; ghi ngày/tháng/năm",
        "{value!r} is not a date; write dd/mm/yyyy",
    ),
    "form.copied": (
        "mã xã ghi {shown!r} nhưng phiếu này làm cho xã {code}: phiếu sao chép từ xã khác; "
        "hãy dùng phiếu của chính xã",
        "the code says {shown!r} but this form was made for {code}: a form copied from another "
        "commune; use the commune's own form",
    ),
    "form.identity_edited": (
        "thông tin nhận dạng ẩn của phiếu đã bị sửa; hãy dùng đúng phiếu đã gửi cho xã",
        "the form's hidden identity was edited; use the form ntm made for this commune",
    ),
    "form.version": (
        "phiếu mẫu phiên bản {version}, cần phiên bản {expected}: hãy gửi cho xã phiếu mới "
        "(`ntm template`)",
        "form version {version}; ntm reads version {expected}: send the commune a new form "
        "(`ntm template`)",
    ),
    "form.version_none": (
        "phiếu mẫu không ghi phiên bản, cần phiên bản {expected}: hãy gửi cho xã phiếu mới "
        "(`ntm template`)",
        "form version (none); ntm reads version {expected}: send the commune a new form "
        "(`ntm template`)",
    ),
    "form.sheet_missing": (
        'thiếu trang tính "{sheet}"; hãy dùng đúng phiếu đã gửi',
        'sheet "{sheet}" is missing; use the form as ntm made it',
    ),
    "form.criteria_set": (
        "phiếu dùng bộ tiêu chí {form_set}, kế hoạch dùng {plan_set:list} cho đơn vị này: hãy gửi"
        " phiếu mới",
        "the form uses criteria set {form_set}, the plan {plan_set:list} for this unit; send a"
        " new form",
    ),
    "form.criteria_set_other": (
        "phiếu viết theo {title} ({form_set}); kỳ {period} đơn vị phấn đấu theo {expected_title}"
        " ({expected}): phiếu được lưu nhưng không được tính cho mức đang phấn đấu; hãy gửi phiếu"
        " mới",
        "the form is on {title} ({form_set}); in {period} the unit works towards"
        " {expected_title} ({expected}): the return is kept but not counted for that level;"
        " send a new form",
    ),
    "form.no_criteria_for": (
        "{code} là {kind:kind}: kế hoạch không có bộ tiêu chí nào cho loại đơn vị này",
        "{code} is a {kind:kind}: the plan names no criteria set for that kind of unit",
    ),
    "form.choice.missing": (
        "{number} ghi Đạt nhưng chưa chọn {label}: chọn một trong {choices:list}",
        "{number} is met but names no {label}: choose one of {choices:list}",
    ),
    "form.choice.other": (
        "{value!r} không có trong danh sách {label} ({choices:list}); danh sách của quyết định"
        " chỉ là ví dụ, nên vẫn được ghi nhận: kiểm tra lại với tiêu chí lĩnh vực do tỉnh ban hành",
        "{value!r} is not in the list of {label} ({choices:list}); the decision's list gives"
        " examples only, so it is kept: check it against the province's field criteria",
    ),
    "form.choice.invalid": (
        "{value!r} không phải {label} trong danh sách: chọn một trong {choices:list}",
        "{value!r} is not a {label} of the list: choose one of {choices:list}",
    ),
    "form.not_a_commune": (
        "{code} không phải mã xã trong danh mục",
        "{code} is not a commune of the registry",
    ),
    "form.recognition.claim": (
        "{code} {name} báo cáo đạt {level:level}{decision}; danh mục ghi {held:level}: cập nhật "
        "units.csv khi có quyết định (mức đạt không tự thay đổi)",
        "{code} {name} reports {level}{decision}; the registry shows {held}: update units.csv "
        "if the decision is final (the status is not changed)",
    ),
    "form.recognition.claim_new": (
        "{code} {name} báo cáo đạt {level:level}{decision}; danh mục ghi chưa đạt chuẩn: cập nhật "
        "units.csv khi có quyết định (mức đạt không tự thay đổi)",
        "{code} {name} reports {level}{decision}; the registry shows no level: update units.csv "
        "if the decision is final (the status is not changed)",
    ),
    # the long format
    "long.header": (
        "không phải phiếu báo cáo ntm, cũng không phải bảng dạng dài: dòng tiêu đề phải là "
        "unit_code,period,criterion,status (có thể thêm unit_name,district,note)",
        "neither an ntm return form nor a long-format table: the header must be "
        "unit_code,period,criterion,status (optional unit_name,district,note)",
    ),
    "long.criteria_set.unknown": (
        "{value!r} không phải bộ tiêu chí của kế hoạch cho đơn vị này ({sets:list})",
        "{value!r} is not a criteria set the plan has for this unit ({sets:list})",
    ),
    "long.criteria_set.assumed": (
        "bảng không có cột criteria_set: số tiêu chí của {code} kỳ {period} được đọc theo {title}"
        " ({set}), bộ của mức đơn vị đang phấn đấu; nếu bảng đánh số theo bộ khác, thêm cột"
        " criteria_set",
        "the table has no criteria_set column: the criterion numbers of {code} for {period} are"
        " read in {title} ({set}), the set of the level it works towards; if the table numbers"
        " them in another set, add a criteria_set column",
    ),
    "long.criteria_set.mixed": (
        "{code} kỳ {period} đã có dòng theo bộ {first}; không ghi lẫn bộ {set} trong cùng một kỳ",
        "{code} for {period} already has rows on {first}; do not mix in {set} for the same month",
    ),
    "long.criterion.unknown": (
        "{value!r} không phải tiêu chí của bộ {set} ({known:list})",
        "{value!r} is not a criterion of {set} ({known:list})",
    ),
    "long.criterion.twice": (
        "tiêu chí {number} của xã {code} kỳ {period} bị ghi hai lần",
        "criterion {number} of {code} for {period} is given twice",
    ),
    "long.unit.unknown_code": (
        "{value!r} không phải mã xã trong danh mục",
        "{value!r} is not the code of a commune in the registry",
    ),
    "long.unit.none": (
        "không có unit_code và unit_name: hãy ghi mã xã",
        "no unit_code and no unit_name: give the commune's code",
    ),
    "long.unit.not_found": (
        "không có xã nào tên {name!r}",
        "no commune is named {name!r}",
    ),
    "long.unit.not_found_near": (
        "không có xã nào tên {name!r}; gần đúng: {near:list}",
        "no commune is named {name!r}; did you mean {near:list}",
    ),
    "long.unit.not_found_in": (
        "không có xã nào tên {name!r} thuộc {district}",
        "no commune is named {name!r} in {district}",
    ),
    "long.unit.not_found_in_near": (
        "không có xã nào tên {name!r} thuộc {district}; gần đúng: {near:list}",
        "no commune is named {name!r} in {district}; did you mean {near:list}",
    ),
    "long.unit.ambiguous": (
        "{name!r} trùng tên {n} xã: {units:list}; hãy ghi unit_code hoặc district",
        "{name!r} matches {n} communes: {units:list}; give unit_code or district",
    ),
    "long.no_rows": (
        "bảng chỉ có dòng tiêu đề, không có dòng số liệu nào",
        "the table has its header and no row under it",
    ),
    "long.too_many_problems": (
        "hơn {max:num} lỗi: phần còn lại của bảng chưa được đọc; hãy sửa các lỗi trên rồi gửi lại",
        "over {max:num} problems: the rest of the table was not read; fix these and send it again",
    ),
    "long.criteria_missing": (
        "{code} {period}: chưa có trạng thái tiêu chí {numbers:list}",
        "{code} {period}: no status for criteria {numbers:list}",
    ),
    # the file itself
    "file.empty": ("tệp rỗng", "the file is empty"),
    "file.no_sheet": ("bảng tính không có trang tính nào", "the workbook has no sheet"),
    "file.text_not_utf8": (
        "tệp văn bản không phải UTF-8; trong Excel chọn lưu “CSV UTF-8 (Comma delimited)”",
        "a text file that is not UTF-8; in Excel save as “CSV UTF-8 (Comma delimited)”",
    ),
    "file.text_utf16": (
        "tệp văn bản mã UTF-16 (Unicode Text), ntm chỉ đọc được UTF-8: trong Excel hãy lưu lại "
        "dạng “CSV UTF-8 (Comma delimited) (*.csv)” rồi gửi lại",
        "UTF-16 text (Excel's “Unicode Text”), and ntm reads UTF-8 only: in Excel save it as "
        "“CSV UTF-8 (Comma delimited) (*.csv)” and send it again",
    ),
    "file.text_nul": (
        "dòng {line} có ký tự NUL: đây không phải bảng CSV dạng văn bản; trong Excel chọn lưu "
        "“CSV UTF-8 (Comma delimited)”",
        "line {line} holds a NUL character: not a CSV text table; in Excel save it as "
        "“CSV UTF-8 (Comma delimited)”",
    ),
    "file.text_line_too_long": (
        "dòng {line} dài hơn {max:num} ký tự: không phải một dòng của bảng; hãy kiểm tra lại tệp",
        "line {line} is over {max:num} characters long: not a row of a table; check the file",
    ),
    "file.text_unreadable": (
        "không đọc được bảng từ dòng {line} ({reason}); có thể một dấu ngoặc kép chưa được đóng "
        "nên phần còn lại của tệp thành một ô: hãy đóng dấu ngoặc, hoặc lưu lại dạng CSV UTF-8",
        "the table cannot be read from line {line} ({reason}); a quote left open makes the rest "
        "of the file one cell: close it, or save the table again as CSV UTF-8",
    ),
    "file.text_too_many_cells": (
        "bảng có hơn {max:num} ô: hãy chia thành nhiều tệp",
        "the table has over {max:num} cells: split it into several files",
    ),
    "file.csv_named_workbook": (
        "tệp là văn bản CSV, không phải bảng tính Excel, dù tên có đuôi {ext}: ntm đã đọc tệp "
        "như bảng CSV; lần sau hãy đặt đuôi .csv, hoặc mở bằng Excel và lưu thành .xlsx",
        "the file is CSV text, not an Excel workbook, though its name ends in {ext}: it was "
        "read as a CSV table; next time name it .csv, or open it in Excel and save it as .xlsx",
    ),
    "file.kind.ole": (
        "tệp Excel 97-2003 (.xls); mở bằng Excel và lưu thành .xlsx",
        "an old Excel 97-2003 workbook (.xls); open it in Excel and save as .xlsx",
    ),
    "file.kind.encrypted": (
        "tệp có mật khẩu (bị mã hóa); lưu lại không đặt mật khẩu",
        "the workbook is protected by a password (encrypted); save it without a password",
    ),
    "file.kind.ods": (
        "tệp OpenDocument (.ods); lưu thành Excel .xlsx",
        "an OpenDocument spreadsheet (.ods); save it as Excel .xlsx",
    ),
    "file.kind.html": (
        "tệp là trang web (HTML), không phải bảng tính; mở bằng Excel và lưu thành .xlsx",
        "a web page (HTML), not a workbook; open it in Excel and save as .xlsx",
    ),
    "file.kind.zip": (
        "tệp nén zip, không phải bảng tính Excel",
        "a zip archive, not an Excel workbook",
    ),
    "file.kind.binary": ("không phải bảng tính", "not a spreadsheet (binary data)"),
    "file.kind.unknown": (
        "không phải bảng tính mà ntm đọc được",
        "not a workbook ntm can read",
    ),
    "file.truncated": (
        "tệp bị hỏng hoặc thiếu ({reason}); lưu lại",
        "the file is damaged or truncated ({reason}); save it again",
    ),
    "file.too_many_parts": (
        "bảng tính có {n} phần: quá nhiều, bị từ chối vì không an toàn",
        "the workbook holds {n} parts; refused as unsafe",
    ),
    "file.zip_bomb": (
        "tệp khi giải nén lên tới {mb} MB (quá {max} MB): bị từ chối vì không an toàn",
        "the workbook would inflate to {mb} MB (over {max} MB): refused as a zip bomb",
    ),
    "file.zip_unsupported": (
        f"phần {{part}} được nén theo cách ntm không đọc được ({{reason}}); {_FIX_EXCEL}",
        "{part} is stored in a way ntm cannot read ({reason}); open the file in Excel, save it "
        "and send it again",
    ),
    "file.encrypted": (
        "tệp bị mã hóa; lưu lại không đặt mật khẩu",
        "the workbook is encrypted; save it without a password",
    ),
    "file.not_a_workbook": (
        "tệp nén zip nhưng không phải bảng tính Excel (không có xl/workbook.xml)",
        "a zip file but not an Excel workbook (no xl/workbook.xml)",
    ),
    "file.part_too_large": (
        "phần {part} khi giải nén quá {max} MB: bị từ chối",
        "{part} would inflate to over {max} MB: refused",
    ),
    "file.too_many_elements": (
        "phần {part} có hơn {max:num} phần tử XML: bị từ chối",
        "{part} has over {max:num} XML elements: refused",
    ),
    "file.not_utf8_xml": (
        "phần {part} không phải XML dạng UTF-8: bị từ chối; lưu lại bằng Excel",
        "{part} is not UTF-8 XML: refused (Excel writes UTF-8)",
    ),
    "file.xml_bomb": (
        "phần {part} chứa khai báo XML không an toàn: bị từ chối",
        "{part} declares XML entities or a DTD (an XML bomb or external entity): refused",
    ),
    "file.bad_xml": (
        "phần {part} bị hỏng, XML sai cấu trúc ({reason}); lưu lại",
        "{part} is not well-formed XML ({reason}); save the file again",
    ),
    "file.part_unreadable": (
        "không đọc được phần {part} ({reason}); tệp bị hỏng",
        "{part} cannot be read ({reason}); the file is damaged",
    ),
    "file.sheet_missing": (
        'tệp thiếu trang tính "{sheet}"; lưu lại',
        'sheet "{sheet}" is missing from the file; save it again',
    ),
    "file.bad_ref": (
        'trang tính "{sheet}" có ô sai địa chỉ ({ref!r}); lưu lại',
        'sheet "{sheet}": a cell has no valid reference ({ref!r})',
    ),
    "file.bad_row": (
        'trang tính "{sheet}" có dòng sai số thứ tự ({row!r}); lưu lại',
        'sheet "{sheet}": a row has no valid number ({row!r}); save the file again',
    ),
    "file.too_many_sheets": (
        "bảng tính có hơn {max:num} trang tính: bị từ chối",
        "the workbook lists over {max:num} sheets; refused",
    ),
    "file.too_many_merges": (
        'trang tính "{sheet}" có hơn {max:num} vùng ô gộp: bị từ chối',
        'sheet "{sheet}" has over {max:num} merged ranges; refused',
    ),
    "file.too_many_cells": (
        'trang tính "{sheet}" có hơn {max:num} ô: bị từ chối',
        'sheet "{sheet}" has over {max:num} cells; refused',
    ),
    "file.missing_text": (
        "{part}: tệp bị hỏng (ô trỏ tới nội dung không có); lưu lại",
        "{part}: a cell points at a missing text; save again",
    ),
    "file.damaged": (
        "tệp bị hỏng, không đọc được ({reason}); lưu lại",
        "the file is damaged and cannot be read ({reason}); save it again",
    ),
    # the import
    "file.too_large": (
        "tệp {mb} MB quá lớn (tối đa {limit_mb} MB)",
        "{mb} MB is too large (max {limit_mb} MB)",
    ),
    "file.not_regular": (
        "không phải tệp thông thường ({kind:filekind}); không đọc",
        "not a regular file ({kind:filekind}); not read",
    ),
    "file.lock": (
        "tệp khóa của Excel (bảng tính đang mở)",
        "an Excel lock file (the workbook is open)",
    ),
    "file.not_found": ("không có tệp hoặc thư mục này", "no such file or folder"),
    "file.is_folder": ("là thư mục, không phải tệp", "a folder, not a file"),
    "file.unreadable": ("không đọc được ({reason:errno})", "cannot be read ({reason:errno})"),
    "import.conflict.batch": (
        "xã {code} có một phiếu khác kỳ {period} trong cùng đợt ({file}); "
        "thêm --replace để lấy phiếu này",
        "{code} has another return for {period} in this batch ({file}); "
        "add --replace to take this one",
    ),
    # the store
    "store.nominations_conflict": (
        "đã có hồ sơ đề nghị khen thưởng năm {year} (tệp {file}, nhập lúc {when}); thêm "
        "--replace để thay thế (hồ sơ cũ vẫn được lưu)",
        "the nominations of {year} are stored already (from {file}, imported {when}); add "
        "--replace to supersede them (the old ones are kept)",
    ),
    "store.conflict": (
        "xã {code} đã có phiếu kỳ {period} (tệp {file}, nhập lúc {when}); "
        "thêm --replace để thay thế (phiếu cũ vẫn được lưu)",
        "{code} already has a return for {period} (from {file}, imported {when}); "
        "add --replace to supersede it (the old one is kept)",
    ),
    "store.missing": (
        "{path}: chưa có kho dữ liệu phiếu; hãy nhập phiếu trước (`ntm import`)",
        "{path}: no store yet; import returns first (`ntm import`)",
    ),
    "store.unusable": (
        "{path}: không phải kho dữ liệu phiếu dùng được ({reason})",
        "{path}: not a usable ntm store ({reason})",
    ),
    "store.cannot_create": (
        "{path}: không tạo được ({reason:errno})",
        "{path}: cannot be created ({reason:errno})",
    ),
    "store.newer": (
        "{path}: do phiên bản ntm mới hơn tạo ra (lược đồ {version}); hãy nâng cấp ntm",
        "{path}: made by a newer ntm (schema {version}); upgrade ntm to use it",
    ),
}
