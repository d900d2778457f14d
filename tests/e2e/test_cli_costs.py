"""`rammedesk cost`, `pl import|list`, `population import|list` end to end."""

from __future__ import annotations

import json
import sqlite3
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from tests.e2e.test_cli import cli


def run_json(*args: str) -> tuple[int, dict[str, Any]]:
    code, out, _ = cli(*args, "--json")
    return code, json.loads(out)


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def test_cost_c01_without_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RAMMEDESK_DB", str(tmp_path / "does-not-exist.sqlite3"))
    code, doc = run_json(
        "cost", "--takst", "2500", "--unit", "doegn", "--from", "2027-03-15", "--to", "2027-12-31"
    )
    assert code == 0
    assert doc["total"] == "730000.00"
    assert doc["per_year"] == {"2027": "730000.00"}
    assert doc["per_month"]["2027-03"] == "42500.00"
    assert doc["days_charged"] == 292
    assert "Både indskrivnings- og udskrivningsdag betales." in doc["assumptions"]
    assert not (tmp_path / "does-not-exist.sqlite3").exists()


def test_cost_c02_danish_amounts_and_tillaeg() -> None:
    code, doc = run_json(
        "cost", "--takst", "2.500,00", "--unit", "doegn", "--from", "2027-03-15", "--to", "2027-12-31",
        "--tillaeg-rate", "417", "--tillaeg-hours-per-week", "20",
    )  # fmt: skip
    assert code == 0
    assert doc["total"] == "1077897.14"  # 730 000 + 347 897.14
    assert doc["totals_by_kind"] == {"hoved": "730000.00", "timetillaeg": "347897.14"}
    tillaeg = sum(Decimal(x["amount"]) for x in doc["lines"] if x["kind"] == "timetillaeg")
    assert abs(tillaeg - Decimal("347897.14")) <= Decimal("0.10")  # shown lines foot the months


def test_cost_open_ended_and_notice() -> None:
    code, doc = run_json("cost", "--takst", "100", "--unit", "doegn", "--from", "2027-12-01")
    assert doc["per_year"] == {"2027": "3100.00", "2028": "36600.00"}
    assert any("31. december året efter start" in a for a in doc["assumptions"])
    code, doc = run_json(
        "cost", "--takst", "2000", "--unit", "doegn", "--from", "2027-03-01", "--to", "2027-03-10",
        "--notice-given", "2027-03-01", "--notice-days", "30",
    )  # fmt: skip
    assert code == 0 and doc["days_charged"] == 31 and doc["total"] == "62000.00"
    assert doc["last_charged_day"] == "2027-03-31"


@pytest.mark.parametrize(
    ("args", "where"),
    [
        (["--takst", "2500", "--unit", "doegn", "--from", "2027-13-01"], "--from"),
        (["--takst", "to tusind", "--unit", "doegn", "--from", "2027-01-01"], "--takst"),
        (["--takst", "-5", "--unit", "doegn", "--from", "2027-01-01"], "--takst"),
        (["--takst", "2500", "--from", "2027-01-01"], "--unit"),
        (["--takst", "2500", "--unit", "doegn", "--from", "2027-05-01", "--to", "2027-04-01"], "slutdato"),
    ],
)
def test_cost_bad_input_exits_1_in_danish(args: list[str], where: str) -> None:
    code, doc = run_json("cost", *args)
    assert code == 1
    assert doc["error"]["where"] == where


def test_cost_bad_unit_is_usage() -> None:
    code, _, err = cli("cost", "--takst", "2500", "--unit", "time", "--from", "2027-01-01")
    assert code == 2 and "--unit: »time« er ikke et af valgene: doegn, dag, maaned." in err


def test_pl_import_list_and_uplift(empty_db: Path, tmp_path: Path) -> None:
    pl = write(tmp_path / "pl.csv", "År;Sats;Kilde\n2028;3,0;KL skøn\n2029;2,5;KL skøn\n", "cp1252")
    code, doc = run_json("pl", "import", str(pl), "--db", str(empty_db))
    assert code == 0 and doc["new"] == 2
    code, doc = run_json("pl", "list", "--db", str(empty_db))
    assert [(r["year"], r["rate_pct"], r["source"]) for r in doc["rates"]] == [
        (2028, "3.000", "KL skøn"),
        (2029, "2.500", "KL skøn"),
    ]
    code, doc = run_json(
        "cost", "--takst", "2500", "--unit", "doegn", "--from", "2027-03-15", "--to", "2027-03-15",
        "--pl-to", "2029", "--db", str(empty_db),
    )  # fmt: skip
    assert code == 0 and doc["total"] == "2639.38"  # C-03
    assert doc["takst"]["uplifted"] == "2639.38"
    assert any("P/L-faktor 2027→2029: 1,05575" in a for a in doc["assumptions"])
    code, doc = run_json(
        "cost", "--takst", "2500", "--unit", "doegn", "--from", "2027-03-15",
        "--pl-to", "2030", "--db", str(empty_db),
    )  # fmt: skip
    assert code == 1 and "2030" in doc["error"]["message"]


def test_pl_import_refuses_whole_file_and_lists_every_error(empty_db: Path, tmp_path: Path) -> None:
    good = write(tmp_path / "good.csv", "aar;sats;kilde\n2028;2;x\n")
    assert cli("pl", "import", str(good), "--db", str(empty_db))[0] == 0
    bad = write(tmp_path / "bad.csv", "år;sats;kilde\n2028;9;x\n2029;abc;y\n20x;2,0;z\n2029;0,025;q\n")
    code, doc = run_json("pl", "import", str(bad), "--db", str(empty_db))
    assert code == 1
    cells = [(e["row"], e["column"]) for e in doc["error"]["errors"]]
    assert cells == [(3, "B"), (4, "A"), (5, "B"), (5, "A")]  # 5 A: 2029 is also in row 3
    assert "intet er gemt" in doc["error"]["message"]
    with sqlite3.connect(empty_db) as conn:
        assert conn.execute("SELECT aar, sats_pct FROM pl_sats").fetchall() == [(2028, 2000)]


def test_pl_import_xlsx_with_title_rows(empty_db: Path, tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["P/L-satser fra KL"])
    ws.append([])
    ws.append(["ÅR", "Sats", "Kilde"])
    ws.append([2028, 2.1, "KL 2014→15"])
    ws.append([2029, "1,7", "FL"])
    path = tmp_path / "pl.xlsx"
    wb.save(path)
    code, doc = run_json("pl", "import", str(path), "--db", str(empty_db))
    assert code == 0
    assert [r["rate_pct"] for r in doc["rates"]] == ["2.100", "1.700"]


def test_population_import_and_unknown_kommune(empty_db: Path, tmp_path: Path) -> None:
    good = write(tmp_path / "folk.csv", "Kommunekode;Aar;Indbyggere\n0101;2025;667.099\n147;2025;105000\n")
    code, doc = run_json("population", "import", str(good), "--db", str(empty_db))
    assert code == 0 and doc["rows"] == 2 and doc["years"] == [2025]
    code, doc = run_json("population", "list", "--db", str(empty_db))
    assert [(r["kommunekode"], r["kommune"], r["indbyggere"]) for r in doc["rows"]] == [
        (101, "København", 667099),
        (147, "Frederiksberg", 105000),
    ]
    bad = write(tmp_path / "bad.csv", "kommunekode;år;indbyggere\n101;2026;1\n411;2026;40\n")
    code, doc = run_json("population", "import", str(bad), "--db", str(empty_db))
    assert code == 1
    assert [(e["row"], e["column"]) for e in doc["error"]["errors"]] == [(3, "A")]
    assert "411" in doc["error"]["errors"][0]["reason"]
    with sqlite3.connect(empty_db) as conn:
        assert conn.execute("SELECT count(*) FROM befolkning").fetchone() == (2,)


def test_cost_from_stored_takst(demo_db: Path) -> None:
    with sqlite3.connect(demo_db) as conn:
        takst_id, beloeb, aar = conn.execute(
            "SELECT id, beloeb, aar FROM takst WHERE enhed = 'doegn' AND beloeb IS NOT NULL "
            "ORDER BY id LIMIT 1"
        ).fetchone()
    code, doc = run_json(
        "cost",
        "--takst-id",
        str(takst_id),
        "--from",
        f"{aar}-01-01",
        "--to",
        f"{aar}-01-31",
        "--db",
        str(demo_db),
    )
    assert code == 0
    assert doc["takst"]["takst_id"] == takst_id
    assert Decimal(doc["total"]) == Decimal(beloeb) / 100 * 31


def test_business_case_c07_entered_shares_without_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RAMMEDESK_DB", str(tmp_path / "none.sqlite3"))
    code, doc = run_json(
        "business-case", "--places", "10", "--takst", "3000", "--occupancy", "60", "80", "90",
        "--share", "101=100000", "147=50000", "151=50000",
    )  # fmt: skip
    assert code == 0
    assert [y["underskud"] for y in doc["years"]] == ["4380000.00", "2190000.00", "1095000.00"]
    assert [y["daekning"] for y in doc["years"]] == ["3285000.00", "1095000.00", "273750.00"]
    assert doc["years"][0]["shares"] == {"101": "1642500.00", "147": "821250.00", "151": "821250.00"}
    assert doc["kommuner"]["147"] == "Frederiksberg"
    assert not (tmp_path / "none.sqlite3").exists()


def test_business_case_by_population_says_when_there_is_none(empty_db: Path, tmp_path: Path) -> None:
    args = ("business-case", "--places", "10", "--takst", "3000", "--occupancy", "60", "--db", str(empty_db))
    code, doc = run_json(*args)
    assert code == 0 and doc["years"][0]["shares"] == {}
    assert any("ingen befolkningstal" in a for a in doc["assumptions"])
    folk = write(tmp_path / "folk.csv", "kommunekode;år;indbyggere\n101;2025;200\n147;2025;100\n")
    assert cli("population", "import", str(folk), "--db", str(empty_db))[0] == 0
    code, doc = run_json(*args, "--kommuner", "101", "147")
    assert doc["years"][0]["shares"] == {"101": "2190000.00", "147": "1095000.00"}
    assert any("Befolkningstal for 2025" in a for a in doc["assumptions"])
    code, doc = run_json(*args)  # all 29: most have no population for 2025
    assert code == 1 and "mangler" in doc["error"]["message"]


def test_business_case_four_years_refused() -> None:
    code, doc = run_json(
        "business-case",
        "--places",
        "10",
        "--takst",
        "3000",
        "--occupancy",
        "60",
        "70",
        "80",
        "90",
        "--no-sharing",
    )
    assert code == 1 and doc["error"]["where"] == "belægning"


def test_cost_xlsx_report_numbers_as_numbers(empty_db: Path, tmp_path: Path) -> None:
    pl = write(tmp_path / "pl.csv", "år;sats;kilde\n2028;3;KL\n")
    assert cli("pl", "import", str(pl), "--db", str(empty_db))[0] == 0
    target = tmp_path / "beregning.xlsx"
    code, doc = run_json(
        "cost", "--takst", "2500", "--unit", "doegn", "--from", "2027-11-20", "--to", "2028-02-10",
        "--tillaeg-rate", "417", "--tillaeg-hours-per-week", "20", "--egenbetaling", "6000",
        "--pl-to", "2028", "--xlsx", str(target), "--db", str(empty_db),
    )  # fmt: skip
    assert code == 0
    wb = openpyxl.load_workbook(target)
    assert wb.sheetnames == ["Beregning", "Pr. år", "Forudsætninger"]
    ws = wb["Beregning"]
    months = [r for r in ws.iter_rows(min_row=2, values_only=True) if isinstance(r[0], int)]
    assert len(months) == 4  # Nov, Dec, Jan, Feb
    assert all(isinstance(r[-1], float | int) for r in months)
    # Each month's lines sum to its total, and the months to the grand total (within float noise).
    assert all(abs(sum(x or 0 for x in r[3:7]) - r[7]) < 1e-6 for r in months)
    total_row = next(r for r in ws.iter_rows(values_only=True) if r[0] == "I alt")
    assert Decimal(str(total_row[-1])) == Decimal(doc["total"])
    assert abs(sum(r[7] for r in months) - total_row[-1]) < 1e-6
    inputs = [r for r in wb["Forudsætninger"].iter_rows(values_only=True)]
    assert ("Takst (kr.)", 2500, None) in inputs
    assert (2028, 3, "KL") in inputs  # the P/L rates used
    assert any(r[0] == "Både indskrivnings- og udskrivningsdag betales." for r in inputs)


def test_imports_into_a_demo_database_need_force(demo_db: Path, tmp_path: Path) -> None:
    pl = write(tmp_path / "pl.csv", "År;Sats;Kilde\n2041;3,0;KL skøn\n")
    pop = write(tmp_path / "pop.csv", "kommunekode;år;indbyggere\n101;2041;650000\n")
    before = run_json("pl", "list", "--db", str(demo_db))[1]
    for argv in (("pl", "import", str(pl)), ("population", "import", str(pop))):
        code, doc = run_json(*argv, "--db", str(demo_db))
        assert code == 1 and "demodata" in doc["error"]["message"] and "--force" in doc["error"]["message"]
    assert run_json("pl", "list", "--db", str(demo_db))[1] == before  # nothing changed
    assert run_json("population", "list", "--year", "2041", "--db", str(demo_db))[1]["rows"] == []
    assert run_json("pl", "import", str(pl), "--db", str(demo_db), "--force")[0] == 0
    assert run_json("population", "import", str(pop), "--db", str(demo_db), "--force")[0] == 0
    assert 2041 in [r["year"] for r in run_json("pl", "list", "--db", str(demo_db))[1]["rates"]]
