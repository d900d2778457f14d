"""Command-line arguments: kommune/region values checked against the reference data, and
argparse's errors and help in Danish (exit 2, the usage line of the command being typed)."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.e2e.test_cli import cli
from tests.e2e.test_cli_search import db  # noqa: F401  (fixture: a hand-made catalogue)

TAKSTFIL = "Tilbud;Enhed;Takst 2025\nSolsikken;døgn;3000\n"
ENGLISH = ("usage:", "error:", "invalid", "argument ", "required", "unrecognized", "expected", "choose")


def rammedesk(*argv: str) -> subprocess.CompletedProcess[str]:
    """The installed program as a user runs it: a separate process."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "rammedesk", *argv],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=120,
        check=False,
    )


def takstfil(tmp_path: Path) -> Path:
    path = tmp_path / "takster.csv"
    path.write_text(TAKSTFIL, encoding="utf-8")
    return path


def new_tilbud_kommune(db_path: Path) -> list[tuple[str, int]]:
    with sqlite3.connect(db_path) as conn:
        return conn.execute("SELECT navn, kommune_kode FROM tilbud ORDER BY id").fetchall()


# --- item 1: kommune codes -------------------------------------------------------------------


@pytest.mark.parametrize("value", ["999", "99999999999999999999", "0", "Atlantis"])
def test_import_refuses_an_unknown_kommune_before_opening_the_database(tmp_path: Path, value: str) -> None:
    target = tmp_path / "ny.sqlite3"
    proc = rammedesk("import", "takstfil", str(takstfil(tmp_path)), "--kommune", value, "--db", str(target))
    assert proc.returncode == 1, proc.stderr
    assert f"--kommune: »{value}« er ikke en dansk kommune." in proc.stderr
    assert "fx 751 eller 0751" in proc.stderr and "Aarhus Kommune" in proc.stderr  # what valid looks like
    assert (
        "Databasefejl" not in proc.stderr and "Uventet" not in proc.stderr and "Traceback" not in proc.stderr
    )
    assert not target.exists()  # refused before a database was created


def test_unknown_kommune_with_json_is_one_error_document(empty_db: Path, tmp_path: Path) -> None:
    before = new_tilbud_kommune(empty_db)
    code, out, err = cli(
        "import", "takstfil", str(takstfil(tmp_path)), "--kommune", "999", "--db", str(empty_db), "--json"
    )
    assert code == 1
    doc = json.loads(out)
    assert doc["error"]["where"] == "--kommune" and "»999«" in doc["error"]["message"]
    assert "er ikke en dansk kommune" in err
    assert new_tilbud_kommune(empty_db) == before


@pytest.mark.parametrize(
    "value", ["751", "0751", "Aarhus", "Århus", "aarhus kommune", "Aarhus Kommune", " AARHUS "]
)
def test_import_accepts_a_kommune_as_users_write_it(empty_db: Path, tmp_path: Path, value: str) -> None:
    code, out, err = cli(
        "import", "takstfil", str(takstfil(tmp_path)), "--kommune", value, "--db", str(empty_db), "--json"
    )
    assert code == 0, err
    assert json.loads(out)["new_tilbud"] == 1
    assert new_tilbud_kommune(empty_db) == [("Solsikken", 751)]


def test_genitive_and_regionskommune_names(empty_db: Path, tmp_path: Path) -> None:
    file = str(takstfil(tmp_path))
    assert (
        cli("import", "takstfil", file, "--kommune", "Bornholms Regionskommune", "--db", str(empty_db))[0]
        == 0
    )
    assert new_tilbud_kommune(empty_db) == [("Solsikken", 400)]
    other = tmp_path / "other.sqlite3"
    assert cli("import", "takstfil", file, "--kommune", "Københavns Kommune", "--db", str(other))[0] == 0
    assert new_tilbud_kommune(other) == [("Solsikken", 101)]


@pytest.mark.parametrize(
    ("value", "suggested"),
    [("Arhus", "Aarhus (751)"), ("Frederiks", "Frederiksberg (147) eller Frederikshavn (813)")],
)
def test_a_near_name_is_suggested(tmp_path: Path, value: str, suggested: str) -> None:
    code, out, _ = cli("import", "takstfil", str(takstfil(tmp_path)), "--kommune", value, "--json")
    assert code == 1
    assert f"Mente du {suggested}" in json.loads(out)["error"]["message"]


def test_search_checks_kommune_and_region(db: Path) -> None:  # noqa: F811
    def total(*args: str) -> int:
        code, out, err = cli("search", *args, "--db", str(db), "--json")
        assert code == 0, err
        return int(json.loads(out)["total"])

    assert total("--kommune", "Køge") == total("--kommune", "259") == total("--kommune", "0259") > 0
    assert (
        total("--region", "Midtjylland")
        == total("--region", "Region Midtjylland")
        == total("--region", "1082")
    )
    for option, value in [("--kommune", "999"), ("--kommune", "99999999999999999999"), ("--region", "9")]:
        code, out, _ = cli("search", option, value, "--db", str(db), "--json")
        assert code == 1, (option, value)  # was: 0 hits (a typo looked like an empty catalogue), or exit 3
        assert json.loads(out)["error"]["where"] == option


def test_search_region_overflow_is_not_a_bug(tmp_path: Path) -> None:
    proc = rammedesk("search", "--region", "99999999999999999999", "--db", str(tmp_path / "x.sqlite3"))
    assert (
        proc.returncode == 1
        and "er ikke en region" in proc.stderr
        and "1081 (Region Nordjylland)" in proc.stderr
    )


def test_business_case_kommuner_by_code_or_name() -> None:
    args = ("business-case", "--places", "2", "--takst", "100", "--occupancy", "50", "--json")
    code, out, err = cli(*args, "--share-by", "equal", "--kommuner", "København", "0147")
    assert code == 0, err
    assert json.loads(out)["kommuner"] == {"101": "København", "147": "Frederiksberg"}
    code, out, err = cli(*args, "--share", "Københavns Kommune=3", "147=1")
    assert code == 0, err
    assert json.loads(out)["years"][0]["shares"] == {"101": "20531.25", "147": "6843.75"}
    for option, value in [
        ("--kommuner", "999"),
        ("--kommuner", "99999999999999999999"),
        ("--share", "999=1"),
    ]:
        code, out, _ = cli(*args, option, value)
        assert code == 1
        error = json.loads(out)["error"]
        assert error["where"] == option and "er ikke en dansk kommune" in error["message"]


# --- item 2: argparse in Danish --------------------------------------------------------------

USAGE_ERRORS = [
    (
        ["import", "takstfil", "f.xlsx", "--year", "2025-budget"],
        "--year: »2025-budget« er ikke et helt tal.",
        "--year",
    ),
    (["import", "takstfil", "f.xlsx", "--bogus"], "Ukendt tilvalg eller argument: --bogus.", "--bogus"),
    (["import", "takstfil"], "Argumentet FILE mangler.", "FILE"),
    (["import"], "Argumentet WHAT mangler. Vælg en af takstfil, undo.", "WHAT"),
    (
        ["search", "--driftsherre", "foo"],
        "--driftsherre: »foo« er ikke et af valgene: kommunal, regional, privat, selvejende.",
        "--driftsherre",
    ),
    (["import", "takstfil", "f.xlsx", "--year"], "--year: mangler en værdi.", "--year"),
    (["frobnicate"], "COMMAND: »frobnicate« er ikke et af valgene: info, init,", "COMMAND"),
    (["portfolio", "bogus"], "WHAT: »bogus« er ikke et af valgene: project, import, list.", "WHAT"),
    (
        ["cost", "--unit", "doegn", "--from", "2027-01-01"],
        "Angiv --takst, --takst-id, --ydelse eller --afdeling.",
        "--takst --takst-id --ydelse --afdeling",
    ),
    (
        ["cost", "--takst", "1", "--takst-id", "2", "--from", "2027-01-01"],
        "--takst-id: kan ikke bruges sammen med --takst.",
        "--takst-id",
    ),
    (["cost", "--tak", "5"], "Tilvalget --tak er tvetydigt: det kan være --takst, --takst-id", "--tak"),
    (
        ["business-case", "--places", "2", "--takst", "1", "--occupancy"],
        "--occupancy: mangler mindst én værdi.",
        "--occupancy",
    ),
    (
        ["cost", "--takst", "1", "--unit", "doegn", "--from", "2027-01-01", "--exclude-last-day=ja"],
        "--exclude-last-day: tager ingen værdi (fik »ja«).",
        "--exclude-last-day",
    ),
    (["show", "99999999999999999999"], "TILBUD_ID: »99999999999999999999« er for stort et tal.", "TILBUD_ID"),
    (
        ["search", "--offset", "99999999999999999999"],
        "--offset: »99999999999999999999« er for stort",
        "--offset",
    ),
]


@pytest.mark.parametrize(("argv", "message", "where"), USAGE_ERRORS)
def test_usage_errors_are_danish_with_exit_2(argv: list[str], message: str, where: str) -> None:
    code, out, err = cli(*argv)
    assert code == 2
    assert out == ""
    assert message in err
    assert f"\n  Sted: {where}\n" in err
    assert err.startswith("brug: rammedesk")
    assert not any(word in err for word in ENGLISH), err
    code, out, err = cli(*argv, "--json")  # the same error as one JSON document on stdout
    assert code == 2
    error = json.loads(out)["error"]
    assert message in error["message"] and error["where"] == where
    assert message in err and "brug: rammedesk" in err


def test_the_reported_case_as_a_separate_process() -> None:
    proc = rammedesk("import", "takstfil", "f.xlsx", "--year", "2025-budget")
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr.startswith("brug: rammedesk import takstfil ")  # the command's own usage line
    assert (
        "Fejl: --year: »2025-budget« er ikke et helt tal. Se »rammedesk import takstfil --help«."
        in proc.stderr
    )
    proc = rammedesk("import", "takstfil", "f.xlsx", "--bogus", "--json")
    assert proc.returncode == 2
    assert json.loads(proc.stdout)["error"]["where"] == "--bogus"  # stdout stays valid JSON
    assert proc.stderr.startswith("brug: rammedesk import takstfil ")


def test_an_unknown_flag_shows_the_subcommands_usage() -> None:
    # argparse reports leftovers from the root parser; the usage is still the sub-command's.
    code, _, err = cli("portfolio", "list", "--nope")
    assert code == 2 and err.startswith("brug: rammedesk portfolio list ")
    assert "Se »rammedesk portfolio list --help«." in err


@pytest.mark.parametrize(
    "argv", [["show", "010180-1234"], ["portfolio", "list", "0101801234"], ["--db", "x", "010180-1234"]]
)
def test_a_cpr_like_value_is_never_echoed(argv: list[str]) -> None:
    code, out, err = cli(*argv, "--json")
    assert code == 2
    assert "1234" not in out + err and "CPR-lignende nummer" in err


def test_help_has_danish_headings(capsys: pytest.CaptureFixture[str]) -> None:
    from rammedesk.cli import run

    with pytest.raises(SystemExit) as info:
        run(["import", "takstfil", "--help"])
    assert info.value.code == 0
    text = capsys.readouterr().out
    assert text.startswith("brug: rammedesk import takstfil")
    assert "\nargumenter:\n" in text and text.count("\ntilvalg:\n") == 1  # --db/--json join the rest
    assert "vis denne hjælp og afslut" in text
    assert "usage:" not in text and "options:" not in text and "show this help" not in text
    proc = rammedesk("--help")
    assert proc.returncode == 0 and "vis versionen og afslut" in proc.stdout


def test_unknown_english_messages_pass_through() -> None:
    import argparse

    from rammedesk.cli_args import translate

    text, where = translate("something argparse says one day", argparse.ArgumentParser())
    assert (text, where) == ("Something argparse says one day.", None)


def test_an_existing_command_still_works_with_the_danish_parser(empty_db: Path) -> None:
    code, out, _ = cli("info", "--db", str(empty_db), "--json")
    assert code == 0 and json.loads(out)["counts"]["kommuner"] == 98
