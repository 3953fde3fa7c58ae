"""Where a workspace's data and store are: options, then the environment, then `ntm.toml`.

`ntm.toml` is found in the working folder or a parent (as git finds its repository); paths in it
are relative to its own folder. It also holds the office's details that documents need.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import NamedTuple

from ntm_cli.domain.errors import DataError
from ntm_cli.domain.messages import os_reason

PROJECT_FILE = "ntm.toml"
BUNDLED = Path(__file__).resolve().parent.parent / "data"
PLAN_FILE = "targets.yaml"
_URL = r"(?i)^[a-z][a-z0-9+.-]*://"  # compiled by `re` on first use


class Office(NamedTuple):
    """The office that signs documents (from `ntm.toml`; blank where it says nothing). A named
    tuple, not a dataclass: it is made on every start, and a dataclass costs a millisecond there."""

    name: str = ""
    parent: str = ""
    place: str = ""
    signer_title: str = ""
    signer_name: str = ""
    recipients: tuple[str, ...] = ()
    abbreviation: str = "VPĐP"  # of the office, in its documents' numbers: "Số: 12/BC-VPĐP"


class Settings(NamedTuple):
    """What `ntm.toml` says, with the file it came from (None: no project file)."""

    path: Path | None = None
    data: Path | None = None
    store: str | None = None
    office: Office = Office()


def mask(location: str) -> str:
    """A store location as it may be shown: a URL's password (in its user part, which ends at
    the last "@", or as a password= parameter) replaced by ***."""
    if not is_url(location):
        return location
    scheme, _, rest = location.partition("://")
    netloc, slash, path = rest.partition("/")
    user, at, host = netloc.rpartition("@")
    if at and ":" in user:
        netloc = f"{user.split(':', 1)[0]}:***@{host}"
    path = re.sub(r"(?i)(password=)[^&]*", r"\1***", path)
    return f"{scheme}://{netloc}{slash}{path}"


def is_url(location: str) -> bool:
    return bool(re.match(_URL, location))


def find_project(start: Path | None = None) -> Path | None:
    """The nearest `ntm.toml` in `start` (the working folder) or a parent."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / PROJECT_FILE
        if candidate.is_file():
            return candidate
    return None


def read_settings(path: Path | None) -> Settings:
    """Read a project file; every problem names the file and the key."""
    if path is None:
        return Settings()
    import tomllib  # only where there is a project file

    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise DataError("project.unreadable", path=str(path), reason=os_reason(exc)) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        found = re.search(r"line (\d+)", str(exc))
        raise DataError(
            "project.invalid", path=str(path), line=int(found[1]) if found else 1
        ) from None
    base = path.parent
    data = _text(raw, "data", path)
    store = _text(raw, "store", path)
    for name, value in (("data", data), ("store", store)):
        if value is not None and not value.strip():  # "" would be the project's own folder
            raise DataError("project.key_empty", path=str(path), name=name)
    office_raw = raw.get("office", {})
    if not isinstance(office_raw, dict):
        raise DataError("project.key_type", path=str(path), name="office", expected="table")
    recipients = office_raw.get("recipients", [])
    if not isinstance(recipients, list) or not all(isinstance(r, str) for r in recipients):
        raise DataError(
            "project.key_type", path=str(path), name="office.recipients", expected="list"
        )
    office = Office(
        **{k: _text(office_raw, k, path, f"office.{k}") or "" for k in
           ("name", "parent", "place", "signer_title", "signer_name")},
        recipients=tuple(recipients),
        abbreviation=_text(office_raw, "abbreviation", path, "office.abbreviation") or "VPĐP",
    )  # fmt: skip
    return Settings(
        path=path,
        data=(base / data) if data else None,
        store=store if store is None or is_url(store) else str(base / store),
        office=office,
    )


def _text(raw: dict[str, object], key: str, path: Path, name: str | None = None) -> str | None:
    value = raw.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise DataError("project.key_type", path=str(path), name=name or key, expected="text")
    return value


def data_folder(option: Path | None, settings: Settings) -> Path:
    """`--data`, `NTM_DATA`, `ntm.toml`, `./data` when it holds a plan, else the bundled copy."""
    env = os.environ.get("NTM_DATA")
    for given, source in ((option, "--data"), (Path(env) if env else None, "NTM_DATA"),
                          (settings.data, str(settings.path))):  # fmt: skip
        if given is None:
            continue
        if not given.is_dir():
            raise DataError("project.data_missing", path=str(given), source=source)
        if not (given / PLAN_FILE).exists():  # a FIFO or a device: the loader names it
            raise DataError("project.data_no_plan", path=str(given), source=source)
        return given
    local = Path("data")
    if (local / PLAN_FILE).exists():
        return local
    return BUNDLED


def store_source(option: str | None, settings: Settings) -> tuple[str, str]:
    """The store's location (`--store`, `NTM_STORE`, `ntm.toml`, then the user's data folder:
    never the package) and what named it: "--store", "NTM_STORE", the project file's path, or ""
    for the default location (where an import does not create a store unasked)."""
    for given, source in ((option, "--store"), (os.environ.get("NTM_STORE"), "NTM_STORE"),
                          (settings.store, str(settings.path))):  # fmt: skip
        if given:
            return given, source
    if os.name == "nt" and os.environ.get("LOCALAPPDATA"):
        return str(Path(os.environ["LOCALAPPDATA"]) / "ntm" / "returns.sqlite"), ""
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(
        os.path.expanduser("~"), ".local", "share"
    )
    return str(Path(base) / "ntm" / "returns.sqlite"), ""


PROJECT_TEMPLATE = """\
# ntm project file: `ntm` run in this folder or below uses it (options and NTM_DATA / NTM_STORE
# still win). Paths are relative to this file's folder.

{data_line}
store = "{store}"

[office]
# The office that issues the monthly report (Nghị định 30/2020/NĐ-CP): fill in before printing.
parent = "{parent}"
name = "{name}"
abbreviation = "{abbreviation}"  # in the report's number: "Số: …/BC-{abbreviation}"
place = "{place}"
signer_title = "{signer_title}"
signer_name = "{signer_name}"
recipients = [{recipients}]
"""


def project_text(data: str | None, store: str, office: Office) -> str:
    def q(text: str) -> str:
        """A TOML basic string's contents: JSON's escapes are TOML's (quotes, backslashes,
        new lines and other control characters)."""
        return json.dumps(text, ensure_ascii=False)[1:-1]

    return PROJECT_TEMPLATE.format(
        data_line=f'data = "{q(data)}"'
        if data
        else '# data = "data"  # the bundled data when unset',
        store=q(store),
        parent=q(office.parent),
        name=q(office.name),
        abbreviation=q(office.abbreviation),
        place=q(office.place),
        signer_title=q(office.signer_title),
        signer_name=q(office.signer_name),
        recipients=", ".join(f'"{q(r)}"' for r in office.recipients),
    )
