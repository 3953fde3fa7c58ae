"""Vietnamese wording of the messages about submitted files, for analysts and for communes.

The readers write their messages in English (stable, and what tests and programs match); this
catalogue gives each a Vietnamese wording by pattern, with the same values in it. A message the
catalogue does not know is shown as it is.
"""

from __future__ import annotations

import re

_FIX_EXCEL = "mở tệp bằng Excel, lưu lại rồi gửi lại"

_CATALOGUE: list[tuple[str, str]] = [
    # cells of a form
    (r"(?P<v>.+) is not a status; use Đạt or Chưa đạt \(or 1/0, x/empty\)",
     r"\g<v> không phải trạng thái; ghi Đạt hoặc Chưa đạt (hoặc 1/0, x/để trống)"),
    (r"(?P<v>.+) is not a status; use Đạt or Chưa đạt",
     r"\g<v> không phải trạng thái; chọn Đạt hoặc Chưa đạt trong danh sách"),
    (r"(?P<v>.+) is not a whole number of products", r"\g<v> không phải số nguyên (số sản phẩm)"),
    (r"(?P<v>.+) is negative; amounts are 0 or more", r"\g<v> là số âm; số liệu phải từ 0 trở lên"),
    (r"(?P<v>.+) is not a number", r"\g<v> không phải là số"),
    (r"a formula with no saved result; open the file in Excel, save it, send it again",
     f"công thức chưa có kết quả được lưu; {_FIX_EXCEL}"),
    (r"(?P<v>.+) is an error value; enter a value", r"ô có giá trị lỗi \g<v>; hãy nhập số liệu"),
    (r"the cell is merged \((?P<v>.+)\); unmerge it", r"ô bị gộp (\g<v>); hãy bỏ gộp ô"),
    (r"text of (?P<n>[\d,]+) characters \(the limit is 32,767\); shorten it",
     r"nội dung dài \g<n> ký tự (tối đa 32.767); hãy rút gọn"),
    (r"(?P<v>.+) looks like text typed in a TCVN3 or VNI font; convert it to Unicode "
     r"\(Unikey: Công cụ chuyển mã\) and save again",
     r"\g<v> có vẻ được gõ bằng phông TCVN3 hoặc VNI; hãy chuyển sang Unicode "
     r"(Unikey: Công cụ chuyển mã) rồi lưu lại"),
    (r"control characters removed", "đã bỏ các ký tự điều khiển"),
    (r"criterion (?P<n>\w+) has no status", r"tiêu chí \g<n> chưa có trạng thái"),
    (r"(?P<v>.+) is not a level; use (?P<c>.+)", r"\g<v> không phải mức đạt chuẩn; chọn \g<c>"),
    (r"(?P<v>.+) is not a date; write dd/mm/yyyy", r"\g<v> không phải ngày; ghi ngày/tháng/năm"),
    (r"row (?P<r>\d+) should hold criterion (?P<n>\w+); rows were moved, inserted or deleted: "
     r"use the form as ntm made it",
     r"dòng \g<r> phải là tiêu chí \g<n>; các dòng đã bị chuyển, chèn hoặc xóa: "
     r"hãy dùng đúng phiếu đã gửi"),
    # identity of a form
    (r"the code says (?P<v>.+) but this form was made for (?P<c>\w+): a form copied from another "
     r"commune; use the commune's own form",
     r"mã xã ghi \g<v> nhưng phiếu này làm cho xã \g<c>: phiếu sao chép từ xã khác; "
     r"hãy dùng phiếu của chính xã"),
    (r"the form's hidden identity was edited; use the form ntm made for this commune",
     "thông tin nhận dạng ẩn của phiếu đã bị sửa; hãy dùng đúng phiếu đã gửi cho xã"),
    (r"form version (?P<v>\S+); ntm reads version (?P<w>\S+): send the commune a new form "
     r"\(`ntm template`\)",
     r"phiếu mẫu phiên bản \g<v>, cần phiên bản \g<w>: hãy gửi cho xã phiếu mới"),
    (r"period (?P<p>\S+) is outside plan (?P<n>\S+) \((?P<y>.+)\)",
     r"kỳ \g<p> nằm ngoài kế hoạch \g<n> (\g<y>)"),
    (r"(?P<v>.+) is not a period; write YYYY-MM, e.g. 2024-06",
     r"\g<v> không phải kỳ báo cáo; ghi năm-tháng, ví dụ 2024-06"),
    (r"sheet \"(?P<s>.+)\" is missing; use the form as ntm made it",
     r'thiếu sheet "\g<s>"; hãy dùng đúng phiếu đã gửi'),
    (r"the form uses criteria set (?P<a>\S+), the plan (?P<b>\S+); send the commune a new form",
     r"phiếu dùng bộ tiêu chí \g<a>, kế hoạch dùng \g<b>: hãy gửi cho xã phiếu mới"),
    (r"(?P<c>\S+) is not a commune of the registry", r"\g<c> không phải mã xã trong danh mục"),
    # the long format
    (r"(?P<v>.+) is not a criterion of (?P<s>\S+) \((?P<l>.+)\)",
     r"\g<v> không phải tiêu chí của bộ \g<s> (\g<l>)"),
    (r"criterion (?P<n>\w+) of (?P<c>\w+) for (?P<p>\S+) is given twice",
     r"tiêu chí \g<n> của xã \g<c> kỳ \g<p> bị ghi hai lần"),
    (r"(?P<v>.+) is not the code of a commune in the registry",
     r"\g<v> không phải mã xã trong danh mục"),
    (r"no commune is named (?P<v>.+?)(?P<rest>(?: in .+?)?)(?:; did you mean (?P<m>.+))?$",
     r"không có xã nào tên \g<v>\g<rest>; gần đúng: \g<m>"),
    (r"(?P<v>.+) matches (?P<n>\d+) communes: (?P<l>.+); give unit_code or district",
     r"\g<v> trùng tên \g<n> xã: \g<l>; hãy ghi unit_code hoặc district"),
    (r"no unit_code and no unit_name: give the commune's code",
     "không có unit_code và unit_name: hãy ghi mã xã"),
    (r"neither an ntm return form nor a long-format table: .*",
     "không phải phiếu báo cáo ntm, cũng không phải bảng dạng dài "
     "(tiêu đề unit_code,period,criterion,status)"),
    (r"(?P<c>\S+) has another return for (?P<p>\S+) in this batch \((?P<f>.+)\); add --replace "
     r"to take this one",
     r"xã \g<c> có một phiếu khác kỳ \g<p> trong cùng đợt (\g<f>); "
     r"thêm --replace để lấy phiếu này"),
    (r"(?P<c>\S+) already has a return for (?P<p>\S+) \(from (?P<f>.+), imported (?P<t>.+)\); "
     r"add --replace to supersede it \(the old one is kept\)",
     r"xã \g<c> đã có phiếu kỳ \g<p> (tệp \g<f>, nhập lúc \g<t>); "
     r"thêm --replace để thay thế (phiếu cũ vẫn được lưu)"),
    (r"(?P<c>\S+) (?P<n>.+) reports (?P<l>\w+)(?P<d>(?: \(.+\))?); the registry shows (?P<s>.+): "
     r"update units.csv if the decision is final \(the status is not changed\)",
     r"\g<c> \g<n> báo cáo đạt \g<l>\g<d>; danh mục ghi \g<s>: cập nhật units.csv khi có "
     r"quyết định (mức đạt không tự thay đổi)"),
    (r"(?P<c>\S+) (?P<p>\S+): no status for criteria (?P<l>.+)",
     r"\g<c> \g<p>: chưa có trạng thái tiêu chí \g<l>"),
    # the command line and the data folder
    (r"(?P<p>.+): no awards rule (?P<r>.+); the rules are (?P<l>.+)",
     r"\g<p>: không có quy định khen thưởng \g<r>; các quy định: \g<l>"),
    (r"no returns in the store; import the communes' returns first \(`ntm import`\): "
     r"the forecast rests on the trend alone",
     r"kho chưa có phiếu báo cáo nào (`ntm import` để nhập): dự báo chỉ dựa vào xu hướng"),
    (r"no returns in the store; import the communes' returns first \(`ntm import`\): "
     r"every condition on returns is to check",
     r"kho chưa có phiếu báo cáo nào (`ntm import` để nhập): mọi điều kiện cần phiếu báo cáo "
     r"đều cần xác minh"),
    (r"no returns in the store; import the communes' returns first \(`ntm import`\)",
     r"kho chưa có phiếu báo cáo nào; hãy nhập phiếu của các xã trước (`ntm import`)"),
    (r"no returns up to (?P<p>\S+) in the store; import them first \(`ntm import`\)",
     r"kho chưa có phiếu báo cáo nào đến kỳ \g<p>; hãy nhập phiếu trước (`ntm import`)"),
    (r"(?P<p>.+): no awards rules; add an 'awards:' section \(see the README, \"The plan file\"\)",
     r"\g<p>: chưa có quy định khen thưởng; thêm mục 'awards:' (xem README, \"The plan file\")"),
    (r"(?P<y>\d+) is outside plan (?P<n>\S+) \((?P<r>.+)\); use --year (?P<u>\S+)",
     r"năm \g<y> nằm ngoài kế hoạch \g<n> (\g<r>); dùng --year \g<u>"),
    (r"no (?P<w>district-level unit|commune|unit) matches (?P<q>.+?)(?:; did you mean (?P<m>.+)\?)?$",
     r"không có \g<w> nào khớp với \g<q>; gần đúng: \g<m>"),
    (r"(?P<q>.+) matches (?P<n>\d+) units: (?P<l>.+); give the code or a prefix \((?P<p>.+)\)",
     r"\g<q> trùng \g<n> đơn vị: \g<l>; hãy ghi mã hoặc tiền tố (\g<p>)"),
    (r"(?P<p>.+) exists; add --force to replace it \(nothing was written\)",
     r"\g<p> đã có; thêm --force để ghi đè (chưa ghi tệp nào)"),
    (r"(?P<p>.+) exists; add --force to replace it", r"\g<p> đã có; thêm --force để ghi đè"),
    (r"(?P<p>.+): no such folder \(given by --data or NTM_DATA\)",
     r"\g<p>: không có thư mục này (--data hoặc NTM_DATA)"),
    (r"(?P<p>.+): (?P<n>\d+) problem\(s\) in the data; fix them \(`ntm plan check` lists them too\)",
     r"\g<p>: dữ liệu có \g<n> lỗi; hãy sửa (`ntm plan check` cũng liệt kê)"),
    (r"no file to import in (?P<p>.+) \(.+\)",
     r"không có tệp nào để nhập trong \g<p> (.xlsx, .csv, .xls, .xlsm, .ods; bỏ qua thư mục --errors)"),
    (r"--errors (?P<p>.+) is a folder being imported; name another folder",
     r"--errors \g<p> là thư mục đang nhập; hãy chọn thư mục khác"),
    (r"(?P<n>.+) \((?P<c>\w+)\) is not in (?P<d>.+)", r"\g<n> (\g<c>) không thuộc \g<d>"),
    (r"--as-of (?P<d>\S+) is after today \((?P<t>\S+)\)", r"--as-of \g<d> sau ngày hôm nay (\g<t>)"),
    (r"(?P<p>.+) is a folder; cannot write a file there", r"\g<p> là thư mục, không ghi tệp vào đó được"),
    (r"(?P<p>.+) is a file, not a folder", r"\g<p> là tệp, không phải thư mục"),
    (r"(?P<p>.+): cannot be written \((?P<r>.+)\)", r"\g<p>: không ghi được (\g<r>)"),
    (r"(?P<p>.+): no store yet; import returns first \(`ntm import`\)",
     r"\g<p>: chưa có kho dữ liệu phiếu; hãy nhập phiếu trước (`ntm import`)"),
    # the file itself
    (r"the file is empty", "tệp rỗng"),
    (r"the workbook has no sheet", "bảng tính không có sheet nào"),
    (r".* is not UTF-8 XML: refused \(Excel writes UTF-8\)",
     "tệp có phần XML không phải UTF-8: bị từ chối; lưu lại bằng Excel"),
    (r"sheet \"(?P<s>.+)\" is missing from the file; save it again",
     r'tệp thiếu sheet "\g<s>"; lưu lại'),
    (r".*: a cell points at a missing text; save again", "tệp bị hỏng (thiếu nội dung ô); lưu lại"),
    (r"sheet \"(?P<s>.+)\": a cell has no valid reference .*",
     r'sheet "\g<s>" có ô sai địa chỉ; lưu lại'),
    (r"a zip file but not an Excel workbook \(no xl/workbook.xml\)",
     "tệp nén zip nhưng không phải bảng tính Excel"),
    (r"an old Excel 97-2003 workbook \(.xls\); open it in Excel and save as .xlsx",
     "tệp Excel 97-2003 (.xls); mở bằng Excel và lưu thành .xlsx"),
    (r"the workbook is protected by a password \(encrypted\); save it without a password",
     "tệp có mật khẩu (bị mã hóa); lưu lại không đặt mật khẩu"),
    (r"the workbook is encrypted; save it without a password",
     "tệp bị mã hóa; lưu lại không đặt mật khẩu"),
    (r"an OpenDocument spreadsheet \(.ods\); save it as Excel .xlsx",
     "tệp OpenDocument (.ods); lưu thành Excel .xlsx"),
    (r"a web page \(HTML\), not a workbook; open it in Excel and save as .xlsx",
     "tệp là trang web (HTML), không phải bảng tính; mở bằng Excel và lưu thành .xlsx"),
    (r"a zip archive, not an Excel workbook", "tệp nén zip, không phải bảng tính Excel"),
    (r"not a spreadsheet \(binary data\)", "không phải bảng tính"),
    (r"a text file that is not UTF-8; .*",
     "tệp văn bản không phải UTF-8; trong Excel chọn lưu “CSV UTF-8 (Comma delimited)”"),
    (r"the file is damaged or truncated \(.*\); save it again", "tệp bị hỏng hoặc thiếu; lưu lại"),
    (r"the file is damaged and cannot be read \(.*\); save it again",
     "tệp bị hỏng, không đọc được; lưu lại"),
    (r".* cannot be read \(.*\); the file is damaged", "tệp bị hỏng, không đọc được; lưu lại"),
    (r".* is not well-formed XML \(.*\); save the file again", "tệp bị hỏng; lưu lại"),
    (r"the workbook would inflate to (?P<n>\d+) MB .*zip bomb",
     r"tệp khi giải nén lên tới \g<n> MB: bị từ chối vì không an toàn (zip bomb)"),
    (r".* declares XML entities or a DTD .*",
     "tệp chứa khai báo XML không an toàn (XML bomb): bị từ chối"),
    (r".*(refused as unsafe|refused as a zip bomb|XML elements: refused|MB: refused"
     r"|cells; refused)",
     "tệp quá lớn hoặc không an toàn: bị từ chối"),
    (r"(?P<n>\d+) MB is too large for a return \(max 20 MB\)",
     r"tệp \g<n> MB quá lớn cho một phiếu báo cáo (tối đa 20 MB)"),
    (r"an Excel lock file \(the workbook is open\)", "tệp khóa của Excel (bảng tính đang mở)"),
    (r"no such file or folder", "không có tệp hoặc thư mục này"),
    (r"a folder, not a file", "là thư mục, không phải tệp"),
    (r"cannot be read \((?P<r>.+)\)", r"không đọc được (\g<r>)"),
]  # fmt: skip
_COMPILED = [(re.compile(f"^{pattern}$", re.S), template) for pattern, template in _CATALOGUE]


def vi(message: str) -> str:
    """The Vietnamese wording of `message`, or the message itself when it is not catalogued."""
    for pattern, template in _COMPILED:
        match = pattern.match(message)
        if match:
            text = match.expand(template)
            for unit, word in (("district-level unit", "đơn vị cấp huyện"), ("commune", "xã"),
                               ("unit", "đơn vị")):  # fmt: skip
                text = text.replace(f"không có {unit} nào", f"không có {word} nào")
            return text.removesuffix("; gần đúng: ")
    return message


_PLACE = re.compile(r'^(?P<place>"[^"]*"!\w+|line \d+, \w+): (?P<rest>.*)$', re.S)


def vi_note(text: str) -> str:
    """A warning that starts with its place (`"Tiêu chí"!C19: …`), the place kept as it is."""
    match = _PLACE.match(text)
    if match:
        return f"{match.group('place')}: {vi(match.group('rest'))}"
    return vi(text)
