"""Read the shipped reference data (database/reference/*.csv, UTF-8, ';')."""

from __future__ import annotations

import csv
from pathlib import Path

from rammedesk.domain.reference import (
    KommuneRef,
    MaalgruppeRef,
    ParagrafRef,
    ReferenceData,
    RegionRef,
)
from rammedesk.domain.vocab import Aldersgruppe
from rammedesk.errors import UserError
from rammedesk.paths import REFERENCE_DIR


def _rows(path: Path, header: list[str]) -> list[dict[str, str]]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh, delimiter=";")
            if reader.fieldnames != header:
                raise UserError(
                    f"Referencefilen har forkerte kolonner: {reader.fieldnames}; "
                    f"forventet {header}. Geninstallér RammeDesk.",
                    str(path),
                )
            return list(reader)
    except FileNotFoundError as exc:
        raise UserError("Referencefilen mangler. Geninstallér RammeDesk.", str(path)) from exc


def load_reference_data(directory: Path = REFERENCE_DIR) -> ReferenceData:
    kommune_rows = _rows(directory / "kommuner.csv", ["kommunekode", "kommune", "region_kode", "region"])
    regioner: dict[int, RegionRef] = {}
    kommuner = []
    for row in kommune_rows:
        region_kode = int(row["region_kode"])
        regioner.setdefault(region_kode, RegionRef(region_kode, row["region"]))
        kommuner.append(KommuneRef(int(row["kommunekode"]), row["kommune"], region_kode))
    paragraffer = tuple(
        ParagrafRef(
            id=row["id"],
            lov=row["lov"],
            nummer=row["nummer"],
            stk=int(row["stk"]) if row["stk"] else None,
            label=row["label"],
            beskrivelse=row["beskrivelse"],
            i_rammeaftale=row["i_rammeaftale"] == "1",
            historisk=row["historisk"] == "1",
        )
        for row in _rows(
            directory / "paragraffer.csv",
            ["id", "lov", "nummer", "stk", "label", "beskrivelse", "i_rammeaftale", "historisk"],
        )
    )
    maalgrupper = tuple(
        MaalgruppeRef(
            row["id"], row["vokabular"], row["kode"], row["label"], Aldersgruppe(row["aldersgruppe"])
        )
        for row in _rows(directory / "maalgrupper.csv", ["id", "vokabular", "kode", "label", "aldersgruppe"])
    )
    return ReferenceData(
        regioner=tuple(sorted(regioner.values(), key=lambda r: r.kode)),
        kommuner=tuple(kommuner),
        paragraffer=paragraffer,
        maalgrupper=maalgrupper,
    )
