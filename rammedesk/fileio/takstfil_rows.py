"""One data row of a takstfil → TakstRow values or RowErrors (Danish, placed as Excel shows).

Rules, in order, for each row below the header:

1. Blank → spacer, skipped. Totals rows are skipped: a key text (tilbud/afdeling/ydelse) that
   is exactly a totals phrase of the synonym file ("I alt", "Total", "Sum", "Takst i alt",
   "Gns.") or, when the row's other key cells (afdeling, ydelse, kommune, Tilbudsportalen ids)
   are blank, one saying more: "I alt for Skovbrynet", "I alt (Skovbrynet)", "Total 2025",
   "Skovbrynet i alt". A name merely beginning with such a word ("Total Omsorg ApS",
   "Sum-Huset", "Gns. Bosted") is data (``totals_kind``), unless the rest names a kommune or
   the tilbud or kommune above ("I alt Vejle Kommune", "Total Vejle"). A row naming nothing is
   a totals row when its first text begins with a totals word.
2. Every cell is checked: longer than ``ImportLimits.max_cell_chars``, control characters, or a
   CPR-like number (outside identifier columns: CVR, P-nummer, Tilbudsportalen ids, telefon)
   → the row is refused. A CPR-like number is never repeated in a message or stored.
3. A row with no amount whose one cell is a note ("* Inkl. moms", "¹ Foreløbig", "(1) …",
   "Note: …", "Bemærk: …", "Kilde: …") is skipped: it carries nothing down. Else, if it names
   only descriptive values (tilbud, afdeling, driftsherre, kommune, paragraf) it is a group
   heading and those values carry down to the rows below that
   leave them blank (a paragraf: unless the row names its own, in its cell or in its names; an
   unknown paragraf refuses the heading and the rows that would get it, naming the heading's
   row); otherwise (it names a ydelse, niveau or enhed) it is refused: the amount is missing.
   A heading must be used: when no row below takes a value from it (leaves blank a cell it
   gives) before its values are dropped or replaced, or the sheet ends, it is a data row with
   a forgotten amount and is refused as such. That is known only later, so the refusal comes
   from ``feed`` (before the row that shows it) or ``finish`` (at the end of the sheet), as a
   "data" result of its own: it counts as a row read. Such a heading of one text cell below the
   sheet's last data row is a note under the table, skipped ("Opdateret 15-11-2024").
   A data row's kommune and driftsherre carry down too, but only within its tilbud: a row naming
   another tilbud drops what was carried for the one before (afdeling, kommune, driftsherre,
   paragraf), so a new tilbud with a blank kommune gets none (then the import's kommune, or it is
   refused); a row naming another afdeling drops what an afdeling heading gave. A heading naming
   no tilbud or afdeling (only a kommune, driftsherre or paragraf) holds for every tilbud below
   it, until the next such heading (takstfil_groups); so does a kommune heading alone in the
   tilbud column ("Vejle Kommune", "Kommune: Vejle", "630 - Vejle", "Vejle Kommune, Psykiatri";
   "Region Nordjylland" names none), an amount beside it being a subtotal. A text saying
   "Kommune" that names no known kommune is refused, and so are the rows taking its kommune. A row
   refused before it is read (an unreadable, uncached or CPR-like cell) still heads or names the
   rows below it; a value its unreadable cell would give is carried as unknown, and a row
   taking it is refused, naming the refused row, never filed under an older row's names (``_carry_refused``).
4. Each amount cell gives one takst. Its year: the row's year column, else the column's year
   (``ColumnMapping.years``), else the ``year`` argument, else the title block's year.
   Its niveau: the column's (``ColumnMapping.levels``: "Takst 1 | Takst 2 | Takst 3"), else
   the row's niveau column.
   Its unit: the row's unit column, else a unit in the amount text ("417 kr./time"), else in
   the column header ("Takst kr./døgn"), else in the title block ("Takster pr. døgn"; or the
   one it pairs with the takst's art: "Basistakster pr. døgn, ydelsestakster pr. time").
   Its moms basis: "fratrukket … moms"/"ekskl. moms" in the column header, else the row's moms
   column, else the title block's ("Takster 2025 ekskl. moms", unless an amount header names
   moms itself), else inkl. (the takst i alt).
   Its art: with no art column, a ydelse name (the afdeling name when no ydelse column is
   mapped) containing "tillæg", "ekstra" or "1:1" → tillæg, even in a basistakst column
   ("Børn- og ungetillæg 223 kr./døgn"); else basistakst/ydelsestakst columns say it; else the
   row's art column ("Objektiv" there means objektiv finansiering, art samlet); else samlet.
5. Amounts: negative → refused; below ``MIN_AMOUNT`` of the unit (0 always) → refused as
   absurd; above ``MAX_PER_DAY`` (døgn/dag/time/km/stk) or
   ``MAX_PER_MONTH`` (måned) → refused as absurd; "Individuel pris" → stored as individual
   price (beloeb None), never zero. Year outside ``MIN_YEAR``..today+``YEARS_AHEAD`` → refused.
6. The same tilbud/afdeling/ydelse/niveau/art/year twice → the second is refused, naming the
   first's row. Any refusal refuses the whole row (all its amounts).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from rammedesk.domain.danish_numbers import (
    INDIVIDUEL,
    FootnoteMarker,
    Individuel,
    NotANumber,
    format_danish,
    is_no_amount,
    parse_amount,
)
from rammedesk.domain.takstfil import (
    IDENTIFIER_FIELDS,
    ColumnMapping,
    Field,
    ImportLimits,
    RowError,
    TakstRow,
    same_in_row_reason,
)
from rammedesk.domain.units import unit_in_header, unit_in_text
from rammedesk.domain.vocab import Enhed, Finansiering, MomsBasis, TakstArt, TakstStatus
from rammedesk.fileio.takstfil_common import RowValueReader, column_status, column_ydelser
from rammedesk.fileio.takstfil_groups import (
    CARRIED_NOUNS,
    GroupCarry,
    LateHeadings,
    kommune_heading,
    unknown_kommune_heading,
)
from rammedesk.fileio.takstfil_header import (
    AMOUNT_FIELDS,
    Synonyms,
    TitleInfo,
    cell_text,
    is_totals_text,
    net_of_moms,
)
from rammedesk.fileio.takstfil_mapping import col_index, col_letter
from rammedesk.fileio.takstfil_values import (
    MAX_PER_DAY,
    MAX_PER_MONTH,
    MIN_AMOUNT,
    MIN_YEAR,
    MISSING_AMOUNT,
    NOT_TOTALS,
    ROW_FIELDS,
    TOTALS_EXACT,
    TOTALS_PHRASE,
    YEARS_AHEAD,
    RowResult,
    RowValues,
    art_for,
    cell_problem,
    clean_text,
    from_refused_reason,
    is_note,
    missing_unit_reason,
    totals_kind,
    totals_rest,
    unit_cell,
    unit_conflict_reason,
    unknown_art_reason,
    unknown_kommune_reason,
    unknown_unit_reason,
    unused_heading_reason,
    words,
)
from rammedesk.fileio.xlsx_formulas import uncached_reason

# Distinct values remembered per memo. Names repeat (a tilbud on every row of it); amounts
# mostly do not, so a larger memo would only grow with the file: this bounds it.
_MEMO_LIMIT = 20_000
# Key cells that, filled, make a row saying "I alt for Skovbrynet" data rather than a subtotal.
_TOTALS_KEYS = (Field.AFDELING, Field.YDELSE, Field.KOMMUNE, Field.TP_TILBUDSID, Field.TP_AFDELINGSID)


class RowParser:
    """Parses rows one by one; keeps the carried group names and the duplicate index."""

    def __init__(
        self,
        *,
        file: str,
        mapping: ColumnMapping,
        limits: ImportLimits,
        synonyms: Synonyms,
        title: TitleInfo,
        year: int | None,
        paragraf_ids: frozenset[str],
        historic_ids: frozenset[str],
        today: date | None = None,
        uncached: dict[tuple[int, int], str] | None = None,
    ) -> None:
        """``uncached``: formula cells the file holds without their value (row, 0-based column)."""
        self._uncached_rows: dict[int, list[tuple[int, str]]] = {}
        for (r, c), formula in sorted((uncached or {}).items()):
            if mapping.columns.get(col_letter(c), Field.IGNORE) is not Field.IGNORE:
                self._uncached_rows.setdefault(r, []).append((c, formula))
        self.file, self.mapping, self.limits, self.synonyms = file, mapping, limits, synonyms
        self.title, self.year = title, year
        self.paragraf_ids, self.historic_ids = paragraf_ids, historic_ids
        self.max_year = (today or date.today()).year + YEARS_AHEAD
        self.cols = {col_index(k): f for k, f in mapping.columns.items()}
        self.by_field: dict[Field, int] = {}
        for c, f in sorted(self.cols.items()):
            self.by_field.setdefault(f, c)
        self.amount_cols = [c for c, f in sorted(self.cols.items()) if f in AMOUNT_FIELDS]
        self.header_units = {
            c: unit_in_header(mapping.headers.get(col_letter(c), "")) for c in self.amount_cols
        }
        self.carry = GroupCarry()
        self._late = LateHeadings(self.carry)
        self.seen: dict[tuple[object, ...], int] = {}
        self._totals_memo: dict[str, int] = {}
        self._blank: dict[Field, str | None] = dict.fromkeys(Field)
        self._id_cols = {c for c, f in self.cols.items() if f in IDENTIFIER_FIELDS}
        self._number_ok_cols = self._id_cols | set(self.amount_cols)
        # Decided once per column, not per row.
        self._field_cols = list(self.by_field.items())
        self._col_years = {c: mapping.years.get(col_letter(c)) for c in self.amount_cols}
        self._letters = {c: col_letter(c) for c in self.amount_cols}
        self._name_field = Field.YDELSE if Field.YDELSE in self.by_field else Field.AFDELING
        self._carried_at = {c: f for f, c in self.by_field.items() if f in CARRIED_NOUNS}
        self._col_levels = {c: mapping.levels.get(col_letter(c)) for c in self.amount_cols}
        # "Takst 2024 fratrukket refusion for indirekte moms": the column's own moms basis.
        self._col_moms = {
            c: MomsBasis.FRATRUKKET if net_of_moms(mapping.headers.get(col_letter(c), "")) else None
            for c in self.amount_cols
        }
        headers_say_moms = any(
            "moms" in mapping.headers.get(col_letter(c), "").lower() for c in self.amount_cols
        )
        self._title_moms = None if headers_say_moms else title.moms
        self._col_ydelser = column_ydelser(mapping, self.amount_cols)
        self._col_status = column_status(mapping, self.amount_cols, title)  # "Takst 2025 (foreløbig)"
        self._values = RowValueReader(self._err, self.by_field, paragraf_ids, historic_ids)
        # Cell values repeat a lot (names, units, paragraffer): each distinct one is judged once.
        self._fine_cells: set[tuple[int, str]] = set()
        self._amount_memo: dict[str, Decimal | Individuel | None] = {}
        self._unit_memo: dict[str, Enhed | None] = {}
        self._key_texts: dict[str, str] = {}  # cell text → its words (duplicate keys)
        self._key_words: dict[str, str] = {}  # the one copy of each words text

    def _words(self, text: str | None) -> str:
        """``words(text)``, made once per distinct text and shared (keys live for the whole file)."""
        if not text:
            return ""
        found = self._key_texts.get(text)
        if found is None:
            found = words(text)
            if len(self._key_texts) < _MEMO_LIMIT:
                found = self._key_texts[text] = self._key_words.setdefault(found, found)
        return found

    def _dup_keys(self, out: list[TakstRow]) -> list[tuple[object, ...]]:
        """Rows with equal keys give the same takst: the folded words of tilbud, afdeling, ydelse,
        niveau, art and year, and also kommune and Tilbudsportalen ids (a region's file may list
        two tilbud of one name in different kommuner). ``out`` is one row's takster: what they
        share is folded once."""
        if not out:
            return []
        w, t = self._words, out[0]
        base = (w(t.tilbud), w(t.afdeling), w(t.kommune), t.tp_tilbudsid, t.tp_afdelingsid)
        return [(*base, w(t.ydelse), w(t.niveau), t.art, t.aar) for t in out]

    def _totals(self, text: str) -> int:
        found = self._totals_memo.get(text)
        if found is None:
            found = self._totals_memo[text] = totals_kind(text, self.synonyms.totals)
        return found

    def _is_totals(self, texts: dict[Field, str | None], cells: list[object]) -> bool:
        """Rule 1: a key text that is a totals phrase; one saying more ("I alt for Skovbrynet",
        "Skovbrynet i alt") only when the row's other key cells are blank."""
        named = False
        for f in (Field.TILBUD, Field.AFDELING, Field.YDELSE):
            if (t := texts[f]) is None:
                continue
            named = True
            kind = self._totals(t)
            if kind == TOTALS_EXACT:
                return True
            if all(texts[g] is None for g in _TOTALS_KEYS if g is not f) and (
                kind == TOTALS_PHRASE
                or (  # "I alt Vejle Kommune", "Total Bryggen": the kommune or tilbud above
                    kind == NOT_TOTALS
                    and (said := totals_rest(t, self.synonyms.totals)) is not None
                    and self.carry.names_above(said)
                )
            ):
                return True
        if named:
            return False
        # No name at all: the row's first text, e.g. "Total" in a column nobody reads.
        first = next((cell_text(v) for v in cells if isinstance(v, str) and v.strip()), "")
        return bool(first) and is_totals_text(first, self.synonyms)

    def _err(self, row: int, col: int | None, reason: str) -> RowError:
        return RowError(
            self.file, self.mapping.sheet, row, col_letter(col) if col is not None else None, reason
        )

    def parse(self, row: int, cells: list[object]) -> RowResult:
        formulas = row in self._uncached_rows
        if not formulas and all(v is None or (type(v) is str and not v.strip()) for v in cells):
            return RowResult("spacer")
        texts = self._texts(cells)
        if self._is_totals(texts, cells):
            return RowResult("totals")
        if formulas:
            self._carry_refused(row, cells, texts, [c for c, _ in self._uncached_rows[row]])
            return RowResult("data", errors=self._uncached_errors(row))
        errors = self._check_cells(row, cells)
        if errors:
            self._carry_refused(row, cells, texts, [col_index(e.column) for e in errors if e.column])
            return RowResult("data", errors=errors)
        amounts = [
            (c, v)
            for c in self.amount_cols
            if c < len(cells) and (v := cells[c]) is not None and not (type(v) is str and is_no_amount(v))
        ]
        kommune = kommune_heading(texts)  # "Vejle Kommune": a section
        if kommune is not None and (not amounts or texts[Field.TILBUD] is not None):
            self.carry.kommune_section(row, kommune)  # an amount in the row is its subtotal
            return RowResult("heading")
        if not amounts:
            if is_note(cells):
                return RowResult("note")
            if (unknown := unknown_kommune_heading(texts)) is not None:
                self.carry.unknown_section(row)
                field, text = unknown
                return RowResult(
                    "data", errors=[self._err(row, self.by_field[field], unknown_kommune_reason(text))]
                )
            if any(texts[f] for f in ROW_FIELDS):
                self.carry.note(texts)
                self.carry.fill(texts)  # its names still head the rows below that leave them blank
                col = self.amount_cols[0] if self.amount_cols else None
                return RowResult("data", errors=[self._err(row, col, MISSING_AMOUNT)])
            self.carry.heading(row, texts)
            if sum(v is not None and not (type(v) is str and not v.strip()) for v in cells) == 1:
                self._late.one_cell.add(row)  # a note if no data row follows (LateHeadings)
            ptext = texts[Field.PARAGRAF]
            if ptext is not None and (error := self._values.unknown_paragraf(row, ptext)) is not None:
                self.carry.forget(row)
                return RowResult("data", errors=[error])
            return RowResult("heading")
        return self._data(row, cells, amounts, texts)

    def _carry_refused(
        self, row: int, cells: list[object], texts: dict[Field, str | None], bad: list[int]
    ) -> None:
        """A row refused before it is read still heads or names the rows below it (rule 3)."""
        unknown = {f for c in bad if (f := self._carried_at.get(c)) is not None}
        # An unreadable amount cell is an amount: the row is a data row, not a heading.
        data = any((c < len(cells) and cells[c] is not None) or c in bad for c in self.amount_cols)
        self.carry.refused(row, texts, unknown, data=data or any(texts[f] for f in ROW_FIELDS))

    def _from_refused(self, row: int, texts: dict[Field, str | None]) -> RowError | None:
        """The error of a row that takes a value a refused row above could not give."""
        if (found := self.carry.unknown_taken(texts)) is None:
            return None
        return self._err(row, self.by_field.get(found[0]), from_refused_reason(*found))

    def feed(self, row: int, cells: list[object]) -> list[tuple[int, RowResult]]:
        """``parse``, preceded by the headings found unused meanwhile, each refused as a data row
        whose amount is missing (rule 3): the results come in row order when no data row stands
        between such a heading and the row that ends its scope."""
        result = self.parse(row, cells)
        return [*self._unused(data_row=row if result.kind == "data" else None, end=False), (row, result)]

    def finish(self) -> list[tuple[int, RowResult]]:
        """At the end of the sheet: the headings no row below used, refused (see ``feed``), and
        the notes under the table (``LateHeadings``)."""
        return self._unused(data_row=None, end=True)

    def _unused(self, *, data_row: int | None, end: bool) -> list[tuple[int, RowResult]]:
        rows, notes = self._late.found(data_row=data_row, end=end)
        found = [(r, RowResult("note")) for r in notes]
        if not rows:
            return found
        reason = unused_heading_reason([self._letters[c] for c in self.amount_cols])
        first = self.amount_cols[0] if self.amount_cols else None
        refused = [(r, RowResult("data", errors=[self._err(r, first, reason)])) for r in rows]
        return sorted([*refused, *found], key=lambda found: found[0])

    def _uncached_errors(self, row: int) -> list[RowError]:
        return [self._err(row, col, uncached_reason(formula)) for col, formula in self._uncached_rows[row]]

    def _texts(self, cells: list[object]) -> dict[Field, str | None]:
        """Each mapped field's stripped cell text (None when blank), read once per row."""
        texts = self._blank.copy()
        n = len(cells)
        for f, c in self._field_cols:
            if c < n and (v := cells[c]) is not None:
                if type(v) is str:
                    texts[f] = clean_text(v) or None  # as it reads: invisible characters break matching
                else:
                    texts[f] = cell_text(v) or None
        return texts

    def _check_cells(self, row: int, cells: list[object]) -> list[RowError]:
        limit = self.limits.max_cell_chars
        fine, number_ok = self._fine_cells, self._number_ok_cols
        errors = []
        for c, v in enumerate(cells):
            if v is None or (type(v) is not str and c in number_ok):
                continue
            if type(v) is str:
                if (c, v) in fine:
                    continue
                reason = cell_problem(v, c in self._id_cols, c in number_ok, limit)
                if reason is None and len(fine) < _MEMO_LIMIT:
                    fine.add((c, v))
            else:
                reason = cell_problem(v, c in self._id_cols, False, limit)
            if reason is not None:
                errors.append(self._err(row, c, reason))
        return errors

    def _parse_amount(self, raw: object) -> Decimal | Individuel | None:
        """parse_amount, memoised for text (a raised NotANumber is not memoised)."""
        if type(raw) is not str:
            return parse_amount(raw)
        memo = self._amount_memo
        if raw in memo:
            return memo[raw]
        value = parse_amount(raw)
        if len(memo) < _MEMO_LIMIT:
            memo[raw] = value
        return value

    def _unit_in_text(self, raw: str) -> Enhed | None:
        memo = self._unit_memo
        if raw in memo:
            return memo[raw]
        unit = unit_in_text(raw)
        if len(memo) < _MEMO_LIMIT:
            memo[raw] = unit
        return unit

    def _data(
        self, row: int, cells: list[object], amounts: list[tuple[int, object]], texts: dict[Field, str | None]
    ) -> RowResult:
        """``texts`` (from ``_texts``) is this row's own; the carried names are filled into it."""
        errors: list[RowError] = []
        self.carry.fill(texts)
        if (refused := self._from_refused(row, texts)) is not None:
            return RowResult("data", errors=[refused])
        tilbud = texts[Field.TILBUD]
        if tilbud is None:
            col = self.by_field.get(Field.TILBUD)
            errors.append(
                self._err(
                    row,
                    col,
                    "Tilbuddets navn mangler. Skriv det i rækken eller i en overskriftsrække over den."
                    if col is not None
                    else "Ingen kolonne er sat til »tilbud«. Vælg tilbudskolonnen.",
                )
            )
        common = self._values.read(row, cells, texts, errors, self.carry.paragraf())
        if common.heading is not None:
            self.carry.used(common.heading)
        out: list[TakstRow] = []
        for c, raw in amounts:
            takst = self._amount(row, c, raw, texts=texts, common=common, errors=errors)
            if takst is not None:
                out.append(takst)
        if errors or tilbud is None:
            return RowResult("data", errors=errors)
        dup_keys = self._dup_keys(out)
        if len(set(dup_keys)) < len(dup_keys):  # one row, two amounts for one takst
            firsts: dict[tuple[object, ...], TakstRow] = {}
            for t, key in zip(out, dup_keys, strict=True):
                if key in firsts:
                    return RowResult(
                        "data",
                        errors=[self._err(row, col_index(t.column), same_in_row_reason(firsts[key], t))],
                    )
                firsts[key] = t
        for t, key in zip(out, dup_keys, strict=True):
            first = self.seen.get(key)
            if first is not None:
                errors.append(
                    self._err(
                        row,
                        col_index(t.column),
                        f"Samme takst står allerede i række {first} "
                        f"(samme tilbud, afdeling, ydelse, niveau, art og år {t.aar}). "
                        "Slet den ene af rækkerne.",
                    )
                )
        if errors:
            return RowResult("data", errors=errors)
        for key in dup_keys:
            self.seen[key] = row
        return RowResult("data", takster=out)

    def _amount(
        self,
        row: int,
        c: int,
        raw: object,
        *,
        texts: dict[Field, str | None],
        common: RowValues,
        errors: list[RowError],
    ) -> TakstRow | None:
        fld = self.cols[c]
        try:
            value = self._parse_amount(raw)
        except FootnoteMarker as exc:  # its message says what to do
            errors.append(self._err(row, c, str(exc)))
            return None
        except NotANumber as exc:
            errors.append(self._err(row, c, f"{exc} Skriv et beløb (fx 4.155,00) eller »Individuel pris«."))
            return None
        if value is None:
            return None
        amount = None if value is INDIVIDUEL else value
        year = common.aar or self._col_years[c] or self.year or self.title.year
        if not isinstance(year, int):
            if texts[Field.AAR] is not None:
                return None  # the year cell is refused already
            errors.append(
                self._err(
                    row,
                    c,
                    "Året for taksten mangler. Vælg takståret ved indlæsningen, "
                    "eller sæt en kolonne til »år«.",
                )
            )
            return None
        if not MIN_YEAR <= year <= self.max_year:
            where = self.by_field[Field.AAR] if common.aar else c  # the cell that gave the year
            errors.append(
                self._err(row, where, f"Året {year} ligger uden for {MIN_YEAR}–{self.max_year}. Ret året.")
            )
            return None
        unit = self._unit(row, c, raw, texts, errors)
        if unit is None:
            return None
        if amount is not None:
            limit = MAX_PER_MONTH if unit is Enhed.MAANED else MAX_PER_DAY
            if amount < 0:
                errors.append(self._err(row, c, "Beløbet er negativt. Ret det til takstens beløb."))
                return None
            if amount < MIN_AMOUNT[unit]:
                shown = format_danish(amount)
                errors.append(
                    self._err(
                        row,
                        c,
                        f"Beløbet {shown} kr. pr. {unit.label} er urimeligt lille. Tjek enheden og "
                        "beløbet; står der ingen takst, så lad cellen stå tom.",
                    )
                )
                return None
            if amount > limit:
                errors.append(
                    self._err(
                        row,
                        c,
                        f"Beløbet er urimeligt stort (over {limit:,.0f} kr. pr. ".replace(",", ".")
                        + f"{unit.label}). Tjek enheden og beløbet.",
                    )
                )
                return None
        ydelse = texts[Field.YDELSE]
        if (own := self._col_ydelser.get(c)) is not None:
            ydelse = f"{ydelse} – {own}" if ydelse else own
        art = self._art(row, fld, texts, errors, own)
        if art is None:
            return None
        return TakstRow(  # positional (tens of thousands of rows), in TakstRow's field order
            self.mapping.sheet,  # sheet
            row,
            self._letters[c],  # column
            texts[Field.TILBUD] or "",  # tilbud
            texts[Field.AFDELING],
            ydelse,
            self._col_levels[c] or texts[Field.NIVEAU],  # niveau
            common.paragraf,  # paragraf_id
            texts[Field.KOMMUNE],
            texts[Field.DRIFTSHERRE],
            common.tp_tilbud,  # tp_tilbudsid
            common.tp_afd,  # tp_afdelingsid
            year,  # aar
            amount,  # beloeb
            unit,  # enhed
            art,
            self._col_status[c] or common.status or TakstStatus.ENDELIG,
            common.finansiering or Finansiering.TAKST,
            self._col_moms[c] or common.moms or self._title_moms or MomsBasis.INKL,
            common.pladser,
            common.cvr,
            common.p_nummer,
            common.telefon,
            common.more_paragraffer,
        )

    def _unit(
        self, row: int, c: int, raw: object, texts: dict[Field, str | None], errors: list[RowError]
    ) -> Enhed | None:
        utext = texts[Field.ENHED]
        if utext is not None:
            unit = unit_cell(utext)
            if unit is None:
                errors.append(self._err(row, self.by_field[Field.ENHED], unknown_unit_reason(utext)))
            elif type(raw) is str and (said := self._unit_in_text(raw)) not in (None, unit):
                errors.append(self._err(row, c, unit_conflict_reason(raw, said, unit)))
            return unit
        unit = (
            (self._unit_in_text(raw) if type(raw) is str else None)
            or self.header_units.get(c)
            or self.title.unit
        )
        if unit is None and self.title.art_units:  # "Basistakster pr. døgn, ydelsestakster pr. time"
            name = self._col_ydelser.get(c) or texts[self._name_field]
            unit = self.title.unit_for(art_for(self.cols[c], texts[Field.ART], name))
        if unit is None:
            header = self.mapping.headers.get(self._letters[c], "")
            errors.append(self._err(row, c, missing_unit_reason(header, self._letters[c])))
        return unit

    def _art(
        self, row: int, fld: Field, texts: dict[Field, str | None], errors: list[RowError], name: str | None
    ) -> TakstArt | None:
        art = art_for(fld, texts[Field.ART], name or texts[self._name_field])
        if art is None:
            reason = unknown_art_reason(texts[Field.ART] or "")
            errors.append(self._err(row, self.by_field[Field.ART], reason))
        return art
