"""`ntm store grant`: a district officer may write only their district's communes, and it is the
PostgreSQL server that refuses the rest (row-level security), to ntm and to any other client;
a province officer writes every commune. On SQLite the officers are recorded only."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import psycopg
import pytest
from psycopg import errors as pg_errors
from typer.testing import CliRunner

import pgserver
from forms import filled_form, write
from ntm_cli.cli.app import app
from ntm_cli.domain.i18n import Lang

runner = CliRunner()

CANG_LONG = "844"  # Huyện Càng Long, of the bundled registry (Trà Vinh)
MY_CAM = "29269"  # Xã Mỹ Cẩm, Càng Long
LONG_DUC = "29263"  # Xã Long Đức, Thành phố Trà Vinh: another district
PERIOD = "2024-06"


def cli(*args: str, code: int = 0) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == code, result.output
    return " ".join(result.output.split())  # a table wraps long lines at the terminal's width


class Office:
    """A store on the test server, its superuser URL, and login roles of this test alone
    (roles are the server's, not the database's: each name carries the database's)."""

    def __init__(self, server: pgserver.Server, url: str) -> None:
        self.server = server
        self.url = url
        self.dbname = urlsplit(url).path.lstrip("/")
        self.roles: list[str] = []

    def role(self, prefix: str) -> str:
        name = f"{prefix}_{self.dbname}".lower()
        self.roles.append(name)
        return name

    def url_of(self, role: str) -> str:
        return self.server.url(user=role, dbname=self.dbname)

    def grant(self, role: str, *how: str, code: int = 0) -> str:
        return cli("store", "grant", role, *how, "--store", self.url, code=code)

    def rows(self, sql: str) -> list[tuple[object, ...]]:
        with psycopg.connect(self.url) as conn:
            return list(conn.execute(sql).fetchall())

    def stored(self) -> list[str]:
        return [str(u) for (u,) in self.rows("SELECT unit_code FROM returns ORDER BY unit_code")]

    def groups(self) -> list[str]:
        return [f"ntm_province@{self.dbname}", f"ntm_district@{self.dbname}"]

    def drop_roles(self) -> None:
        """The test's roles and the store's groups go with the test."""
        with psycopg.connect(self.url, autocommit=True) as conn:
            for role in (*self.roles, *self.groups()):
                if conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone():
                    name = psycopg.sql.Identifier(role)
                    conn.execute(psycopg.sql.SQL("DROP OWNED BY {}").format(name))
                    conn.execute(psycopg.sql.SQL("DROP ROLE {}").format(name))


@pytest.fixture
def office(postgres: pgserver.Server, pg_url: str) -> Iterator[Office]:
    found = Office(postgres, pg_url)
    yield found
    found.drop_roles()


@pytest.fixture
def other(postgres: pgserver.Server, office: Office) -> Iterator[Office]:
    """A second store on the same server."""
    name = f"{office.dbname}_b"
    if not postgres.owned:
        postgres.drop_database(name)
    found = Office(postgres, postgres.create_database(name))
    yield found
    found.drop_roles()
    if not postgres.owned:
        postgres.drop_database(name)


def forms(folder: Path, *codes: str) -> Path:
    for code in codes:
        write(folder, f"{PERIOD}_{code}.xlsx", filled_form(code, PERIOD))
    return folder


def import_as(
    office: Office, role: str, *paths: Path, code: int = 0, extra: tuple[str, ...] = ()
) -> dict:  # type: ignore[type-arg]
    result = runner.invoke(
        app,
        ["import", *map(str, paths), *extra, "--store", office.url_of(role), "-f", "json",
         "--lang", "en"],
    )  # fmt: skip
    assert result.exit_code == code, result.output
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def verdicts(report: dict) -> dict[str, str]:  # type: ignore[type-arg]
    return {Path(f["path"]).name: f["status"] for f in report["files"]}


def test_a_district_officer_imports_their_own_communes_and_is_refused_the_others(
    office: Office, tmp_path: Path
) -> None:
    officer = office.role("cl")
    said = office.grant(officer, "--district", "Càng Long")
    assert "Huyện Càng Long, 14 xã" in said and "máy chủ PostgreSQL tự kiểm soát" in said
    assert f"(nhóm ntm_district@{office.dbname})" in said  # this store's group, not another's
    folder = forms(tmp_path / "in", MY_CAM, LONG_DUC)
    report = import_as(office, officer, folder, code=1)
    assert verdicts(report) == {f"{PERIOD}_{MY_CAM}.xlsx": "imported",
                                f"{PERIOD}_{LONG_DUC}.xlsx": "rejected"}  # fmt: skip
    refused = next(f for f in report["files"] if f["status"] == "rejected")
    (error,) = refused["errors"]
    assert error["code"] == "store.unit_denied"
    assert error["params"]["unit"] == "Xã Long Đức (29263)"
    assert error["params"]["district"] == "Huyện Càng Long (844)"
    assert "the file was not stored" in error["message"]
    assert "stopped" not in report
    # nothing of the refused file: its return, its file row, its criteria
    assert office.stored() == [MY_CAM]
    assert office.rows("SELECT name FROM files") == [(f"{PERIOD}_{MY_CAM}.xlsx",)]
    assert office.rows("SELECT count(*) FROM criterion_values") == [(len(office.rows(
        "SELECT 1 FROM criterion_values v JOIN returns r ON r.id = v.return_id")),)]  # fmt: skip
    assert office.rows("SELECT count(*) FROM return_warnings w LEFT JOIN returns r "
                       "ON r.id = w.return_id WHERE r.id IS NULL") == [(0,)]  # fmt: skip


def test_another_districts_commune_alone_is_refused_and_nothing_is_stored(
    office: Office, tmp_path: Path
) -> None:
    officer = office.role("cl")
    office.grant(officer, "--district", "cang long")  # without diacritics
    path = write(tmp_path, f"{PERIOD}_{LONG_DUC}.xlsx", filled_form(LONG_DUC, PERIOD))
    result = runner.invoke(app, ["import", str(path), "--store", office.url_of(officer)])
    assert result.exit_code != 0
    said = " ".join(result.output.split())  # the table wraps long lines
    assert "Xã Long Đức (29263)" in said and "Huyện Càng Long (844)" in said
    assert office.stored() == []
    assert office.rows("SELECT count(*) FROM files") == [(0,)]


def test_the_server_refuses_a_district_officer_outside_ntm(office: Office, tmp_path: Path) -> None:
    officer = office.role("cl")
    office.grant(officer, "--district", CANG_LONG)
    # the owner stores a return of each district; the officer then connects on their own
    cli("import", str(forms(tmp_path / "in", MY_CAM, LONG_DUC)), "--store", office.url)
    ids = dict(office.rows("SELECT unit_code, id FROM returns"))
    with psycopg.connect(office.url_of(officer), autocommit=True) as conn:
        assert conn.execute("SELECT count(*) FROM returns").fetchone() == (2,)  # reads all
        (file_id,) = conn.execute("SELECT min(id) FROM files").fetchone()  # type: ignore[misc]
        with pytest.raises(pg_errors.InsufficientPrivilege, match="row-level security"):
            conn.execute(
                "INSERT INTO returns (file_id, unit_code, period, criteria_set, source_kind, "
                "imported_at, edition) VALUES (%s, %s, '2024-07', 'x', 'form', 'now', 'tra-vinh')",
                (file_id, LONG_DUC),
            )
        with pytest.raises(pg_errors.InsufficientPrivilege, match="row-level security"):
            conn.execute("UPDATE returns SET superseded_at = 'now' WHERE id = %s", (ids[LONG_DUC],))
        with pytest.raises(pg_errors.InsufficientPrivilege, match="row-level security"):
            conn.execute("INSERT INTO criterion_values (return_id, criterion, met) "
                         "VALUES (%s, '99', 1)", (ids[LONG_DUC],))  # fmt: skip
        with pytest.raises(pg_errors.InsufficientPrivilege, match="row-level security"):
            conn.execute(
                "INSERT INTO review_events (return_id, unit_code, period, action, level, state, "
                "actor, at) VALUES (%s, %s, %s, 'approve', 'district', 'approved', 'x', 'now')",
                (ids[LONG_DUC], LONG_DUC, PERIOD),
            )
        # nor may the officer widen their own scope or touch the nominations
        with pytest.raises(pg_errors.InsufficientPrivilege):
            conn.execute(
                "INSERT INTO officer_units VALUES (%s, 'tra-vinh', %s)", (officer, LONG_DUC)
            )
        with pytest.raises(pg_errors.InsufficientPrivilege):
            conn.execute("DELETE FROM returns WHERE id = %s", (ids[MY_CAM],))
        # their own commune: a district's approval in their own name is taken
        conn.execute(
            "INSERT INTO review_events (return_id, unit_code, period, action, level, state, "
            "actor, role, at) VALUES (%s, %s, %s, 'approve', 'district', 'approved_district', "
            "'x', %s, 'now')",
            (ids[MY_CAM], MY_CAM, PERIOD, officer),
        )
    assert office.rows("SELECT superseded_at FROM returns WHERE superseded_at IS NOT NULL") == []
    assert office.rows("SELECT unit_code FROM review_events") == [(MY_CAM,)]
    assert len(office.rows("SELECT * FROM officer_units WHERE unit_code = '29263'")) == 0


def test_a_province_officer_writes_every_commune(office: Office, tmp_path: Path) -> None:
    officer = office.role("tinh")
    assert "toàn tỉnh" in office.grant(officer, "--province")
    report = import_as(office, officer, forms(tmp_path / "in", MY_CAM, LONG_DUC))
    assert set(verdicts(report).values()) == {"imported"}
    assert office.stored() == [LONG_DUC, MY_CAM]
    # a correction replaces a return: the old one is marked superseded by the officer
    again = tmp_path / "again"
    path = write(again, "fix.xlsx", filled_form(LONG_DUC, PERIOD,
                 edit=lambda book: book["Kết quả khác"].__setitem__("B14", 3)))  # fmt: skip
    report = import_as(office, officer, path, extra=("--replace",))
    assert verdicts(report) == {"fix.xlsx": "replaced"}
    assert office.rows("SELECT count(*) FROM returns WHERE superseded_at IS NOT NULL") == [(1,)]


def test_grant_twice_changes_nothing_and_revoke_takes_the_rights_away(
    office: Office, tmp_path: Path
) -> None:
    officer = office.role("cl")
    office.grant(officer, "--district", "Càng Long")
    policies = office.rows("SELECT tablename, policyname, qual, with_check FROM pg_policies "
                           "ORDER BY 1, 2")  # fmt: skip
    office.grant(officer, "--district", "Càng Long")
    assert office.rows("SELECT tablename, policyname, qual, with_check FROM pg_policies "
                       "ORDER BY 1, 2") == policies  # fmt: skip
    assert len(policies) == 11  # read and insert on five tables, update on returns
    assert office.rows("SELECT name, level, scope FROM officers") == [(officer, "district", "844")]
    assert office.rows("SELECT count(*) FROM officer_units") == [(14,)]
    listed = json.loads(cli("store", "officers", "--store", office.url, "-f", "json"))
    assert [(o["name"], o["scope_name"], o["units"]) for o in listed["officers"]] == [
        (officer, "Huyện Càng Long", 14)
    ]
    # still works after the second grant
    assert verdicts(import_as(office, officer, forms(tmp_path / "a", MY_CAM))) == {
        f"{PERIOD}_{MY_CAM}.xlsx": "imported"
    }
    # the owner is not bound by the policies
    cli("import", str(forms(tmp_path / "b", LONG_DUC)), "--store", office.url)
    assert office.stored() == [LONG_DUC, MY_CAM]
    # the district officer made a province officer: no longer of ntm_district
    office.grant(officer, "--province")
    member = office.rows(
        "SELECT g.rolname FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid "
        f"JOIN pg_roles r ON r.oid = m.member WHERE r.rolname = '{officer}'"
    )
    assert member == [(f"ntm_province@{office.dbname}",)]
    out = cli("store", "revoke", officer, "--store", office.url, "--lang", "en")
    assert f"Revoked {officer}" in out and "no officers yet" in out
    assert office.rows("SELECT count(*) FROM officer_units") == [(0,)]
    # with no group left, the server refuses the account any write at all
    path = write(tmp_path / "c", f"{PERIOD}_29272.xlsx", filled_form("29272", PERIOD))
    result = runner.invoke(app, ["import", str(path), "--store", office.url_of(officer)])
    assert result.exit_code != 0
    assert "29272" not in office.stored()


def test_a_bad_grant_is_refused_before_anything_is_written(office: Office) -> None:
    assert "tên tài khoản không hợp lệ" in office.grant("Bad-Name", "--province", code=2)
    assert "--district" in office.grant("someone", code=2)
    assert "--district" in office.grant("someone", "--province", "-d", "Càng Long", code=2)
    office.grant("someone", "-d", "Nowhere at all", code=1)
    assert office.rows("SELECT count(*) FROM pg_roles WHERE rolname = 'someone'") == [(0,)]


def test_a_password_is_set_from_the_prompt_never_the_command_line(office: Office) -> None:
    officer = office.role("pw")
    result = runner.invoke(
        app, ["store", "grant", officer, "--province", "--password-prompt", "--store", office.url],
        input="s3cret'x\ns3cret'x\n",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "s3cret" not in result.stdout
    (hashed,) = office.rows(f"SELECT rolpassword FROM pg_authid WHERE rolname = '{officer}'")[0]
    assert str(hashed).startswith(("SCRAM-SHA-256$", "md5"))


def test_a_sqlite_store_records_the_officers_only(store: Path) -> None:
    said = cli("store", "grant", "can_bo_cl", "--district", "Càng Long")
    assert "Huyện Càng Long, 14 xã" in said and "chỉ do ntm kiểm soát" in said
    cli("store", "grant", "can_bo_cl", "--district", "Càng Long")  # again: the same rows
    cli("store", "grant", "tinh", "--province", "--lang", "en")
    with sqlite3.connect(store) as db:
        assert db.execute(
            "SELECT name, edition, level, scope FROM officers ORDER BY name"
        ).fetchall() == [
            ("can_bo_cl", "tra-vinh", "district", "844"),
            ("tinh", "tra-vinh", "province", ""),
        ]
        codes = {c for (c,) in db.execute("SELECT unit_code FROM officer_units")}
    assert MY_CAM in codes and LONG_DUC not in codes and len(codes) == 14
    assert "kho SQLite không có tài khoản" in cli(
        "store", "grant", "x", "--province", "--password-prompt", code=2
    )
    listed = json.loads(cli("store", "officers", "-f", "json"))
    assert listed["enforced_by"] == "ntm" and len(listed["officers"]) == 2
    cli("store", "revoke", "can_bo_cl")
    with sqlite3.connect(store) as db:
        assert db.execute("SELECT count(*) FROM officer_units").fetchone() == (0,)


def test_an_account_the_policies_do_not_bind_is_warned_of(office: Office) -> None:
    boss = office.role("boss")
    with psycopg.connect(office.url, autocommit=True) as conn:
        conn.execute(psycopg.sql.SQL("CREATE ROLE {} LOGIN BYPASSRLS").format(
            psycopg.sql.Identifier(boss)))  # fmt: skip
    said = office.grant(boss, "--district", "Càng Long")
    assert "máy chủ không giới hạn tài khoản này theo phạm vi vừa giao" in said
    plain = office.role("plain")
    assert "không giới hạn" not in office.grant(plain, "--district", "Càng Long")


# each store its own groups --------------------------------------------------------------------


def test_an_officer_of_one_store_has_no_rights_in_another_on_the_same_server(
    office: Office, other: Office, tmp_path: Path
) -> None:
    alice, bob = office.role("alice"), other.role("bob")
    office.grant(alice, "--province")
    other.grant(bob, "--district", "Càng Long")
    # alice, a province officer of A, is nobody in B: the server refuses her there
    path = write(tmp_path / "in", f"{PERIOD}_{MY_CAM}.xlsx", filled_form(MY_CAM, PERIOD))
    result = runner.invoke(app, ["import", str(path), "--store", other.url_of(alice)])
    assert result.exit_code != 0
    assert other.stored() == []
    # bob, an officer of B, reads nothing of A
    with psycopg.connect(office.url_of(bob)) as conn:
        with pytest.raises(pg_errors.InsufficientPrivilege):
            conn.execute("SELECT * FROM officers")
    # alice made a district officer of B stays a province officer of A
    other.grant(alice, "--district", "Càng Long")
    report = import_as(office, alice, forms(tmp_path / "a", LONG_DUC))
    assert verdicts(report) == {f"{PERIOD}_{LONG_DUC}.xlsx": "imported"}
    assert office.stored() == [LONG_DUC]
    # and in B she is held to Càng Long
    report = import_as(other, alice, forms(tmp_path / "b", MY_CAM, LONG_DUC), code=1)
    assert verdicts(report) == {f"{PERIOD}_{MY_CAM}.xlsx": "imported",
                                f"{PERIOD}_{LONG_DUC}.xlsx": "rejected"}  # fmt: skip
    assert other.stored() == [MY_CAM]


def test_a_long_database_name_keeps_groups_of_its_own() -> None:
    from ntm_cli.sources.pgstore import groups

    one, two = "kho_" + "x" * 60 + "_a", "kho_" + "x" * 60 + "_b"
    assert groups("kho") == {"province": "ntm_province@kho", "district": "ntm_district@kho"}
    for level in ("province", "district"):
        assert len(groups(one)[level].encode()) <= 63
        assert groups(one)[level] != groups(two)[level]
    assert len(groups("tỉnh_" * 20)["district"].encode()) <= 63


def test_a_store_granted_with_the_shared_groups_gives_them_up(office: Office) -> None:
    """An earlier ntm gave each store's rights to `ntm_province`/`ntm_district`, shared by every
    store on the server: a grant now puts that store's officers in its own groups and takes
    every right of the shared groups away."""
    old, new = office.role("old"), office.role("new")
    with psycopg.connect(office.url, autocommit=True) as conn:
        for group in ("ntm_province", "ntm_district"):
            if not conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (group,)).fetchone():
                conn.execute(f"CREATE ROLE {group} NOLOGIN")
        conn.execute(f"CREATE ROLE {old} LOGIN IN ROLE ntm_district")
    office.grant(new, "--province")  # makes the store's tables
    with psycopg.connect(office.url, autocommit=True) as conn:
        conn.execute("GRANT SELECT ON officers, returns TO ntm_district, ntm_province")
        conn.execute("INSERT INTO officers VALUES (%s, 'tra-vinh', 'district', '844', 'x')",
                     (old,))  # fmt: skip
    office.grant(new, "--province")
    assert office.rows(
        "SELECT count(*) FROM information_schema.role_table_grants "
        "WHERE grantee IN ('ntm_province', 'ntm_district')"
    ) == [(0,)]
    member = office.rows(
        "SELECT g.rolname FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid "
        f"JOIN pg_roles r ON r.oid = m.member WHERE r.rolname = '{old}' ORDER BY 1"
    )
    assert member == [("ntm_district",), (f"ntm_district@{office.dbname}",)]


# the decisions, files and criteria an officer may write by hand -------------------------------


def test_the_server_holds_a_district_officer_to_the_review_rules(
    office: Office, tmp_path: Path
) -> None:
    officer = office.role("cl")
    office.grant(officer, "--district", CANG_LONG)
    cli("import", str(forms(tmp_path / "in", MY_CAM)), "--store", office.url)
    (return_id,) = office.rows("SELECT id FROM returns")[0]
    later = write(tmp_path / "later", f"{PERIOD}_29272.xlsx", filled_form("29272", PERIOD))
    later_sha = hashlib.sha256(later.read_bytes()).hexdigest()
    decide = (
        "INSERT INTO review_events (return_id, unit_code, period, action, level, state, "
        "actor, role, at, after) VALUES (%s, %s, %s, %s, %s, %s, 'x', %s, 'now', %s)"
    )
    refused = [
        ("approve", "province", "approved", officer, 0),  # the province's decision
        ("approve", "district", "approved", officer, 0),  # a final approval
        ("approve", "district", "approved_district", "tinh", 0),  # in another's name
        ("approve", "district", "approved_district", officer, 7),  # not after the latest
        ("return", "district", "approved_district", officer, 0),  # action and state apart
    ]
    with psycopg.connect(office.url_of(officer), autocommit=True) as conn:
        for action, level, state, role, after in refused:
            with pytest.raises(pg_errors.InsufficientPrivilege, match="row-level security"):
                conn.execute(decide, (return_id, MY_CAM, PERIOD, action, level, state, role,
                                      after))  # fmt: skip
        (first,) = conn.execute(  # type: ignore[misc]
            decide + " RETURNING id",
            (return_id, MY_CAM, PERIOD, "approve", "district", "approved_district", officer, 0),
        ).fetchone()
        # a decided return's content is what was decided on
        for sql in (
            "INSERT INTO criterion_values (return_id, criterion, met) VALUES (%s, '99', 1)",
            "INSERT INTO return_values (return_id, item, value) VALUES (%s, 'x', 1)",
            "INSERT INTO return_warnings (return_id, message) VALUES (%s, 'x')",
        ):
            with pytest.raises(pg_errors.InsufficientPrivilege, match="row-level security"):
                conn.execute(sql, (return_id,))
        # a return sent back takes no decision after it
        conn.execute(decide, (return_id, MY_CAM, PERIOD, "return", "district", "returned",
                              officer, first))  # fmt: skip
        with pytest.raises(pg_errors.InsufficientPrivilege, match="row-level security"):
            conn.execute(decide, (return_id, MY_CAM, PERIOD, "approve", "district",
                                  "approved_district", officer, first + 1))  # fmt: skip
        # a file row with no return: refused when its transaction ends
        with pytest.raises(pg_errors.InsufficientPrivilege, match="no return"):
            conn.execute("INSERT INTO files (sha256, name, size, imported_at) "
                         "VALUES (%s, 'x.xlsx', 1, 'now')", (later_sha,))  # fmt: skip
    assert office.rows("SELECT state FROM review_events ORDER BY id") == [
        ("approved_district",), ("returned",)]  # fmt: skip
    assert office.rows("SELECT count(*) FROM files") == [(1,)]
    # so the real file is stored, not told "unchanged"
    assert verdicts(import_as(office, officer, later)) == {later.name: "imported"}
    # a second grant leaves one trigger and the same policies
    office.grant(officer, "--district", CANG_LONG)
    assert office.rows("SELECT count(*) FROM pg_trigger WHERE tgname = 'ntm_file_used'") == [(1,)]


def test_a_province_officer_decides_for_the_province_only(office: Office, tmp_path: Path) -> None:
    officer = office.role("tinh")
    office.grant(officer, "--province")
    cli("import", str(forms(tmp_path / "in", MY_CAM)), "--store", office.url)
    (return_id,) = office.rows("SELECT id FROM returns")[0]
    decide = (
        "INSERT INTO review_events (return_id, unit_code, period, action, level, state, "
        "actor, role, at, after) VALUES (%s, %s, %s, 'approve', %s, %s, 'x', %s, 'now', 0)"
    )
    with psycopg.connect(office.url_of(officer), autocommit=True) as conn:
        with pytest.raises(pg_errors.InsufficientPrivilege, match="row-level security"):
            conn.execute(decide, (return_id, MY_CAM, PERIOD, "district", "approved_district",
                                  officer))  # fmt: skip
        conn.execute(decide, (return_id, MY_CAM, PERIOD, "province", "approved", officer))
    assert office.rows("SELECT level, state FROM review_events") == [("province", "approved")]


# names the server keeps, and its refusals told as the grant's ----------------------------------


@pytest.mark.parametrize(
    "name", ["public", "none", "current_user", "session_user", "current_role", "user"]
)
def test_a_name_the_server_reserves_is_refused_before_anything_is_written(
    office: Office, name: str
) -> None:
    said = office.grant(name, "--province", "--lang", "en", code=2)
    assert f"{name}: the PostgreSQL server reserves this name" in said
    assert "not a usable store" not in said
    assert "pg_foo" in office.grant("pg_foo", "--province", code=2)


def test_a_refusal_of_the_server_during_a_grant_is_told_as_the_grants(
    office: Office, tmp_path: Path
) -> None:
    from ntm_cli.domain.errors import StoreError
    from ntm_cli.sources.pgstore import PgStore

    officer = office.role("cl")
    office.grant(officer, "--district", CANG_LONG)
    # an officer may not grant: the server refuses, and it is the grant that failed
    result = runner.invoke(app, ["store", "grant", "someone", "--province", "--lang", "en",
                                 "--store", office.url_of(officer)])  # fmt: skip
    assert result.exit_code == 1
    said = " ".join(result.output.split())
    assert "could not grant someone: the server refused (permission denied" in said
    # a name past ntm's own check: the server's reason, as the grant's
    with PgStore(office.url) as db, pytest.raises(StoreError) as refused:
        db.grant("public", "province", "", [])
    assert refused.value.message.code == "grant.failed"
    assert 'role name "public" is reserved' in refused.value.message.text(Lang.EN)
    assert office.rows("SELECT count(*) FROM officers WHERE name = 'public'") == [(0,)]
