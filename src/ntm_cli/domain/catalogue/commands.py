"""Messages of the commands, the workspace and the store.

Each code maps to its (Vietnamese, English) text; see ntm_cli.domain.i18n for the specs.
"""

MESSAGES: dict[str, tuple[str, str]] = {
    # a warning stored before warnings had codes: kept as it was written
    "store.legacy_warning": ("{text}", "{text}"),
    # empty values on the command line
    "args.empty_option": (
        "{option} để trống; hãy ghi giá trị (một giá trị trống không có nghĩa là “tất cả”)",
        "{option} is empty; give a value (an empty value does not mean “all”)",
    ),
    "args.empty_argument": (
        "đối số thứ {n} để trống; hãy ghi tên tệp, thư mục hoặc đơn vị",
        "argument {n} is empty; give a file, a folder or a unit",
    ),
    # stopping
    "interrupted": (
        "đã dừng theo yêu cầu; thao tác đang dở không được ghi",
        "stopped as asked; the operation under way was not saved",
    ),
    "import.interrupted": ("dừng theo yêu cầu ({signal})", "stopped as asked ({signal})"),
    "import.stopped": (
        "Đã dừng: {reason:msg}. Đã lưu {stored:num} tệp; {left:num} tệp chưa xử lý. Chạy lại "
        "đúng lệnh này để nhập tiếp: các tệp đã lưu được bỏ qua",
        "Stopped: {reason:msg}. {stored:num} files stored; {left:num} files not reached. Run "
        "the same command again to go on: files already stored are skipped",
    ),
    "import.stopped_dry": (
        "Đã dừng: {reason:msg}. Đã kiểm tra {stored:num} tệp; {left:num} tệp chưa kiểm tra "
        "(chạy thử: không lưu gì)",
        "Stopped: {reason:msg}. {stored:num} files checked; {left:num} files not reached (a dry "
        "run: nothing was stored)",
    ),
    "import.copies_cut": (
        "dừng khi đang ghi bản sao có đánh dấu lỗi: mới ghi {written:num} bản; chạy lại lệnh để "
        "ghi đủ",
        "stopped while writing the annotated copies: {written:num} written; run the command "
        "again for the rest",
    ),
    "import.superseded_hint": (
        "phiếu trong tệp này đã bị một phiếu sau thay thế; thêm --replace (ghi riêng tên tệp) để "
        "dùng lại phiếu này",
        "the returns of this file were superseded by a later one; add --replace (naming the "
        "file) to make them current again",
    ),
    # the store: where it is, and what is wrong with it
    "store.source.option": ("theo --store", "from --store"),
    "store.source.env": ("theo NTM_STORE", "from NTM_STORE"),
    "store.source.project": ("theo {path}", "from {path}"),
    "store.source.default": ("vị trí mặc định", "the default location"),
    "store.footer": ("Kho phiếu: {path} ({source:msg})", "Store: {path} ({source:msg})"),
    "store.footer.count": (
        "Kho phiếu: {path} ({source:msg}) · {n:num} phiếu kỳ {period}",
        "Store: {path} ({source:msg}) · {n:num} returns for {period}",
    ),
    "store.footer.missing": (
        "Kho phiếu: {path} ({source:msg}) · chưa có",
        "Store: {path} ({source:msg}) · does not exist",
    ),
    "store.not_there": (
        "chưa có kho phiếu tại {path} ({source:msg}), nên chưa có phiếu nào được đọc; nếu đã "
        "nhập phiếu, kiểm tra --store, NTM_STORE hoặc ntm.toml",
        "there is no store at {path} ({source:msg}), so no return was read; if returns were "
        "imported, check --store, NTM_STORE or ntm.toml",
    ),
    "store.no_returns_period": (
        "kho phiếu {path} không có phiếu nào của kỳ {period}",
        "the store {path} holds no return for {period}",
    ),
    "store.no_returns": (
        "kho phiếu {path} chưa có phiếu nào",
        "the store {path} holds no return",
    ),
    "store.unnamed": (
        "chưa có kho phiếu, và chưa nơi nào ghi đặt kho ở đâu (vị trí mặc định {path}); chạy "
        "`ntm init` để ghi nơi đặt kho vào ntm.toml, hoặc ghi rõ --store TỆP",
        "there is no store yet and nothing names one (the default would be {path}); run "
        "`ntm init` to name it in ntm.toml, or give --store FILE",
    ),
    "store.created": ("đã tạo kho phiếu mới: {path}", "a new store was created: {path}"),
    "store.empty_file": (
        "{path}: tệp rỗng (0 byte), không phải kho phiếu của ntm; nếu muốn đặt kho mới ở đây, "
        "hãy xoá tệp rồi chạy lại",
        "{path}: an empty (0-byte) file, not an ntm store; to start a store there, delete the "
        "file and run again",
    ),
    "store.not_sqlite": (
        "{path}: không phải kho phiếu của ntm (không phải cơ sở dữ liệu SQLite); kiểm tra "
        "--store, NTM_STORE hoặc ntm.toml",
        "{path}: not an ntm store (not an SQLite database); check --store, NTM_STORE or ntm.toml",
    ),
    "store.foreign": (
        "{path}: cơ sở dữ liệu của chương trình khác (có các bảng {tables:list}), không phải kho "
        "phiếu của ntm; ntm không ghi gì vào đó. Chọn tệp khác bằng --store, NTM_STORE hoặc "
        "ntm.toml",
        "{path}: another program's database (tables {tables:list}), not an ntm store; ntm "
        "writes nothing to it. Choose another file with --store, NTM_STORE or ntm.toml",
    ),
    "store.foreign_app": (
        "{path}: cơ sở dữ liệu của chương trình khác (mã ứng dụng {app}), không phải kho phiếu "
        "của ntm; ntm không ghi gì vào đó",
        "{path}: another program's database (application id {app}), not an ntm store; ntm "
        "writes nothing to it",
    ),
    "store.is_folder": (
        "{path}: là thư mục; kho phiếu là một tệp, ví dụ {example}",
        "{path}: a folder; the store is a file, e.g. {example}",
    ),
    "store.not_regular": (
        "{path}: không phải tệp thông thường, không dùng làm kho phiếu được",
        "{path}: not a regular file; it cannot be the store",
    ),
    "store.unreadable": (
        "{path}: không đọc được kho ({reason:errno})",
        "{path}: the store cannot be read ({reason:errno})",
    ),
    "store.read_only": (
        "{path}: kho chỉ đọc, không ghi được (quyền của tệp hoặc thư mục chứa nó); chưa phiếu "
        "nào được lưu. Xin quyền ghi, hoặc dùng --store trỏ tới kho ghi được",
        "{path}: the store is read-only (the file's or its folder's permissions); nothing was "
        "stored. Get write access, or give --store a store you can write",
    ),
    "store.locked": (
        "{path}: kho đang bị một tiến trình khác khoá và chưa được nhả; hãy thử lại sau",
        "{path}: another process holds the store locked and has not let go; try again later",
    ),
    "store.damaged": (
        "{path}: kho bị hỏng (có trang dữ liệu không đọc được). Chạy `ntm store check` để "
        "kiểm tra, rồi `ntm store restore BẢN_SAO_LƯU` để khôi phục",
        "{path}: the store is damaged (a page cannot be read). Run `ntm store check`, then "
        "`ntm store restore BACKUP` to restore it",
    ),
    "store.full": (
        "{path}: đĩa đầy, không ghi được; phiếu đang nhập chưa được lưu. Giải phóng dung lượng "
        "rồi chạy lại",
        "{path}: the disk is full; the return being imported was not stored. Free some space "
        "and run again",
    ),
    "store.io_error": (
        "{path}: lỗi đọc/ghi đĩa ({reason})",
        "{path}: a disk input/output error ({reason})",
    ),
    "store.cannot_open": (
        "{path}: không mở được kho ({reason})",
        "{path}: the store cannot be opened ({reason})",
    ),
    "store.interrupted": (
        "{path}: đã dừng theo yêu cầu; thao tác đang dở được huỷ",
        "{path}: stopped as asked; the operation under way was undone",
    ),
    "store.backup_missing": (
        "{path}: không có bản sao lưu này",
        "{path}: there is no such backup",
    ),
    "store.backup_is_folder": (
        "{path}: là thư mục; hãy chỉ một tệp sao lưu do `ntm store backup` ghi",
        "{path}: a folder; give a backup file written by `ntm store backup`",
    ),
    "store.backup_failed": (
        "{path}: không ghi được bản sao lưu ({reason}); kho phiếu không thay đổi",
        "{path}: the backup cannot be written ({reason}); the store is unchanged",
    ),
    "store.backup_onto_itself": (
        "{path} chính là kho phiếu; chọn một tệp khác",
        "{path} is the store itself; choose another file",
    ),
    "store.restore_bad": (
        "{path}: bản sao lưu không qua được kiểm tra toàn vẹn ({n} lỗi); kho hiện tại giữ nguyên",
        "{path}: the backup fails the integrity check ({n} problems); the store is unchanged",
    ),
    "store.backup_done": (
        "Đã sao lưu kho vào {path} (đã kiểm tra bản sao)",
        "The store is backed up to {path} (the copy was checked)",
    ),
    "store.restore_done": (
        "Đã khôi phục kho {path} từ {source}",
        "The store {path} was restored from {source}",
    ),
    "store.backup_bad": (
        "{path}: bản sao lưu không qua được kiểm tra; chạy `ntm store check`",
        "{path}: the backup copy failed its check; run `ntm store check`",
    ),
    "period.invalid": (
        "{value!r} không phải kỳ báo cáo; ghi năm-tháng, ví dụ 2024-06",
        "{value!r} is not a period; write YYYY-MM, e.g. 2024-06",
    ),
    # options and the plan's range
    "option.empty": (
        "{option} để trống; hãy ghi tên hoặc mã",
        "{option} is empty; give a name or a code",
    ),
    "option.invalid": ("{option}: {reason:msg}", "{option}: {reason:msg}"),
    "value.invalid": ("{value!r} không hợp lệ", "{value!r} is not valid"),
    "option.out_with_xlsx": (
        "--out TỆP.xlsx đi cùng --format xlsx (các định dạng khác in ra màn hình)",
        "--out FILE.xlsx and --format xlsx go together (other formats print)",
    ),
    "year.outside_plan": (
        "năm {year} nằm ngoài kế hoạch {number} ({start}–{end}); dùng --year {start}..{end}",
        "{year} is outside plan {number} ({start}–{end}); use --year {start}..{end}",
    ),
    "env.today_invalid": (
        "NTM_TODAY={value!r} không phải ngày; ghi YYYY-MM-DD",
        "NTM_TODAY={value!r} is not a date; use YYYY-MM-DD",
    ),
    "as_of.after_today": (
        "--as-of {as_of:date} sau ngày hôm nay ({today:date})",
        "--as-of {as_of} is after today ({today})",
    ),
    "progress.year_and_all": (
        "chỉ dùng một trong hai: --year hoặc --all-years",
        "give --year or --all-years, not both",
    ),
    "progress.check_missed": (
        "--check: {n} chỉ tiêu bắt buộc không đạt: {ids}",
        "--check: {n} binding milestone(s) missed: {ids}",
    ),
    "milestone.unit_unknown": (
        "chỉ tiêu {id}: đơn vị {code} không có trong sổ đơn vị",
        "milestone {id}: unit {code} is not in the registry",
    ),
    "unit.not_in_area": ("{name} ({code}) không thuộc {area}", "{name} ({code}) is not in {area}"),
    # the project file and the data folder
    "project.unreadable": (
        "{path}: không đọc được ({reason:errno})",
        "{path}: cannot be read ({reason:errno})",
    ),
    "project.invalid": (
        "{path}, dòng {line}: không phải TOML hợp lệ; kiểm tra dấu ngoặc kép và dấu =",
        "{path}, line {line}: not valid TOML; check the quotes and the = signs",
    ),
    "project.key_type": (
        "{path}: khóa {name} phải là {expected:valuekind}",
        "{path}: {name} must be {expected:valuekind}",
    ),
    "project.key_empty": (
        "{path}: khóa {name} để trống; ghi đường dẫn, hoặc xoá dòng này để dùng mặc định",
        "{path}: {name} is empty; give a path, or delete the line for the default",
    ),
    "project.data_missing": (
        "{path}: không có thư mục này ({source})",
        "{path}: no such folder (given by {source})",
    ),
    "project.data_no_plan": (
        "{path}: không có targets.yaml ({source}); thư mục dữ liệu phải có targets.yaml và units.csv",
        "{path}: holds no targets.yaml ({source}); a data folder has it and units.csv",
    ),
    "template.nothing_to_report": (
        "{name} ({code}): bộ tiêu chí của mức đơn vị đang phấn đấu không có gì để báo cáo (danh"
        " mục đã trả lời mọi điều kiện); không cần phiếu",
        "{name} ({code}): the criteria set of the level it works towards asks nothing to report"
        " (the registry answers every condition); no form is needed",
    ),
    "template.no_units": (
        "không có đơn vị nào cần phiếu (--scope {scope}) trong phạm vi đã chọn",
        "no unit needs a form (--scope {scope}) in the area chosen",
    ),
    "plan.criteria_unset": (
        "{path}: chưa đặt criteria.{scope}; hãy ghi mã bộ tiêu chí",
        "{path}: criteria.{scope} is not set; name a criteria set",
    ),
    "plan.criteria_unset_level": (
        "{path}: criteria.{scope} không có bộ tiêu chí cho mức {level:level}",
        "{path}: criteria.{scope} names no set for level {level:level}",
    ),
    "init.exists": (
        "{path} đã có; thêm --force để ghi đè",
        "{path} exists; add --force to replace it",
    ),
    "init.written": (
        "Đã ghi {path} (kho dữ liệu: {store}). Điền thông tin cơ quan ở mục [office] trước khi in báo cáo.",
        "Wrote {path} (store: {store}). Fill in the [office] section before printing reports.",
    ),
    # the store
    "store.url_unsupported": (
        "{location}: kho dữ liệu chỉ là một tệp SQLite hoặc một cơ sở dữ liệu PostgreSQL "
        "(postgresql://người_dùng@máy_chủ/tên_cơ_sở_dữ_liệu)",
        "{location}: a store is a SQLite file or a PostgreSQL database "
        "(postgresql://user@host/database)",
    ),
    "returns.none": (
        "kho chưa có phiếu báo cáo nào; hãy nhập phiếu của các xã trước (`ntm import`)",
        "no returns in the store; import the communes' returns first (`ntm import`)",
    ),
    "returns.none_up_to": (
        "kho chưa có phiếu báo cáo nào đến kỳ {period}; hãy nhập phiếu trước (`ntm import`)",
        "no returns up to {period} in the store; import them first (`ntm import`)",
    ),
    "returns.none_trend_only": (
        "kho chưa có phiếu báo cáo nào (`ntm import` để nhập): dự báo chỉ dựa vào xu hướng",
        "no returns in the store; import the communes' returns first (`ntm import`): "
        "the forecast rests on the trend alone",
    ),
    "returns.none_awards_year": (
        "chưa có phiếu báo cáo nào của năm {year} (đến kỳ {period}): mọi điều kiện cần phiếu báo "
        "cáo đều cần xác minh; phiếu của năm sau không dùng để xét năm {year}",
        "no return of {year} (up to {period}): every condition on returns is to check; the "
        "returns of a later year are not used for {year}",
    ),
    "returns.none_awards": (
        "kho chưa có phiếu báo cáo nào (`ntm import` để nhập): mọi điều kiện cần phiếu báo cáo "
        "đều cần xác minh",
        "no returns in the store; import the communes' returns first (`ntm import`): "
        "every condition on returns is to check",
    ),
    # import
    "import.no_defusedxml": (
        "thiếu thư viện defusedxml; hãy cài lại ntm (pip install ntm-cli)",
        "defusedxml is not installed; reinstall ntm (pip install ntm-cli)",
    ),
    "import.empty_path": (
        "đường dẫn để trống; hãy ghi tệp hoặc thư mục cần nhập",
        "an empty path; name the files or folders to import",
    ),
    "import.errors_inside": (
        "--errors {folder} là thư mục đang nhập; hãy chọn thư mục khác",
        "--errors {folder} is a folder being imported; name another folder",
    ),
    "import.no_files": (
        "không có tệp nào để nhập trong {paths:list} (.xlsx, .csv, .xls, .xlsm, .ods; bỏ qua thư mục --errors)",
        "no file to import in {paths:list} (.xlsx, .csv, .xls, .xlsm, .ods; the --errors folder is left out)",
    ),
    # report
    "report.period_or_range": (
        "hãy ghi --period, hoặc --from và --to",
        "give --period, or --from and --to",
    ),
    "report.range_reversed": (
        "--to {last} trước --from {first}",
        "--to {last} is before --from {first}",
    ),
    "report.as_of_range": (
        "--as-of chỉ dùng với một --period, không dùng với khoảng thời gian",
        "--as-of goes with one --period, not a range",
    ),
    "report.as_of_before": (
        "--as-of {as_of:date} trước kỳ {period}; báo cáo tính đến một ngày trong tháng hoặc sau đó",
        "--as-of {as_of:date} is before {period}; a report counts up to a day of its month or later",
    ),
    # awards
    "awards.rules_missing": (
        "{path}: chưa có quy định khen thưởng; thêm mục 'awards:' (xem README, \"The plan file\")",
        "{path}: no awards rules; add an 'awards:' section (see the README, \"The plan file\")",
    ),
    "awards.period_after_year": (
        "--period {period} sau tháng 12 năm {year}; khen thưởng năm {year} xét theo phiếu báo cáo "
        "của năm {year}",
        "--period {period} is after December {year}; the awards of {year} are judged on the "
        "returns of {year}",
    ),
    "awards.no_nominated_rules": (
        "{path}: không có quy định khen thưởng nào xét theo hồ sơ đề nghị (sở, ban, ngành; ấp; "
        "doanh nghiệp, HTX; cá nhân; đối tượng khác)",
        "{path}: no awards rule is judged on nominations (departments, hamlets, enterprises, "
        "individuals, others)",
    ),
    "template.nominations_written": (
        "Đã ghi hồ sơ đề nghị khen thưởng năm {year}: {path}",
        "Wrote the nominations workbook of {year}: {path}",
    ),
    "template.nominations_sheet": (
        '  sheet "{sheet}": quy định {rule}',
        '  sheet "{sheet}": rule {rule}',
    ),
    "template.nominations_next": (
        "Điền các ô nền vàng, lưu, rồi nhập bằng `ntm import {path}`.",
        "Fill the yellow cells, save, then import it with `ntm import {path}`.",
    ),
    "template.needs_period": (
        "thiếu --period (tháng của phiếu báo cáo), hoặc dùng --nominations --year NĂM",
        "--period is missing (the month of the return forms), or use --nominations --year YEAR",
    ),
    "template.needs_year": (
        "--nominations cần --year (năm xét khen thưởng)",
        "--nominations needs --year (the award year)",
    ),
    "awards.unknown_rule": (
        "{path}: không có quy định khen thưởng {rule!r}; các quy định: {known:list}",
        "{path}: no awards rule {rule!r}; the rules are {known:list}",
    ),
    # files written
    "output.exists": (
        "{path} đã có; thêm --force để ghi đè",
        "{path} exists; add --force to replace it",
    ),
    "output.exists_none_written": (
        "{path} đã có; thêm --force để ghi đè (chưa ghi tệp nào)",
        "{path} exists; add --force to replace it (nothing was written)",
    ),
    "output.not_regular": (
        "{path}: không phải tệp thông thường (thiết bị, đường ống FIFO…); không ghi đè",
        "{path}: not a regular file (a device, a FIFO…); it is not overwritten",
    ),
    "output.is_folder": (
        "{path} là thư mục, không ghi tệp vào đó được",
        "{path} is a folder; cannot write a file there",
    ),
    "output.parent_is_file": (
        "{path} là tệp, không phải thư mục",
        "{path} is a file, not a folder",
    ),
    "output.unwritable": (
        "{path}: không ghi được ({reason:errno})",
        "{path}: cannot be written ({reason:errno})",
    ),
    # the boundary
    "internal.unexpected": (
        "lỗi không lường trước ({kind}: {detail}); chạy lại với --debug để xem chi tiết",
        "an unexpected error ({kind}: {detail}); run again with --debug for details",
    ),
    "period.outside_plan": (
        "kỳ {period} nằm ngoài kế hoạch {number} ({start}–{end})",
        "period {period} is outside plan {number} ({start}–{end})",
    ),
}
