"""Read a data folder's editions (`editions.yaml`, optional) and their crosswalks (CSV).

    editions:
      - id: tra-vinh
        name: Tỉnh Trà Vinh (danh mục đến 30/6/2025)
        file: units.csv              # the folder's registry: the edition its plan is measured on
        valid_to: 2025-06-30
      - id: vinh-long-2025
        name: Tỉnh Vĩnh Long (danh mục từ 01/7/2025)
        file: editions/vinh-long-2025.csv
        valid_from: 2025-07-01
    crosswalks:
      - {file: editions/crosswalk-2025.csv, old: tra-vinh, new: vinh-long-2025}

A file is named relative to the data folder, or as `ntm:<path>` in the data folder that ships
with ntm (an example folder for 2026–2030 reads Trà Vinh's edition from there). An edition's
`plan` names the plan file whose ladder reads its level columns, when it is not the folder's.
An edition's `review` lists the levels that approve a return on its units, lowest first:
`[district, province]` (the district, then the province) or `[province]` (the default).
A folder without the file has one edition, its registry, valid throughout.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import replace
from pathlib import Path
from typing import Any, Literal

from ntm_cli.domain.editions import MERGE_KINDS, Crosswalk, Edition, Editions, Link
from ntm_cli.domain.errors import DataError
from ntm_cli.domain.messages import Issue, msg
from ntm_cli.domain.text import nfc
from ntm_cli.sources.registry import decode, read_data_file, too_large

EDITIONS_FILE = "editions.yaml"
MAX_EDITIONS = 200_000  # bytes: a list of a few editions
MAX_CROSSWALK = 20_000_000  # bytes: a national crosswalk (10,000 rows) is about 2 MB
BUNDLED_PREFIX = "ntm:"
CROSSWALK_COLUMNS = ("old_code", "old_name", "old_kind", "new_code", "new_name", "new_kind",
                     "merge_kind", "effective_date")  # fmt: skip
CROSSWALK_OPTIONAL = ("old_province_code", "old_district_code", "old_district_name",
                      "new_province_code", "new_province_name", "source")  # fmt: skip


def bundled() -> Path:
    return Path(__file__).resolve().parent.parent / "data"


def located(folder: Path, name: str) -> Path:
    """The file an editions file names: in `folder`, or in the bundled folder (`ntm:…`, never
    outside it: a DataError)."""
    if name.startswith(BUNDLED_PREFIX):
        root = bundled().resolve()
        path = (root / name[len(BUNDLED_PREFIX) :]).resolve()
        if not path.is_relative_to(root):
            raise DataError("editions.outside_bundled", file=name)
        return path
    return folder / name


def single(registry_file: str = "units.csv") -> Editions:
    """The editions of a folder without an editions file: its registry, valid throughout."""
    return Editions((Edition(id="", name="", file=registry_file),))


def load_editions(
    folder: Path, registry_file: str = "units.csv", crosswalks: bool = True
) -> Editions:
    """The folder's editions and crosswalks, every problem named with its file and line.
    The file itself is read from the cache when it is unchanged (what every command that opens
    the store needs: the plan's list and its months); each crosswalk's rows are read when
    `crosswalks` is true."""
    import zlib

    from ntm_cli.sources.cache import cached

    path = folder / EDITIONS_FILE
    try:
        raw = read_data_file(path, MAX_EDITIONS)
    except FileNotFoundError:
        return single(registry_file)
    problems: list[Issue] = []

    def build() -> Editions | None:
        found, found_problems = parse_editions(raw, path, folder, registry_file, False)
        problems.extend(found_problems)
        return None if found_problems else found

    # the file names its lists relative to its folder: the same text elsewhere is another
    place = zlib.crc32(f"{folder.resolve()}|{registry_file}".encode())
    editions = cached("editions", raw, Editions, build, f"{place:08x}")
    if editions is None or problems:
        raise DataError("editions.invalid", problems, path=str(path), n=len(problems))
    if not crosswalks:
        return editions
    walks = []
    for walk in editions.crosswalks:
        try:
            links, problems = read_crosswalk(Path(walk.path))
        except FileNotFoundError:
            missing = Issue(None, str(path), msg("editions.file_missing", file=walk.path))
            raise DataError("editions.invalid", [missing], path=str(path), n=1) from None
        if problems:
            raise DataError("editions.invalid", problems, path=str(path), n=len(problems))
        walks.append(replace(walk, links=tuple(links)))
    return replace(editions, crosswalks=tuple(walks))


def parse_editions(
    raw: bytes, path: Path, folder: Path, registry_file: str = "units.csv", crosswalks: bool = True
) -> tuple[Editions | None, list[Issue]]:
    """Parse and validate the editions file, and read its crosswalks (unless `crosswalks` is
    false: the lists alone)."""
    from pydantic import BaseModel, ConfigDict, Field

    from ntm_cli.sources.yamlfile import line_of, validate_yaml

    class _Strict(BaseModel):
        model_config = ConfigDict(extra="forbid", frozen=True)

    class EditionSpec(_Strict):
        id: str = Field(pattern=r"^[a-z0-9][a-z0-9._-]*$")
        name: str = Field(min_length=1)
        name_en: str = ""
        file: str = Field(min_length=1)
        valid_from: dt.date | None = None
        valid_to: dt.date | None = None
        plan: str = ""
        source: str = ""
        review: list[Literal["district", "province"]] = Field(default=["province"], min_length=1)

    class CrosswalkSpec(_Strict):
        file: str = Field(min_length=1)
        old: str
        new: str
        source: str = ""

    class EditionsFile(_Strict):
        editions: list[EditionSpec] = Field(min_length=1)
        crosswalks: list[CrosswalkSpec] = []

    spec, lines, problems = validate_yaml(raw, path, EditionsFile, msg("editions.shape"))
    if spec is None:
        return None, problems

    def where(*loc: str | int) -> str:
        return f"{path}:{line_of(loc, lines)}"

    found: list[Edition] = []
    ids: set[str] = set()
    for i, e in enumerate(spec.editions):
        if e.id in ids:
            problems.append(
                Issue(None, where("editions", i, "id"), msg("editions.id_twice", id=e.id))
            )
        ids.add(e.id)
        if e.valid_from and e.valid_to and e.valid_to < e.valid_from:
            problems.append(Issue(None, where("editions", i, "valid_to"),
                                  msg("editions.reversed", id=e.id)))  # fmt: skip
        for field, name in (("file", e.file), ("plan", e.plan)):
            if not name:
                continue
            try:
                there = located(folder, name)
            except DataError as exc:
                problems.append(Issue(None, where("editions", i, field), exc.message))
                continue
            if there.exists() and not there.is_file():  # a folder, a FIFO
                problems.append(Issue(None, where("editions", i, field),
                                      msg("editions.not_file", file=name)))  # fmt: skip
            elif not there.is_file():
                problems.append(Issue(None, where("editions", i, field),
                                      msg("editions.file_missing", file=name)))  # fmt: skip
        if list(e.review) not in (["province"], ["district", "province"]):
            problems.append(Issue(None, where("editions", i, "review"),
                                  msg("editions.review_levels", id=e.id)))  # fmt: skip
        found.append(Edition(e.id, nfc(e.name), e.file, e.valid_from, e.valid_to,
                             nfc(e.name_en), nfc(e.source), e.plan, tuple(e.review)))  # fmt: skip
    ordered = sorted(found, key=lambda e: e.valid_from or dt.date.min)
    for before, after in zip(ordered, ordered[1:], strict=False):
        if before.valid_to is None or (after.valid_from and before.valid_to >= after.valid_from):
            overlap = msg("editions.overlap", first=before.id, second=after.id)
            problems.append(Issue(None, where("editions"), overlap))
    if not any(e.file == registry_file for e in found):
        problems.append(Issue(None, where("editions"),
                              msg("editions.no_registry", file=registry_file)))  # fmt: skip
    walks: list[Crosswalk] = []
    by_id = {e.id: e for e in found}
    for i, c in enumerate(spec.crosswalks):
        for side in ("old", "new"):
            if getattr(c, side) not in ids:
                problems.append(Issue(None, where("crosswalks", i, side),
                                      msg("editions.unknown", id=getattr(c, side))))  # fmt: skip
        old, new = by_id.get(c.old), by_id.get(c.new)
        if old is not None and new is not None:
            # a crosswalk goes from a list to the one after it: never to itself, never back
            ordered_ok = (old.valid_to is not None and new.valid_from is not None
                          and old.valid_to < new.valid_from)  # fmt: skip
            if c.old == c.new or not ordered_ok:
                order = msg("editions.crosswalk_order", old=c.old, new=c.new)
                problems.append(Issue(None, where("crosswalks", i, "new"), order))
        try:
            file = located(folder, c.file)
        except DataError as exc:
            problems.append(Issue(None, where("crosswalks", i, "file"), exc.message))
            continue
        if not crosswalks:  # the rows are read on use; the file must be there
            if file.exists() and not file.is_file():
                problems.append(Issue(None, where("crosswalks", i, "file"),
                                      msg("editions.not_file", file=c.file)))  # fmt: skip
            elif not file.is_file():
                problems.append(Issue(None, where("crosswalks", i, "file"),
                                      msg("editions.file_missing", file=c.file)))  # fmt: skip
            walks.append(Crosswalk(c.old, c.new, (), str(file), nfc(c.source)))
            continue
        try:
            links, link_problems = read_crosswalk(file)
        except FileNotFoundError:
            problems.append(Issue(None, where("crosswalks", i, "file"),
                                  msg("editions.file_missing", file=c.file)))  # fmt: skip
            continue
        except DataError as exc:  # a folder, a FIFO, a file over the limit, not UTF-8
            problems.append(Issue(None, where("crosswalks", i, "file"), exc.message))
            continue
        problems += link_problems
        walks.append(Crosswalk(c.old, c.new, tuple(links), str(file), nfc(c.source)))
    return Editions(tuple(ordered), tuple(walks), str(path)), problems


def read_crosswalk(path: Path) -> tuple[list[Link], list[Issue]]:
    """The rows of a crosswalk file, with a problem for each row that cannot be read (its line).
    A FileNotFoundError is the caller's to word."""
    raw = read_data_file(path, MAX_CROSSWALK)
    if len(raw) > MAX_CROSSWALK:
        return [], [Issue(None, None, too_large(path, len(raw), MAX_CROSSWALK).message)]
    text = decode(raw, path)
    first = text.split("\n", 1)[0]  # Excel's "CSV UTF-8" in a Vietnamese locale uses ";"
    reader = csv.DictReader(
        io.StringIO(text), delimiter=";" if first.count(";") > first.count(",") else ","
    )
    header = [nfc(h or "").strip() for h in (reader.fieldnames or [])]
    missing = [c for c in CROSSWALK_COLUMNS if c not in header]
    unknown = [c for c in header if c not in CROSSWALK_COLUMNS + CROSSWALK_OPTIONAL]
    if missing or unknown:
        return [], [Issue(None, f"{path}:1", msg("crosswalk.columns", missing=", ".join(missing),
                                                  unknown=", ".join(unknown)))]  # fmt: skip
    reader.fieldnames = header
    links: list[Link] = []
    problems: list[Issue] = []
    seen: set[tuple[str, str]] = set()
    for number, row in enumerate(reader, start=2):
        cells: dict[str, Any] = {k: nfc((v or "").strip()) for k, v in row.items() if k}
        place = f"{path}:{number}"
        old, new = cells["old_code"], cells["new_code"]
        if not old or not new:
            problems.append(Issue(None, place, msg("crosswalk.no_code")))
            continue
        if cells["merge_kind"] not in MERGE_KINDS:
            problems.append(Issue(None, place, msg("crosswalk.kind", value=cells["merge_kind"],
                                                   kinds=", ".join(MERGE_KINDS))))  # fmt: skip
            continue
        try:
            effective = dt.date.fromisoformat(cells["effective_date"])
        except ValueError:
            problems.append(
                Issue(None, place, msg("crosswalk.date", value=cells["effective_date"]))
            )
            continue
        if (old, new) in seen:
            problems.append(Issue(None, place, msg("crosswalk.twice", old=old, new=new)))
            continue
        seen.add((old, new))
        links.append(Link(old, cells["old_name"], cells["old_kind"], new, cells["new_name"],
                          cells["new_kind"], cells["merge_kind"], effective,
                          cells.get("old_province_code", ""), cells.get("old_district_code", ""),
                          cells.get("old_district_name", ""), cells.get("source", ""),
                          number))  # fmt: skip
    return links, problems
