"""Read the demo generator's word lists and tilbud types (database/demo/, UTF-8)."""

from __future__ import annotations

import csv
import json
import string
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from pathlib import Path
from typing import Any, NoReturn, TypeVar

from rammedesk.domain.demo.inputs import (
    NAME_FIELDS,
    TEXT_FIELDS,
    By,
    DemoInputs,
    DemoTexts,
    Emne,
    Hovedydelse,
    TilbudsType,
    YdelseSpec,
)
from rammedesk.domain.vocab import Aldersgruppe, DriftsherreArt, Enhed, Tilbudsform
from rammedesk.errors import UserError
from rammedesk.paths import DEMO_INPUT_DIR

E = TypeVar("E", bound=StrEnum)
_FIX = "Geninstallér RammeDesk, eller ret filen."


def _fail(message: str, where: str) -> NoReturn:
    raise UserError(f"Demodata-filen er ugyldig: {message}. {_FIX}", where)


def _csv(path: Path, header: list[str]) -> list[dict[str, str]]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh, delimiter=";")
            if reader.fieldnames != header:
                _fail(f"kolonnerne er {reader.fieldnames}, forventet {header}", str(path))
            rows = list(reader)
    except FileNotFoundError as exc:
        raise UserError(f"Demodata-filen mangler. {_FIX}", str(path)) from exc
    if not rows:
        _fail("filen er tom", str(path))
    return rows


def _no_float(text: str) -> NoReturn:
    raise ValueError(f'kommatal {text} (skriv beløb som tekst, fx "9.39")')


def _json(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"), parse_float=_no_float)
    except FileNotFoundError as exc:
        raise UserError(f"Demodata-filen mangler. {_FIX}", str(path)) from exc
    except ValueError as exc:  # JSONDecodeError is a ValueError
        _fail(str(exc), str(path))
    if not isinstance(data, dict):
        _fail("forventede et JSON-objekt", str(path))
    return data


class _Node:
    """A JSON object with typed getters that name the file and key on errors."""

    def __init__(self, data: Any, where: str) -> None:
        if not isinstance(data, dict):
            _fail("forventede et objekt", where)
        self.data: dict[str, Any] = data
        self.where = where

    def _get(self, key: str, default: Any = ...) -> Any:
        if key not in self.data:
            if default is ...:
                _fail(f"nøglen '{key}' mangler", self.where)
            return default
        return self.data[key]

    def node(self, key: str) -> _Node:
        return _Node(self._get(key), f"{self.where}, {key}")

    def text(self, key: str) -> str:
        value = self._get(key)
        if not isinstance(value, str) or not value.strip():
            _fail(f"'{key}' skal være en ikke-tom tekst", self.where)
        return value

    def integer(self, key: str, default: int | None = None) -> int:
        value = self._get(key, default)
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            _fail(f"'{key}' skal være et heltal ≥ 0", self.where)
        return value

    def flag(self, key: str) -> bool:
        value = self._get(key, False)
        if not isinstance(value, bool):
            _fail(f"'{key}' skal være true eller false", self.where)
        return value

    def texts(
        self,
        key: str,
        fields: Iterable[str] | None = None,
        *,
        empty_ok: bool = False,
        default: list[str] | None = None,
    ) -> tuple[str, ...]:
        value = self._get(key, default)
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            _fail(f"'{key}' skal være en liste af tekster", self.where)
        if not value and not empty_ok:
            _fail(f"'{key}' må ikke være tom", self.where)
        if fields is not None:
            for template in value:
                _check_template(template, frozenset(fields), f"{self.where}, {key}")
        return tuple(value)

    def pair(self, key: str) -> tuple[int, int]:
        value = self._get(key)
        if (
            not isinstance(value, list)
            or len(value) != 2
            or not all(isinstance(v, int) and not isinstance(v, bool) for v in value)
            or not 0 < value[0] <= value[1]
        ):
            _fail(f"'{key}' skal være [min, maks] med 0 < min ≤ maks", self.where)
        return value[0], value[1]

    def amounts(self, key: str) -> tuple[Decimal, Decimal]:
        value = self._get(key)
        if not isinstance(value, list) or len(value) != 2 or not all(isinstance(v, str) for v in value):
            _fail(f'\'{key}\' skal være ["min", "maks"] som tekst', self.where)
        try:
            low, high = Decimal(value[0]), Decimal(value[1])
        except InvalidOperation:
            _fail(f"'{key}' indeholder et ugyldigt beløb", self.where)
        if not (low.is_finite() and high.is_finite() and 0 < low <= high) or any(
            _decimals(v) > 2 for v in (low, high)
        ):
            _fail(f"'{key}' skal være positive beløb med højst to decimaler, min ≤ maks", self.where)
        return low, high


def _decimals(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def _check_template(template: str, allowed: frozenset[str], where: str) -> None:
    try:
        names = {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}
    except ValueError as exc:
        _fail(f"skabelonen '{template}' er ugyldig ({exc})", where)
    unknown = names - allowed
    if unknown:
        _fail(f"skabelonen '{template}' bruger ukendte felter {sorted(unknown)}", where)


def _code_map(node: _Node, key: str) -> dict[int, Any]:
    raw = node.node(key).data
    try:
        return {int(code): value for code, value in raw.items()}
    except ValueError:
        _fail(f"'{key}' skal have talkoder som nøgler", node.where)


def _enum(enum: type[E], value: Any, where: str) -> E:
    try:
        return enum(value)
    except ValueError:
        _fail(f"ukendt værdi '{value}'", where)


def _spec(node: _Node) -> YdelseSpec:
    enhed = _enum(Enhed, node.text("enhed"), node.where)
    if node.flag("individuel"):
        return YdelseSpec(node.text("navn"), enhed, None)
    return YdelseSpec(node.text("navn"), enhed, node.amounts("beloeb"))


def _hovedydelse(node: _Node) -> Hovedydelse:
    form = node.text("niveauform")
    _check_template(form, frozenset({"n"}), node.where)
    return Hovedydelse(
        node.text("navn"),
        _enum(Enhed, node.text("enhed"), node.where),
        node.amounts("beloeb"),
        node.pair("niveauer"),
        form,
    )


def _percent(value: Any, where: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 100:
        _fail("en andel skal være et heltal 0-100", where)
    return value


def _type(node: _Node, shared: dict[str, YdelseSpec]) -> TilbudsType:
    where = node.where
    arts = node.node("driftsherrer")
    driftsherrer = tuple((art, arts.integer(art.value)) for art in DriftsherreArt)
    if not any(w for _, w in driftsherrer):
        _fail("mindst én driftsherre-art skal have vægt > 0", where)
    tillaeg = []
    for item in node._get("tillaeg", []):
        if (
            not isinstance(item, list)
            or len(item) != 2
            or not isinstance(item[0], str)
            or item[0] not in shared
        ):
            _fail(f"tillæg {item!r} skal være [nøgle i faelles_tillaeg, andel]", where)
        tillaeg.append((shared[item[0]], _percent(item[1], where)))
    ekstra = []
    for i, raw in enumerate(node._get("ekstra_ydelser", [])):
        sub = _Node(raw, f"{where}, ekstra_ydelser[{i}]")
        ekstra.append((_spec(sub), _percent(sub.integer("andel"), sub.where)))
    split = node.node("split") if "split" in node.data else None
    dag = node.node("dagafdeling") if "dagafdeling" in node.data else None
    return TilbudsType(
        id=node.text("id"),
        vaegt=node.integer("vaegt"),
        tilbudsform=_enum(Tilbudsform, node.text("tilbudsform"), where),
        aldersgruppe=_enum(Aldersgruppe, node.text("aldersgruppe"), where),
        driftsherrer=driftsherrer,
        navne=node.texts("navne", NAME_FIELDS),
        afdelingsnavne=node.texts("afdelingsnavne", NAME_FIELDS),
        typetekst=node.text("typetekst"),
        paragraf=node.text("paragraf"),
        ekstra_paragraffer=node.texts("ekstra_paragraffer", empty_ok=True, default=[]),
        emner=node.texts("emner"),
        pladser=node.pair("pladser"),
        fragmenter=node.texts("fragmenter", TEXT_FIELDS),
        hovedydelse=_hovedydelse(node.node("hovedydelse")),
        split_andel=_percent(split.integer("andel"), where) if split else 0,
        split_beloeb=split.amounts("beloeb") if split else None,
        maanedstakst_andel=_percent(node.integer("maanedstakst", 0), where),
        tillaeg=tuple(tillaeg),
        ekstra_ydelser=tuple(ekstra),
        objektiv=_spec(node.node("objektiv")) if "objektiv" in node.data else None,
        dagafdeling=(dag.text("type"), _percent(dag.integer("andel"), where)) if dag else None,
        sikret=node.flag("sikret"),
        landsdaekkende=node.flag("landsdaekkende"),
        hemmelig_adresse=node.flag("hemmelig_adresse"),
    )


def _texts(node: _Node) -> DemoTexts:
    kommune = node.node("kommune_driftsherre")
    _check_template(kommune.text("standard"), frozenset({"kommune"}), kommune.where)
    forvalg = {}
    for code, prefixes in _code_map(node, "telefon_forvalg").items():
        if (
            not isinstance(prefixes, list)
            or not prefixes
            or not all(isinstance(p, str) and p.isdigit() and len(p) == 2 for p in prefixes)
        ):
            _fail("telefon_forvalg skal være lister af tocifrede forvalg", node.where)
        forvalg[code] = tuple(prefixes)
    return DemoTexts(
        kommune_driftsherre=kommune.text("standard"),
        kommune_undtagelser={k: str(v) for k, v in _code_map(kommune, "undtagelser").items()},
        region_domaener={k: str(v) for k, v in _code_map(node, "region_domaener").items()},
        socialtilsyn={k: str(v) for k, v in _code_map(node, "socialtilsyn").items()},
        telefon_forvalg=forvalg,
        lovnavne={str(k): str(v) for k, v in node.node("lovnavne").data.items()},
        retninger=node.texts("retninger"),
        privat_driftsherre=node.texts("privat_driftsherre", NAME_FIELDS),
        selvejende_driftsherre=node.texts("selvejende_driftsherre", NAME_FIELDS),
        tilbud_skabeloner=node.texts("tilbud_skabeloner", TEXT_FIELDS),
        afdeling_skabeloner=node.texts("afdeling_skabeloner", TEXT_FIELDS),
        generelle_fragmenter=node.texts("generelle_fragmenter", TEXT_FIELDS),
        afdeling_fragmenter=node.texts("afdeling_fragmenter", TEXT_FIELDS),
        afdeling_navne=node.texts("afdeling_navne", NAME_FIELDS),
    )


def _byer(path: Path) -> tuple[By, ...]:
    byer = []
    for n, row in enumerate(_csv(path, ["kommunekode", "postnr", "by", "vaegt"]), start=2):
        try:
            by = By(int(row["kommunekode"]), int(row["postnr"]), row["by"].strip(), int(row["vaegt"]))
        except ValueError:
            _fail("kommunekode, postnr og vaegt skal være heltal", f"{path}, række {n}")
        if not by.navn or not 1000 <= by.postnr <= 9999 or by.vaegt < 0:
            _fail("ugyldig by, postnr eller vægt", f"{path}, række {n}")
        byer.append(by)
    return tuple(byer)


def load_demo_inputs(directory: Path = DEMO_INPUT_DIR) -> DemoInputs:
    """Read and check the shipped demo inputs; a broken file is a UserError naming it."""
    typer_path = directory / "tilbudstyper.json"
    typer_node = _Node(_json(typer_path), str(typer_path))
    shared = {
        key: _spec(_Node(raw, f"{typer_path}, faelles_tillaeg, {key}"))
        for key, raw in typer_node.node("faelles_tillaeg").data.items()
    }
    raw_types = typer_node._get("typer")
    if not isinstance(raw_types, list) or not raw_types:
        _fail("'typer' skal være en ikke-tom liste", str(typer_path))
    typer = tuple(_type(_Node(raw, f"{typer_path}, typer[{i}]"), shared) for i, raw in enumerate(raw_types))
    if len({t.id for t in typer}) != len(typer):
        _fail("to typer har samme id", str(typer_path))
    emner_path = directory / "maalgrupper.json"
    emner_node = _Node(_json(emner_path), str(emner_path)).node("emner")
    emner = {}
    for key in emner_node.data:
        sub = emner_node.node(key)
        emner[key] = Emne(key, sub.texts("maalgrupper"), sub.texts("voksne"), sub.texts("boern_unge"))
    tekster_path = directory / "tekster.json"
    return DemoInputs(
        stammer=tuple(r["stamme"].strip() for r in _csv(directory / "stammer.csv", ["stamme"])),
        gader=tuple(r["gade"].strip() for r in _csv(directory / "gader.csv", ["gade"])),
        byer=_byer(directory / "byer.csv"),
        emner=emner,
        typer=typer,
        historiske_paragraffer={
            str(k): str(v) for k, v in typer_node.node("historiske_paragraffer").data.items()
        },
        tekster=_texts(_Node(_json(tekster_path), str(tekster_path))),
    )
