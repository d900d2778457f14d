"""`rammedesk portfolio project|import|list` end to end: numbers by hand, errors, xlsx, scenarios."""

from __future__ import annotations

import json
import sqlite3
from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook

from tests.e2e.test_cli import cli


def run_json(*args: str) -> tuple[int, dict[str, Any]]:
    code, out, _ = cli(*args, "--json")
    return code, json.loads(out)


def _with_pl(db: Path) -> Path:
    with sqlite3.connect(db) as conn:  # P/L rates as `pl import` stores them (scaled by 1000)
        conn.execute("INSERT INTO pl_sats VALUES (2028, 3000, 'test', '2026-01-01', 0)")
        conn.execute("INSERT INTO pl_sats VALUES (2029, 2500, 'test', '2026-01-01', 0)")
    return db


def _portfolio(tmp_path: Path, bad_row: bool = False) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "Anbringelser"
    ws.append(
        ["Sagsnummer", "Paragraf", "Takst", "Enhed", "Takstår", "Start", "Slut", "Timer pr. uge", "Timesats"]
    )
    ws.append(
        ["2027-001", "SEL_108", 2500, "døgn", 2027, datetime(2027, 3, 15), datetime(2027, 12, 31), 20, 417]
    )
    ws.append(["2027-002", "SEL_107", 1000, "døgn", 2027, date(2027, 1, 1), None, None, None])
    if bad_row:
        ws.append(["2027-003", "SEL_107", 1000, "døgn", 2027, "i morgen", None, None, None])
    budget = wb.create_sheet("Budget")
    budget.append(["Gruppering", "Værdi", "År", "Beløb"])
    budget.append(["paragraf", "SEL_107", 2028, 366000])
    path = tmp_path / "portefoelje.xlsx"
    wb.save(path)
    return path


def test_project_json_by_hand(tmp_path: Path, empty_db: Path) -> None:
    db = _with_pl(empty_db)
    scenario = tmp_path / "s.json"
    scenario.write_text(
        json.dumps(
            {
                "navn": "Takst +3 %",
                "aendringer": [
                    {"type": "takst", "pct": "3", "gruppe": {"dimension": "paragraf", "vaerdi": "SEL_107"}}
                ],
            }
        ),
        encoding="utf-8",
    )
    args = (
        "portfolio",
        "project",
        str(_portfolio(tmp_path)),
        "--db",
        str(db),
        "--from",
        "2027",
        "--years",
        "2",
    )
    code, doc = run_json(*args, "--scenario", str(scenario), "--xlsx", str(tmp_path / "out.xlsx"))
    assert code == 0
    totals = doc["totals"]
    # 2027: C-01/C-02 example 1 077 897.14 + 365 × 1 000; 2028: 366 × 1 000 × 1.03
    assert totals["per_year"] == {"2027": "1442897.14", "2028": "376980.00"}
    assert totals["per_year_fixed"]["2028"] == "366000.00"
    assert totals["per_month"]["2027-03"] == "93754.29"
    assert doc["groups"]["paragraf"]["SEL_107"]["per_year"]["2028"] == "376980.00"
    # § 107's 2028 budget is 366 000: with P/L every month is over (1 030 a day vs 1 000)
    over = [o["month"] for o in doc["over_budget_months"]]
    assert over == [f"2028-{m:02d}" for m in range(1, 13)]
    assert doc["assumptions"]["pl_factors"] == [{"from": 2027, "to": 2028, "factor": "1.03"}]
    assert doc["assumptions"]["pl_base_years"] == [2027]
    (sc,) = doc["scenarios"]
    assert sc["per_year"]["2027"]["difference"] == "10950.00"  # 365 × 30
    assert sc["per_year"]["2028"]["difference"] == "11309.40"  # 366 × 30 × 1.03
    wb = load_workbook(tmp_path / "out.xlsx")
    assert wb.sheetnames == [
        "Pr. måned",
        "Pr. år",
        "Grupper",
        "Budget mod prognose",
        "Forudsætninger",
        "Anbringelser",
    ]
    assert wb["Pr. år"]["B2"].value == 1442897.14
    # The placements sheet uses the import's column names: the export reads back in.
    from rammedesk.fileio.portfolio_reader import read_portfolio

    again = read_portfolio(tmp_path / "out.xlsx")
    assert [r.placement.sagsnummer for r in again.placements] == ["2027-001", "2027-002"]
    assert again.errors == ()


def test_rejected_rows_stop_the_projection_unless_skipped(tmp_path: Path, empty_db: Path) -> None:
    path = _portfolio(tmp_path, bad_row=True)
    base = (
        "portfolio",
        "project",
        str(path),
        "--db",
        str(_with_pl(empty_db)),
        "--from",
        "2027",
        "--years",
        "1",
    )
    code, doc = run_json(*base, "--errors", str(tmp_path / "fejl.xlsx"))
    assert code == 1 and "--skip-invalid" in doc["error"]["message"]
    assert "række 4, kolonne F" in doc["error"]["message"]
    assert load_workbook(tmp_path / "fejl.xlsx")["Afviste rækker"]["C2"].value == 4
    code, doc = run_json(*base, "--skip-invalid")
    assert code == 0 and doc["rejected"][0]["row"] == 4


def test_missing_pl_year_is_named(tmp_path: Path, empty_db: Path) -> None:
    args = ("portfolio", "project", str(_portfolio(tmp_path)), "--db", str(empty_db), "--from", "2027")
    code, doc = run_json(*args, "--years", "2")
    assert code == 1 and "2028" in doc["error"]["message"]


def test_import_list_and_project_stored(tmp_path: Path, empty_db: Path) -> None:
    db = str(_with_pl(empty_db))
    code, doc = run_json(
        "portfolio", "import", str(_portfolio(tmp_path)), "--name", "Budget 2027", "--db", db
    )
    assert code == 0 and doc["placements"] == 2 and doc["budget_lines"] == 1
    code, doc = run_json("portfolio", "list", "--db", db)
    assert [p["name"] for p in doc["portfolios"]] == ["Budget 2027"]
    code, doc = run_json(
        "portfolio", "project", "--name", "Budget 2027", "--db", db, "--from", "2027", "--years", "1"
    )
    assert code == 0 and doc["totals"]["total"] == "1442897.14"


def test_usage_errors(tmp_path: Path) -> None:
    path = str(_portfolio(tmp_path))
    code, doc = run_json("portfolio", "project", path, "--years", "11")
    assert code == 1 and doc["error"]["where"] == "--years"
    code, doc = run_json("portfolio", "project")
    assert code == 1 and "--name" in doc["error"]["message"]
    bad = tmp_path / "s.json"
    bad.write_text('{"navn": "x", "aendringer": [{"type": "takst", "pct": "tre"}]}', encoding="utf-8")
    code, doc = run_json("portfolio", "project", path, "--scenario", str(bad), "--years", "1")
    assert code == 1 and doc["error"]["where"] == "s.json: scenarie.aendringer[0].pct"
    code, _, _ = cli("portfolio", "bogus")
    assert code == 2
