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
}
