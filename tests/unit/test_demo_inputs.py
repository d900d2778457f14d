"""The demo word lists: shipped files load; a broken file is a UserError naming it."""

from __future__ import annotations

import json
import shutil
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from rammedesk.domain.vocab import Enhed
from rammedesk.errors import UserError
from rammedesk.fileio.demo_inputs import load_demo_inputs
from rammedesk.paths import DEMO_INPUT_DIR


@pytest.fixture
def demo_dir(tmp_path: Path) -> Path:
    target = tmp_path / "demo"
    shutil.copytree(DEMO_INPUT_DIR, target)
    return target


def _edit_json(path: Path, change: Any) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def test_shipped_inputs_load() -> None:
    inputs = load_demo_inputs()
    assert len(inputs.stammer) >= 150 and len(set(inputs.stammer)) == len(inputs.stammer)
    assert len(inputs.gader) >= 100
    assert {b.kommune_kode for b in inputs.byer} and all(1000 <= b.postnr <= 9999 for b in inputs.byer)
    assert len(inputs.typer) >= 15
    koersel = [spec for t in inputs.typer for spec, _ in t.tillaeg if spec.enhed is Enhed.KM]
    assert koersel and koersel[0].beloeb == (Decimal("3.50"), Decimal("12.00"))
    assert any(spec.beloeb is None for t in inputs.typer for spec, _ in t.tillaeg)  # individuel pris
    assert all(isinstance(v, Decimal) for t in inputs.typer for v in t.hovedydelse.beloeb)


def test_missing_file_names_it(demo_dir: Path) -> None:
    (demo_dir / "gader.csv").unlink()
    with pytest.raises(UserError) as info:
        load_demo_inputs(demo_dir)
    assert info.value.where == str(demo_dir / "gader.csv")
    assert "mangler" in info.value.message


def test_wrong_csv_header(demo_dir: Path) -> None:
    (demo_dir / "stammer.csv").write_text("navn\nSolsikken\n", encoding="utf-8")
    with pytest.raises(UserError, match="kolonnerne"):
        load_demo_inputs(demo_dir)


def test_amounts_must_not_be_json_floats(demo_dir: Path) -> None:
    path = demo_dir / "tilbudstyper.json"
    path.write_text(
        path.read_text(encoding="utf-8").replace('["3.50", "12.00"]', "[3.5, 12.0]"), encoding="utf-8"
    )
    with pytest.raises(UserError, match="kommatal") as info:
        load_demo_inputs(demo_dir)
    assert info.value.where == str(path)


def test_amounts_with_more_than_two_decimals_are_refused(demo_dir: Path) -> None:
    path = demo_dir / "tilbudstyper.json"
    _edit_json(path, lambda d: d["faelles_tillaeg"]["koersel"].update(beloeb=["3.505", "12"]))
    with pytest.raises(UserError, match="to decimaler") as info:
        load_demo_inputs(demo_dir)
    assert "koersel" in str(info.value.where)


def test_unknown_placeholder_is_refused(demo_dir: Path) -> None:
    path = demo_dir / "tilbudstyper.json"
    _edit_json(path, lambda d: d["typer"][0]["navne"].append("Bostedet {gade}"))
    with pytest.raises(UserError, match="gade") as info:
        load_demo_inputs(demo_dir)
    assert "typer[0]" in str(info.value.where)


def test_unknown_unit_is_refused(demo_dir: Path) -> None:
    path = demo_dir / "tilbudstyper.json"
    _edit_json(path, lambda d: d["typer"][0]["hovedydelse"].update(enhed="uge"))
    with pytest.raises(UserError, match="uge"):
        load_demo_inputs(demo_dir)


def test_bad_town_row_names_the_row(demo_dir: Path) -> None:
    path = demo_dir / "byer.csv"
    path.write_text(path.read_text(encoding="utf-8") + "751;80000;Aarhus;3\n", encoding="utf-8")
    with pytest.raises(UserError) as info:
        load_demo_inputs(demo_dir)
    assert "række" in str(info.value.where)
