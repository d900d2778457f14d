"""The CLI contract: commands, --json documents, exit codes, global options anywhere."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from rammedesk.cli import run


def cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


def cli_json(*argv: str) -> tuple[int, dict[str, Any]]:
    code, out, _ = cli(*argv, "--json")
    return code, json.loads(out)  # exactly one JSON document


def test_info_json_fields(empty_db: Path) -> None:
    code, doc = cli_json("info", "--db", str(empty_db))
    assert code == 0
    assert doc["database"]["location"] == str(empty_db)
    assert doc["database"]["schema_version"] == doc["database"]["schema_head"]
    assert doc["database"]["dialect"] == "sqlite"
    assert doc["counts"]["kommuner"] == 98
    assert doc["counts"]["regioner"] == 5
    assert doc["counts"]["tilbud"] == 0
    assert doc["is_demo"] is False
    assert doc["data_as_of"] is None


def test_global_options_before_or_after_the_command(empty_db: Path) -> None:
    before = cli("--db", str(empty_db), "--json", "info")
    after = cli("info", "--db", str(empty_db), "--json")
    assert before[0] == after[0] == 0
    assert json.loads(before[1]) == json.loads(after[1])


def test_env_var_selects_database(empty_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RAMMEDESK_DB", str(empty_db))
    code, doc = cli_json("info")
    assert code == 0 and doc["database"]["location"] == str(empty_db)


def test_missing_database_exits_1_naming_the_path(tmp_path: Path) -> None:
    missing = tmp_path / "tyop.sqlite3"
    code, out, err = cli("info", "--db", str(missing), "--json")
    assert code == 1
    doc = json.loads(out)
    assert doc["error"]["where"] == str(missing)
    assert "findes ikke" in doc["error"]["message"]
    assert str(missing) in err
    assert not missing.exists()


def test_text_file_as_database_exits_1_and_is_kept(tmp_path: Path) -> None:
    bogus = tmp_path / "notes.txt"
    bogus.write_text("not a database", encoding="utf-8")
    code, out, err = cli("init", "--db", str(bogus))
    assert code == 1
    assert "ikke en RammeDesk-database" in err
    assert bogus.read_text(encoding="utf-8") == "not a database"


def test_usage_error_exits_2_with_json_error() -> None:
    code, out, err = cli("info", "--no-such-flag", "--json")
    assert code == 2
    assert "no-such-flag" in json.loads(out)["error"]["message"]
    code, _, _ = cli("frobnicate")
    assert code == 2


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        run(["--version"])
    assert info.value.code == 0
    assert "RammeDesk 0." in capsys.readouterr().out


def test_init_creates_reference_only_database(tmp_path: Path) -> None:
    path = tmp_path / "ny" / "real.sqlite3"
    code, doc = cli_json("init", "--db", str(path))
    assert code == 0 and doc["created"] is True and doc["backup"] is None
    assert doc["counts"]["kommuner"] == 98 and doc["counts"]["tilbud"] == 0
    assert doc["is_demo"] is False


def test_init_leaves_existing_data_alone_unless_forced(demo_db: Path) -> None:
    code, out, err = cli("init", "--db", str(demo_db))
    assert code == 1 and "--force" in err
    _, doc = cli_json("info", "--db", str(demo_db))
    assert doc["counts"]["tilbud"] > 0 and doc["is_demo"] is True

    code, doc = cli_json("init", "--db", str(demo_db), "--force")
    assert code == 0
    assert doc["counts"]["tilbud"] == 0 and doc["is_demo"] is False
    backup = Path(doc["backup"])
    assert backup.exists() and backup.parent == demo_db.parent
    _, old = cli_json("info", "--db", str(backup))
    assert old["counts"]["tilbud"] > 0


def test_demo_json_and_info_agree(tmp_path: Path) -> None:
    path = tmp_path / "demo.sqlite3"
    code, doc = cli_json("demo", "--db", str(path), "--size", "120", "--seed", "3")
    assert code == 0
    assert doc["is_demo"] is True and doc["counts"]["afdelinger"] == 120
    assert doc["data_as_of"] is not None
    _, info = cli_json("info", "--db", str(path))
    assert info["counts"] == doc["counts"]


def test_demo_refuses_on_real_data_database(tmp_path: Path) -> None:
    path = tmp_path / "real.sqlite3"
    assert cli("init", "--db", str(path))[0] == 0
    # An init'ed database with reference data only may receive demo data ...
    assert cli("demo", "--db", str(path), "--size", "50")[0] == 0
    # ... but a database with data is replaced only with --force.
    code, _, err = cli("demo", "--db", str(path), "--size", "50")
    assert code == 1 and "--force" in err


def test_entry_point_runs_as_module(empty_db: Path) -> None:
    env = {**os.environ, "RAMMEDESK_DB": str(empty_db)}
    proc = subprocess.run(
        [sys.executable, "-m", "rammedesk", "info", "--json"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["counts"]["kommuner"] == 98


def test_a_reader_closing_the_pipe_early_ends_quietly(demo_db: Path) -> None:
    # `rammedesk search … --json | head` must not end in a traceback or a "bug" exit code.
    env = {**os.environ, "RAMMEDESK_DB": str(demo_db)}
    argv = [sys.executable, "-m", "rammedesk", "search", "a", "--limit", "2000", "--json"]
    with subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env) as proc:
        assert proc.stdout is not None and proc.stderr is not None
        assert proc.stdout.read(10).startswith(b"{")
        proc.stdout.close()  # far more than a pipe buffer is still to come
        stderr = proc.stderr.read().decode()
        assert proc.wait(timeout=120) == 0, stderr
    assert "Traceback" not in stderr and "BrokenPipe" not in stderr
