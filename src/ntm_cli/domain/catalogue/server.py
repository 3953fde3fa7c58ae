"""Messages of the store on a PostgreSQL server and of copying a store from one engine to
another."""

MESSAGES: dict[str, tuple[str, str]] = {
    "store.bad_url": (
        "{path}: không đọc được địa chỉ kho dữ liệu ({reason}); dạng đúng: "
        "postgresql://người_dùng@máy_chủ:5432/tên_cơ_sở_dữ_liệu",
        "{path}: the store's address cannot be read ({reason}); the form is "
        "postgresql://user@host:5432/database",
    ),
    "store.unreachable": (
        "{path}: không kết nối được máy chủ kho dữ liệu ({reason}); kiểm tra địa chỉ, mật khẩu "
        "(PGPASSWORD hoặc ~/.pgpass) và máy chủ có đang chạy không",
        "{path}: cannot connect to the store's server ({reason}); check the address, the "
        "password (PGPASSWORD or ~/.pgpass) and that the server is running",
    ),
    "store.connection_lost": (
        "{path}: mất kết nối với máy chủ kho dữ liệu ({reason}); tệp đang ghi dở không được "
        "lưu, các tệp đã nhập xong vẫn còn; chạy lại lệnh khi máy chủ hoạt động trở lại",
        "{path}: the connection to the store's server was lost ({reason}); the file being "
        "written was not stored, the files already imported are kept; run the command again "
        "once the server is back",
    ),
    "store.denied": (
        "{path}: máy chủ từ chối, tài khoản này không có quyền làm việc đó ({reason})",
        "{path}: the server refused: this account may not do that ({reason})",
    ),
    "store.copy_not_empty": (
        "{path}: kho đích đã có dữ liệu; chỉ chuyển vào một kho trống",
        "{path}: the target store already holds data; move a store only into an empty one",
    ),
    "store.copy_mismatch": (
        "{path}: bảng {table} sau khi chép không khớp ({source} dòng ở kho nguồn, {target} ở "
        "kho đích); không lưu gì",
        "{path}: table {table} does not match after the copy ({source} rows in the source, "
        "{target} in the target); nothing was stored",
    ),
    "storemigrate.title": ("Chuyển kho {source} → {target}", "Store {source} → {target}"),
    "storemigrate.table": ("Bảng", "Table"),
    "storemigrate.rows": ("Số dòng", "Rows"),
    "storemigrate.sha256": ("Tổng kiểm SHA-256 (16 ký tự đầu)", "SHA-256 checksum (first 16)"),
    "storemigrate.ok": (
        "Số dòng và tổng kiểm của mọi bảng ở hai kho bằng nhau: không mất, không trùng dòng nào.",
        "Every table's rows and checksum are equal in both stores: nothing lost, nothing doubled.",
    ),
    "store.migrate_onto_itself": (
        "{path}: kho đích chính là kho nguồn",
        "{path}: the target is the source store itself",
    ),
    "store.migrate_done": (
        "Đã chuyển kho sang {target}; kho cũ {source} giữ nguyên. Dùng kho mới bằng --store, "
        "NTM_STORE hoặc dòng store trong ntm.toml",
        "The store was moved into {target}; the old store {source} is unchanged. Use the new "
        "one with --store, NTM_STORE or the store line of ntm.toml",
    ),
    "store.unit_denied": (
        "{path}: máy chủ từ chối lưu: tài khoản {role} chỉ được nhập, trả lại và duyệt báo cáo "
        "của các xã thuộc {district}, còn {unit} không thuộc địa bàn này; tệp không được lưu",
        "{path}: the server refused to store it: account {role} may import, return and approve "
        "only the returns of the communes of {district}, and {unit} is not one of them; the "
        "file was not stored",
    ),
    "grant.bad_name": (
        "{name}: tên tài khoản không hợp lệ; dùng chữ thường không dấu, chữ số và dấu gạch "
        "dưới, bắt đầu bằng chữ, tối đa 63 ký tự, không bắt đầu bằng pg_ hay ntm_",
        "{name}: not a valid account name; use lowercase unaccented letters, digits and "
        "underscores, starting with a letter, at most 63 characters, not starting with pg_ or "
        "ntm_",
    ),
    "grant.level": (
        "cho biết cấp của cán bộ: --district TÊN_HUYỆN hoặc --province (chỉ một trong hai)",
        "say the officer's level: --district NAME or --province (one of the two)",
    ),
    "grant.no_communes": (
        "{district} không có xã nào trong danh mục đơn vị của kế hoạch; không giao được",
        "{district} has no communes in the plan's list of units; nothing to grant",
    ),
    "grant.password_sqlite": (
        "kho SQLite không có tài khoản nên không đặt được mật khẩu; bỏ --password-prompt",
        "a SQLite store has no accounts, so no password can be set; leave out --password-prompt",
    ),
    "grant.done.server": (
        "Đã giao quyền cho {name} ({scope}); máy chủ PostgreSQL tự kiểm soát phạm vi này "
        "(nhóm {group}), kể cả khi truy cập không qua ntm",
        "Granted {name} ({scope}); the PostgreSQL server itself holds the account to it "
        "(group {group}), even outside ntm",
    ),
    "grant.done.sqlite": (
        "Đã ghi nhận cán bộ {name} ({scope}); kho SQLite là một tệp, không có máy chủ nên "
        "phạm vi chỉ do ntm kiểm soát",
        "Recorded officer {name} ({scope}); a SQLite store is one file with no server, so ntm "
        "alone holds officers to their scope",
    ),
    "grant.scope.province": ("toàn tỉnh", "the whole province"),
    "grant.scope.district": ("{district}, {n} xã", "{district}, {n} communes"),
    "revoke.done": (
        "Đã thu hồi quyền của {name} ({n} dòng cán bộ)",
        "Revoked {name} ({n} officer rows)",
    ),
    "revoke.none": (
        "{name} không có trong danh sách cán bộ của kho; không có gì để thu hồi",
        "{name} is not an officer of the store; nothing to revoke",
    ),
    "officers.title": ("Cán bộ của kho {path}", "Officers of store {path}"),
    "officers.none": (
        "Kho chưa giao quyền cho cán bộ nào (ntm store grant)",
        "The store has no officers yet (ntm store grant)",
    ),
    "officers.name": ("Tài khoản", "Account"),
    "officers.level": ("Cấp", "Level"),
    "officers.scope": ("Phạm vi", "Scope"),
    "officers.units": ("Số đơn vị", "Units"),
    "officers.edition": ("Danh mục", "Edition"),
    "officers.granted": ("Giao lúc", "Granted"),
    "officers.level.province": ("tỉnh", "province"),
    "officers.level.district": ("huyện", "district"),
    "grant.unbounded": (
        "tài khoản {name} là siêu người dùng, có quyền BYPASSRLS hoặc sở hữu các bảng của kho: "
        "máy chủ không giới hạn tài khoản này theo phạm vi vừa giao; hãy giao cho một tài "
        "khoản riêng của cán bộ",
        "the account {name} is a superuser, has BYPASSRLS or owns the store's tables: the "
        "server does not hold it to the scope just granted; grant an officer's own account",
    ),
    "grant.failed": (
        "{path}: không giao được quyền cho {name}: máy chủ từ chối ({reason}); kho không thay đổi",
        "{path}: could not grant {name}: the server refused ({reason}); the store is unchanged",
    ),
    "grant.reserved_name": (
        "{name}: tên này máy chủ PostgreSQL dành riêng (public, none, current_user, "
        "session_user, current_role, user, system_user); chọn tên tài khoản khác",
        "{name}: the PostgreSQL server reserves this name (public, none, current_user, "
        "session_user, current_role, user, system_user); choose another account name",
    ),
}
