"""Screen state of the takstfil import wizard (no Qt): file, sheet, mapping, preview, report.

The wizard walks four steps: choose the file (sheet, source, year, kommune), correct the
column mapping with a live preview, read the dry-run report, apply. The jobs below run on the
task runner's worker thread (``ctx`` has ``progress(done, total, text)`` and ``cancelled()``);
the presenter only holds what they returned and turns it into Danish display text.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path
from typing import Any

from rammedesk.domain.cpr import mask_cpr
from rammedesk.domain.paragraf_parse import paragraf_text
from rammedesk.domain.takstfil import ColumnMapping, Field, RowError, TakstRow, TakstSource
from rammedesk.errors import UserError
from rammedesk.presenters.formatting import format_count, format_decimal, format_int, format_kr
from rammedesk.presenters.import_choices import AmbiguousGroup, group_ambiguous, resolved_of
from rammedesk.presenters.import_inputs import (
    default_source,
    parse_column_year,
    parse_level,
)
from rammedesk.presenters.import_jobs import FileInfo

FILE_FILTER = "Takstfiler (*.xlsx *.xlsm *.csv)"
MAPPING_FILTER = "Kolonneopsætning (*.json)"
AMOUNTS = frozenset({Field.BELOEB, Field.BASISTAKST, Field.YDELSESTAKST})

FIELD_LABELS: dict[Field, str] = {
    Field.IGNORE: "— bruges ikke —",
    Field.TILBUD: "Tilbud (navn)",
    Field.AFDELING: "Afdeling",
    Field.YDELSE: "Ydelse",
    Field.NIVEAU: "Niveau",
    Field.PARAGRAF: "Paragraf",
    Field.ENHED: "Enhed (døgn, time …)",
    Field.BELOEB: "Takst (beløb)",
    Field.BASISTAKST: "Basistakst (beløb)",
    Field.YDELSESTAKST: "Ydelsestakst (beløb)",
    Field.AAR: "År",
    Field.ART: "Taksttype",
    Field.KOMMUNE: "Beliggenhedskommune",
    Field.DRIFTSHERRE: "Driftsherre",
    Field.TP_TILBUDSID: "Tilbudsportalens tilbuds-id",
    Field.TP_AFDELINGSID: "Tilbudsportalens afdelings-id",
    Field.CVR: "CVR-nummer",
    Field.P_NUMMER: "P-nummer",
    Field.TELEFON: "Telefon",
    Field.PLADSER: "Pladser",
    Field.STATUS: "Status",
    Field.FINANSIERING: "Finansiering",
    Field.MOMS: "Moms",
}
FIELD_CHOICES: tuple[Field, ...] = tuple(FIELD_LABELS)

PREVIEW_HEADERS = (
    "Række",
    "Tilbud",
    "Afdeling",
    "Ydelse",
    "Niveau",
    "Paragraf",
    "År",
    "Taksttype",
    "Takst",
    "Enhed",
    "Bemærkning",
)
DIFF_HEADERS = (
    "Række",
    "Tilbud",
    "Afdeling",
    "Ydelse",
    "År",
    "Taksttype",
    "Sammenlignet med",
    "Gammel takst",
    "Ny takst",
    "Ændring",
)
REJECTED_HEADERS = ("Række", "Kolonne", "Hvad er galt, og hvad skal du gøre")
CHOICE_HEADERS = ("Tilbud i filen", "Hører til", "Rækker")  # the choice next to the name
AMBIGUOUS_HINT = (
    "Navnet i disse rækker passer på flere tilbud i databasen. Vælg for hvert navn, hvilket tilbud "
    "rækkerne hører til; så prøvekøres importen igen med dit valg. Står der »Spring over«, "
    "importeres rækkerne ikke. Du kan også skrive kommunekoden på trin 1 eller vælge en kolonne "
    "med kommune eller Tilbudsportalens id."
)
_SEE_AMBIGUOUS = "Se under »Tvetydige rækker«, hvad du kan gøre ved dem."
STEP_TITLES = (
    "Trin 1 af 4: Vælg takstfil",
    "Trin 2 af 4: Tjek kolonnerne",
    "Trin 3 af 4: Prøvekørsel – se hvad der ændres",
    "Trin 4 af 4: Importeret",
)
_ART_LABELS = {"samlet": "Samlet takst", "basis": "Basistakst", "ydelse": "Ydelsestakst", "tillaeg": "Tillæg"}


@dataclass(frozen=True)
class ColumnRow:
    """One row of the mapping table: a column of the sheet."""

    letter: str
    header: str
    field: Field
    year: int | None
    level: str | None = None  # the niveau of an amount column's takster; None: the row's

    @property
    def is_amount(self) -> bool:
        return self.field in AMOUNTS

    @property
    def year_text(self) -> str:
        return "" if self.year is None else str(self.year)

    @property
    def level_text(self) -> str:
        return self.level or ""


@dataclass(frozen=True)
class TableRow:
    """Display text plus sort keys (numbers sort as numbers)."""

    cells: tuple[str, ...]
    keys: tuple[object, ...]


def _paragraffer(row: TakstRow) -> str:
    first = [row.paragraf_id] if row.paragraf_id else []
    return ", ".join(paragraf_text(p) for p in (*first, *row.more_paragraffer))


def _kr(value: Decimal | None) -> str:
    return "Individuel pris" if value is None else format_kr(value)


def format_pct(pct: Decimal | None) -> str:
    if pct is None:
        return ""
    sign = "+" if pct > 0 else ""
    return f"{sign}{format_decimal(pct, 1)} %"


# -- state ----------------------------------------------------------------------------------


class ImportWizardPresenter:
    """What the wizard shows; each setter returns nothing and the view redraws from the state."""

    def __init__(self, *, is_demo: bool = False) -> None:
        self.is_demo = is_demo
        self.step = 0
        self.path: Path | None = None
        self.sheets: tuple[str, ...] = ()
        self.hidden_sheets: frozenset[str] = frozenset()
        self.sheet: str | None = None
        self.source = ""
        self.year: int | None = None
        self.kommune: int | None = None
        self.mapping: ColumnMapping | None = None
        self.remembered = False
        self.refusal = ""  # why the file (or sheet) last chosen could not be opened
        self.preview: list[TakstRow | RowError] = []
        self.preview_error: str | None = None
        self.parsed: TakstSource | None = None
        self.report: Any = None  # services.import_report.ImportReport
        self.applied: Any = None
        # The user's tilbud for ambiguous names (folded name → group with ``chosen``), as the
        # report shows them; ``pending``: changed, the dry run with them not yet back.
        self.choices: dict[str, AmbiguousGroup] = {}
        self.pending: dict[str, AmbiguousGroup] | None = None
        self.report_resolved: dict[str, int] = {}  # what the report's dry run was given

    # step 1 ---------------------------------------------------------------------------------
    def choose_path(self, path: Path) -> str:
        """A new file: the source follows its name unless the user typed one. Returns the source."""
        if path != self.path and (
            not self.source or self.path is None or self.source == default_source(self.path)
        ):
            self.source = default_source(path)
        return self.source

    @property
    def sheet_choices(self) -> list[tuple[str, str]]:
        """The sheet picker's items, (text, sheet name): a sheet hidden in Excel is marked, as
        the user does not see it among the file's tabs (and may choose it all the same); a
        CPR-like number in a name is never shown (choosing that sheet is refused)."""
        return [
            (f"{mask_cpr(name)} (skjult)" if name in self.hidden_sheets else mask_cpr(name), name)
            for name in self.sheets
        ]

    def set_file(self, info: FileInfo) -> None:
        same = (info.path, info.sheet, info.mapping) == (self.path, self.sheet, self.mapping)
        self.path, self.sheets, self.sheet = info.path, info.sheets, info.sheet
        self.hidden_sheets = info.hidden
        self.mapping, self.remembered = info.mapping, info.remembered
        self.refusal = ""
        self.preview, self.preview_error = [], None
        self._reset_report(keep_choices=same)

    def file_refused(self, path: Path, message: str) -> None:
        """Opening ``path`` was refused (the message box has said why). Another file than the one
        open: it is forgotten, so the page never shows a file the user has just replaced; the same
        file (another sheet, another source): it stays as it was. The reason stays on the page
        after the box is closed."""
        if path != self.path:
            self.path, self.sheets, self.hidden_sheets, self.sheet = None, (), frozenset(), None
            self.mapping, self.remembered = None, False
            self.preview, self.preview_error = [], None
            self._reset_report()
            self.refusal = f"Filen »{path.name}« kan ikke læses ind: {message}"
        else:
            kept = f" Arket »{self.sheet}« er stadig valgt." if self.sheet else ""
            self.refusal = f"{message}{kept}"

    def _reset_report(self, *, keep_choices: bool = False) -> None:
        """The report no longer fits the file or mapping; the choices go with it, unless the
        file and mapping are what they were (the same file opened again, say)."""
        self.parsed = self.report = self.applied = None
        if not keep_choices:
            self.choices, self.pending, self.report_resolved = {}, None, {}

    @property
    def file_label(self) -> str:
        return str(self.path) if self.path else "Ingen fil valgt"

    @property
    def mapping_note(self) -> str:
        if self.refusal:
            return self.refusal
        if self.mapping is None:
            return ""
        if self.remembered:
            return f"Kolonnerne er sat op som sidst for afsenderen »{self.source}«."
        return (
            f"Kolonnerne er foreslået ud fra overskriften i række {self.mapping.header_row}. "
            "Ret dem, hvis de er forkerte."
        )

    def can_continue(self) -> bool:
        return self.path is not None and self.mapping is not None

    # step 2 ---------------------------------------------------------------------------------
    def column_rows(self) -> list[ColumnRow]:
        from rammedesk.fileio.takstfil_mapping import col_index

        m = self.mapping
        if m is None:
            return []
        letters = sorted(set(m.columns) | set(m.headers), key=col_index)
        return [
            ColumnRow(
                c, m.headers.get(c, ""), m.columns.get(c, Field.IGNORE), m.years.get(c), m.levels.get(c)
            )
            for c in letters
        ]

    def set_field(self, letter: str, fld: Field) -> None:
        assert self.mapping is not None
        columns = {**self.mapping.columns, letter: fld}
        years, levels = dict(self.mapping.years), dict(self.mapping.levels)
        if fld not in AMOUNTS:
            years.pop(letter, None)
            levels.pop(letter, None)
        self.mapping = replace(self.mapping, columns=columns, years=years, levels=levels)
        self.remembered = False
        self._reset_report()

    def set_year(self, letter: str, year: int | None) -> None:
        assert self.mapping is not None
        years = {k: v for k, v in self.mapping.years.items() if k != letter}
        if year is not None:
            years[letter] = year
        self.mapping = replace(self.mapping, years=years)
        self.remembered = False
        self._reset_report()

    def set_level(self, letter: str, level: str | None) -> None:
        """The niveau of an amount column's takster; None: the row's niveau column decides."""
        assert self.mapping is not None
        if self.mapping.columns.get(letter) not in AMOUNTS:
            raise ValueError(f"column {letter} is not an amount column")
        levels = {k: v for k, v in self.mapping.levels.items() if k != letter}
        if level is not None:
            levels[letter] = level
        self.mapping = replace(self.mapping, levels=levels)
        self.remembered = False
        self._reset_report()

    def set_year_text(self, letter: str, text: str) -> str | None:
        """The year as typed in the mapping table; returns a Danish message if it is no year
        (the mapping then keeps the year it had)."""
        try:
            year = parse_column_year(text)
        except UserError as exc:
            return f"Kolonne {letter}: {exc.message}"
        if year != (self.mapping.years.get(letter) if self.mapping else None):
            self.set_year(letter, year)
        return None

    def set_level_text(self, letter: str, text: str) -> str | None:
        """The niveau as typed in the mapping table; returns a Danish message if refused."""
        try:
            level = parse_level(text)
        except UserError as exc:
            return f"Kolonne {letter}: {exc.message}"
        if level != (self.mapping.levels.get(letter) if self.mapping else None):
            self.set_level(letter, level)
        return None

    def load_mapping_text(self, text: str, where: str) -> None:
        from rammedesk.fileio.takstfil_mapping import mapping_from_json

        try:
            raw = json.loads(text)
        except json.JSONDecodeError as exc:
            raise UserError(f"Filen kan ikke læses som JSON: {exc}", where) from exc
        mapping = mapping_from_json(raw)
        if self.sheets and mapping.sheet not in self.sheets:
            raise UserError(f"Opsætningen gælder arket »{mapping.sheet}«, som ikke findes i filen.", where)
        if not mapping.headers and self.mapping is not None:
            mapping = replace(mapping, headers=self.mapping.headers)
        same = (mapping, mapping.sheet) == (self.mapping, self.sheet)
        self.mapping, self.sheet, self.remembered = mapping, mapping.sheet, False
        self._reset_report(keep_choices=same)

    def mapping_text(self) -> str:
        from rammedesk.fileio.takstfil_mapping import mapping_to_json

        assert self.mapping is not None
        return json.dumps(mapping_to_json(self.mapping), ensure_ascii=False, indent=2)

    def set_preview(self, items: Sequence[TakstRow | RowError]) -> None:
        self.preview, self.preview_error = list(items), None

    def set_preview_error(self, message: str) -> None:
        self.preview, self.preview_error = [], message

    def preview_table(self) -> list[tuple[str, ...]]:
        rows: list[tuple[int, str, tuple[str, ...]]] = []
        for item in self.preview:
            if isinstance(item, RowError):
                col = f" (kolonne {item.column})" if item.column else ""
                cells = (str(item.row), *[""] * 9, f"Afvist{col}: {item.reason}")
                rows.append((item.row, item.column or "", cells))
            else:
                cells = (
                    str(item.row),
                    item.tilbud,
                    item.afdeling or "",
                    item.ydelse or "",
                    item.niveau or "",
                    _paragraffer(item),
                    str(item.aar),
                    item.art.label,
                    _kr(item.beloeb),
                    item.enhed.label,
                    "",
                )
                rows.append((item.row, item.column, cells))
        return [cells for *_k, cells in sorted(rows, key=lambda r: (r[0], r[1]))]

    # step 3 ---------------------------------------------------------------------------------
    def set_report(self, parsed: TakstSource, report: Any) -> None:
        """A dry run's report commits the choices it ran with (``dry_run_resolved``)."""
        self.parsed, self.report = parsed, report
        if report.dry_run is False:
            self.applied = report
            return
        if self.pending is not None:
            self.choices, self.pending = self.pending, None
        self.report_resolved = resolved_of(self.choices)
        # A choice that did not take (the name's rows are still ambiguous: the kommune on step 1
        # left other candidates) is shown as open again.
        still = {g.key: g for g in group_ambiguous(report.ambiguous)}
        self.choices = {
            k: g for k, g in self.choices.items() if k not in still or g.chosen in still[k].candidates
        }

    # choices for ambiguous rows -----------------------------------------------------------
    def ambiguous_groups(self) -> list[AmbiguousGroup]:
        """The names still ambiguous in the report: one line each, »Spring over« chosen."""
        return [] if self.report is None else group_ambiguous(self.report.ambiguous)

    def chosen_groups(self) -> list[AmbiguousGroup]:
        """The names the user chose a tilbud for (their rows are matched in the report)."""
        open_keys = {g.key for g in self.ambiguous_groups()}
        return sorted((g for k, g in self.choices.items() if k not in open_keys), key=lambda g: g.rows)

    def choose(self, key: str, tilbud_id: int | None) -> bool:
        """The user's choice for a name (None: skip its rows); True when the dry run must run
        again with it (``dry_run_resolved``)."""
        current = dict(self.choices if self.pending is None else self.pending)
        group = current.get(key) or next((g for g in self.ambiguous_groups() if g.key == key), None)
        if group is None:
            raise KeyError(key)
        if tilbud_id is None:
            current.pop(key, None)
        elif tilbud_id in group.candidates:
            current[key] = replace(group, chosen=tilbud_id)
        else:
            raise ValueError(f"tilbud {tilbud_id} is no candidate for {group.name!r}")
        if current == (self.choices if self.pending is None else self.pending):
            return False
        self.pending = None if current == self.choices else current
        return self.pending is not None

    def drop_pending(self) -> None:
        """The dry run with the new choices failed or was cancelled: back to the report's."""
        self.pending = None

    def dry_run_resolved(self) -> dict[str, int]:
        """``resolved`` for the next dry run: tilbud name as written in the file → tilbud id."""
        return resolved_of(self.choices if self.pending is None else self.pending)

    def chosen_row_count(self) -> int:
        return sum(len(g.rows) for g in self.chosen_groups())

    def counts(self) -> list[tuple[str, str]]:
        r = self.report
        if r is None:
            return []
        counts = [
            ("Rækker læst", format_int(r.rows_read)),
            ("Nye takster", format_int(r.new_takster)),
            ("Ændrede takster", format_int(r.changed_takster)),
            ("Uændrede takster", format_int(r.unchanged)),
            ("Nye tilbud", format_int(r.new_tilbud)),
            ("Afviste rækker", format_int(self.rejected_row_count())),
            ("Tvetydige rækker (importeres ikke)", format_int(len(r.ambiguous))),
            ("Rækker med dit valg af tilbud", format_int(self.chosen_row_count())),
        ]
        if r.changed_tilbud_info:
            counts.append(("Tilbud med nyt CVR, P-nummer eller telefon", format_int(r.changed_tilbud_info)))
        return counts

    def summary_text(self) -> str:
        r = self.report
        if r is None:
            return ""
        head = "Prøvekørsel – intet er gemt endnu." if r.dry_run else f"Importeret (import nr. {r.batch_id})."
        text = (
            f"{head} {r.file}, ark {r.sheet}: {format_int(r.new_takster)} nye, "
            f"{format_int(r.changed_takster)} ændrede og {format_int(r.unchanged)} uændrede takster; "
            f"{format_count(self.rejected_row_count(), 'afvist række', 'afviste rækker')}"
        )
        if r.ambiguous:
            text += f" og {format_count(len(r.ambiguous), 'tvetydig række', 'tvetydige rækker')}"
        text += "."
        if r.assumed_driftsherre:
            text += (
                f" {format_count(r.assumed_driftsherre, 'nyt tilbud', 'nye tilbud')} får "
                "beliggenhedskommunen som driftsherre, fordi filen ikke nævner driftsherren."
            )
        if r.changed_tilbud_info:
            text += (
                f" {format_count(r.changed_tilbud_info, 'eksisterende tilbud')} får "
                "nyt CVR-nummer, P-nummer eller telefonnummer fra filen."
            )
        return text

    def diff_rows(self) -> list[TableRow]:
        if self.report is None:
            return []
        out = []
        for c in self.report.diff:
            art = _ART_LABELS.get(c.art, c.art)
            against = c.compared_with
            cells = (
                str(c.row),
                c.tilbud,
                c.afdeling,
                c.ydelse,
                str(c.aar),
                art,
                against,
                _kr(c.old),
                _kr(c.new),
                format_pct(c.pct),
            )
            pct = c.pct if c.pct is not None else Decimal("-Infinity")
            old = c.old if c.old is not None else Decimal("-Infinity")
            new = c.new if c.new is not None else Decimal("-Infinity")
            keys = (c.row, c.tilbud, c.afdeling, c.ydelse, c.aar, art, against, old, new, pct)
            out.append(TableRow(cells, keys))
        return out

    def first_tab(self) -> int:
        """The report tab to open on: changes, else rejected rows, else ambiguous rows."""
        r = self.report
        if r is None or r.diff or not (r.rejected or r.ambiguous):
            return 0
        return 1 if r.rejected else 2

    def rejected_row_count(self) -> int:
        """Rows refused (a row may have several errors)."""
        r = self.report if self.report is not None else self.applied
        return 0 if r is None else len({(e.sheet, e.row) for e in r.rejected})

    def rejected_rows(self) -> list[tuple[str, ...]]:
        if self.report is None:
            return []
        return [(str(e.row), e.column or "", e.reason) for e in self.report.rejected]

    def can_apply(self) -> bool:
        """Not while a choice waits for its dry run: what is applied is what the user saw."""
        r = self.report
        return r is not None and r.dry_run and r.imported > 0 and self.pending is None

    def apply_label(self) -> str:
        n = self.report.imported if self.report is not None else 0
        return f"&Importér {format_count(n, 'takst', 'takster')}"

    def apply_hint(self) -> str:
        r = self.report
        if r is None:
            return ""
        if self.pending is not None:
            return "Prøvekører igen med dit valg af tilbud …"
        rejected, ambiguous = self.rejected_row_count(), len(r.ambiguous)
        if r.imported == 0:
            if ambiguous:
                return f"Der er intet at importere. {_SEE_AMBIGUOUS}"
            return (
                "Der er intet at importere: alle gyldige takster findes allerede, "
                "eller alle rækker er afvist."
            )
        if not rejected + ambiguous:
            return "Alle rækker kan importeres."
        text = (
            "De gyldige rækker kan importeres; "
            f"{format_count(rejected + ambiguous, 'række', 'rækker')} springes over."
        )
        if rejected:
            text += " Gem gerne fejlrapporten over de afviste rækker."
        if ambiguous:
            text += " " + _SEE_AMBIGUOUS
        return text

    def result_text(self) -> str:
        r = self.applied
        if r is None:
            return ""
        text = (
            f"Takstfilen {r.file} er importeret (import nr. {r.batch_id}): "
            f"{format_int(r.new_takster)} nye og {format_int(r.changed_takster)} ændrede takster, "
            f"{format_int(r.new_tilbud)} nye tilbud."
        )
        if r.rejected:
            text += f" {format_count(self.rejected_row_count(), 'række', 'rækker')} blev afvist."
        if r.ambiguous:
            text += (
                f" {format_count(len(r.ambiguous), 'tvetydig række', 'tvetydige rækker')} blev sprunget over."
            )
        text += "\n\nKolonneopsætningen er husket til næste fil fra samme afsender."
        text += "\n\nImporten kan fortrydes med Filer → Fortryd seneste import…"
        if r.backup:
            text += f"\n\nSikkerhedskopi af databasen fra før importen: {r.backup}"
        return text
