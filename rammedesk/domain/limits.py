"""The import limits as user settings: their Danish names, bounds and how a typed value is read.

The names are the ones refusal messages give (»største filstørrelse« …), so a user who is told
a limit stopped a file finds the setting under the same words. The bounds keep a raised limit
within what the readers survive: calamine allocates a sheet's whole grid (rows × columns) and
aborts the process when that does not fit in memory.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace

from rammedesk.domain.takstfil import ImportLimits

SETTING_PREFIX = "import."  # the key under which a limit is stored (app_setting)


class LimitValueError(ValueError):
    """A typed value that is not a number, or outside the setting's bounds (Danish message)."""


@dataclass(frozen=True)
class LimitSetting:
    key: str  # the ImportLimits field; the CLI's name for it
    label: str  # as refusal messages name it
    unit: str  # "bytes", "rækker" …
    minimum: int
    maximum: int
    help: str

    @property
    def default(self) -> int:
        return int(getattr(ImportLimits(), self.key))

    @property
    def in_bytes(self) -> bool:
        return self.unit == "bytes"


_MB = 1_000_000
LIMIT_SETTINGS: tuple[LimitSetting, ...] = (
    LimitSetting(
        "max_file_bytes", "største filstørrelse", "bytes", 1 * _MB, 1_000 * _MB,
        "En takst- eller porteføljefil større end dette afvises, før den læses.",
    ),
    LimitSetting(
        "max_uncompressed_bytes", "største udpakkede størrelse", "bytes", 10 * _MB, 2_000 * _MB,
        "En Excel-fil er en zip-fil; pakker den sig ud til mere end dette, afvises den (zip-bombe).",
    ),
    LimitSetting(
        "max_compression_ratio", "største pakningsforhold", "gange", 10, 1_000,
        "Er en del af en Excel-fil pakket mere end dette antal gange sammen, afvises filen.",
    ),
    LimitSetting(
        "max_rows", "største antal rækker", "rækker", 100, 1_048_576,
        "Et ark eller en CSV-fil med flere rækker end dette afvises (Excel har højst 1.048.576).",
    ),
    LimitSetting(
        "max_columns", "største antal kolonner", "kolonner", 26, 16_384,
        "Et ark, der går længere ud end dette antal kolonner, afvises (Excel har højst 16.384).",
    ),
    LimitSetting(
        "max_cells", "største antal celler", "celler", 100_000, 30_000_000,
        "Rækker × kolonner i et arks brugte område; større områder kræver for meget hukommelse.",
    ),
    LimitSetting(
        "max_cell_chars", "længste celle", "tegn", 100, 32_767,
        "En celle med mere tekst end dette afviser sin række (Excel har højst 32.767 tegn).",
    ),
)  # fmt: skip
_BY_KEY = {s.key: s for s in LIMIT_SETTINGS}
_BY_LABEL = {s.label: s for s in LIMIT_SETTINGS}
assert set(_BY_KEY) == {f.name for f in fields(ImportLimits)}, "every limit is a setting"


def find_setting(name: str) -> LimitSetting:
    """A setting by its key (max_rows) or its Danish name (»største antal rækker«)."""
    text = " ".join(name.strip().strip("»«\"'").split())
    setting = _BY_KEY.get(text.replace("-", "_").lower()) or _BY_LABEL.get(text.lower())
    if setting is None:
        known = ", ".join(f"{s.key} (»{s.label}«)" for s in LIMIT_SETTINGS)
        raise LimitValueError(f"Der er ingen indstilling ved navn »{name}«. Indstillingerne er: {known}.")
    return setting


_SIZE_UNITS = {"": 1, "b": 1, "bytes": 1, "kb": 1_000, "mb": _MB, "gb": 1_000 * _MB}
_VALUE = re.compile(r"(?P<number>\d[\d.\s]*(?:,\d+)?)\s*(?P<unit>[^\W\d_]*)")


def parse_limit(setting: LimitSetting, text: str) -> int:
    """A value as a user types it: "300000", "300.000", "300 000"; sizes also "50 MB", "1,5 GB";
    the setting's own unit may follow ("300.000 rækker", as the dialog shows it)."""
    cleaned = text.strip().replace("\u00a0", " ")
    match = _VALUE.fullmatch(cleaned)
    unit = match.group("unit").lower() if match else ""
    if unit == setting.unit:
        unit = ""
    if match is None or (unit and (not setting.in_bytes or unit not in _SIZE_UNITS)):
        hint = " (eller fx »50 MB«)" if setting.in_bytes else ""
        raise LimitValueError(
            f"»{text.strip()}« er ikke et tal. Skriv {setting.label} som et helt tal{hint}."
        )
    number_text = match.group("number").replace(".", "").replace(" ", "")
    whole, _, fraction = number_text.partition(",")
    value = int(whole) * _SIZE_UNITS[unit]
    if fraction:
        if unit in ("", "b", "bytes"):
            raise LimitValueError(
                f"{setting.label.capitalize()} skal være et helt tal, ikke »{text.strip()}«."
            )
        value += int(fraction) * _SIZE_UNITS[unit] // 10 ** len(fraction)
    return check_limit(setting, value)


def check_limit(setting: LimitSetting, value: int) -> int:
    if not setting.minimum <= value <= setting.maximum:
        raise LimitValueError(
            f"{setting.label.capitalize()} skal være mellem {format_limit(setting, setting.minimum)} "
            f"og {format_limit(setting, setting.maximum)}, ikke {format_limit(setting, value)}."
        )
    return value


def format_limit(setting: LimitSetting, value: int) -> str:
    """Danish: 50.000.000 bytes → "50 MB"; 200000 rækker → "200.000 rækker"."""
    if setting.in_bytes and value % (1_000 * _MB) == 0:
        return f"{value // (1_000 * _MB):,} GB".replace(",", ".")
    if setting.in_bytes and value % _MB == 0:
        return f"{value // _MB:,} MB".replace(",", ".")
    return f"{value:,} {setting.unit}".replace(",", ".")


def limits_from(stored: Mapping[str, str]) -> ImportLimits:
    """The limits from stored settings (key → text); a missing or damaged value is the default,
    so a hand-edited database cannot make the import unusable."""
    changes: dict[str, int] = {}
    for setting in LIMIT_SETTINGS:
        text = stored.get(SETTING_PREFIX + setting.key)
        if text is None:
            continue
        try:
            changes[setting.key] = check_limit(setting, int(text))
        except (ValueError, LimitValueError):
            continue
    return replace(ImportLimits(), **changes)
