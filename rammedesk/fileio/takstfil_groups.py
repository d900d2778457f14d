"""The names a takstfil row leaves blank, carried down from the rows above (rule 3 of takstfil_rows).

Carried values belong to a level: a section (a heading naming no tilbud or afdeling, e.g. a
region's file grouped by kommune or paragraf), a tilbud, or an afdeling. A row naming another
tilbud drops everything carried for the tilbud before it (afdeling, kommune, driftsherre,
paragraf) and keeps the section's; a row naming another afdeling drops what its afdeling
heading gave. A paragraf is carried from headings only (a data row's paragraf is its own).

A heading must be used: each value a heading gives is a slot, and a row below taking a value
from one of its slots (leaving that cell blank) makes it a heading. A heading whose slots are all
gone (dropped or replaced: another tilbud, another heading) before any row used one, or that is
still unused at the end of the sheet, is ``unused``: a data row whose amount was forgotten.
"""

from __future__ import annotations

from functools import lru_cache

from rammedesk.domain.folding import folded_text
from rammedesk.domain.kommune_names import heading_kommune, kommune_of_text, mentions_kommune
from rammedesk.domain.takstfil import Field
from rammedesk.fileio.takstfil_header import AMOUNT_FIELDS

SECTION, TILBUD, AFDELING = 0, 1, 2
# Descriptive values a heading gives its rows; a data row's kommune and driftsherre hold for its
# tilbud's later rows too.
DESCRIPTIVE = (Field.DRIFTSHERRE, Field.KOMMUNE)
HEADING_VALUES = (*DESCRIPTIVE, Field.PARAGRAF)

# The values that carry down, as a message names them.
CARRIED_NOUNS = {
    Field.TILBUD: "tilbuddets navn",
    Field.AFDELING: "afdelingens navn",
    Field.KOMMUNE: "kommunen",
    Field.DRIFTSHERRE: "driftsherren",
    Field.PARAGRAF: "paragraffen",
}
# Carried in place of a value a refused row's unreadable cell would give, followed by its row:
# a NUL never survives the cell check, so no real name can look like it.
UNKNOWN = "\x00ukendt-fra-række-"

Slot = tuple[Field, bool]  # a carried value: its field, and whether it is the section's


@lru_cache(maxsize=1)
def _kommuner() -> dict[str, int]:
    from rammedesk.fileio.reference_csv import load_reference_data

    refs = load_reference_data().kommuner
    return {folded_text(k.navn): k.kode for k in refs} | {str(k.kode): k.kode for k in refs}


def kommune_heading(texts: dict[Field, str | None]) -> str | None:
    """A row whose one text, in the tilbud or afdeling column, is a kommune heading ("Vejle
    Kommune", "Kommune: Vejle", "0630 Vejle Kommune"): the kommune text its section's rows get;
    "" for a region heading ("Region Nordjylland"); None when the row is no such heading. An
    amount beside it is its kommune's subtotal ("Vejle Kommune | 4300")."""
    filled = [(f, t) for f, t in texts.items() if t is not None and f not in AMOUNT_FIELDS]
    if len(filled) != 1 or filled[0][0] not in (Field.TILBUD, Field.AFDELING):
        return None
    return heading_kommune(filled[0][1], _kommuner())


def unknown_kommune_heading(texts: dict[Field, str | None]) -> tuple[Field, str] | None:
    """A row whose one text, in the tilbud or afdeling column, says "Kommune" but names no kommune
    ``kommune_heading`` knows ("Atlantis Kommune, Socialpsykiatri"): its field and text."""
    filled = [(f, t) for f, t in texts.items() if t is not None]
    if len(filled) != 1 or filled[0][0] not in (Field.TILBUD, Field.AFDELING):
        return None
    return filled[0] if mentions_kommune(filled[0][1]) else None


class GroupCarry:
    def __init__(self) -> None:
        self.values: dict[Field, str] = {}  # the current tilbud's and afdeling's
        self.level: dict[Field, int] = {}
        self.section: dict[Field, str] = {}
        self.origin: dict[Slot, int] = {}  # a carried value → the row of the heading that gave it
        self.pending: dict[int, set[Slot]] = {}  # a heading no row has used yet → its slots
        self._unused: list[int] = []  # headings whose slots went without any row using them
        # A heading that is only a kommune's bare name ("ODENSE"): a tilbud heading if rows use
        # it, else (the next row names its own tilbud) the kommune of the rows below.
        self._bare_kommune: dict[int, str] = {}

    def _release(self, slot: Slot) -> None:
        """The value in ``slot`` is dropped or replaced: its heading, if unused, loses it."""
        row = self.origin.pop(slot, None)
        if row is not None and (slots := self.pending.get(row)) is not None:
            slots.discard(slot)
            if not slots:
                del self.pending[row]
                if (kommune := self._bare_kommune.pop(row, None)) is not None:
                    self.section[Field.KOMMUNE] = kommune  # read as a kommune heading after all
                    self._give((Field.KOMMUNE, True), None)
                else:
                    self._unused.append(row)

    def _give(self, slot: Slot, heading: int | None) -> None:
        self._release(slot)
        if heading is not None:
            self.origin[slot] = heading
            if (slots := self.pending.get(heading)) is not None:
                slots.add(slot)

    def _drop(self, level: int) -> None:
        for f in [f for f, lv in self.level.items() if lv >= level]:
            del self.level[f]
            self.values.pop(f, None)
            self._release((f, False))

    def _tilbud(self, name: str, *, heading: int | None) -> None:
        if heading is not None or name != self.values.get(Field.TILBUD):
            self._drop(TILBUD)
            self.values[Field.TILBUD] = name
            self._give((Field.TILBUD, False), heading)

    def _afdeling(self, name: str, *, heading: int | None) -> None:
        if heading is not None or name != self.values.get(Field.AFDELING):
            self._drop(AFDELING)
            self._give((Field.AFDELING, False), heading)
        self.values[Field.AFDELING] = name
        self.level[Field.AFDELING] = TILBUD

    def heading(self, row: int, texts: dict[Field, str | None]) -> None:
        """A row with no amount: its names and descriptive values carry down. It stays pending
        until a row below uses one of them (a row giving nothing to carry is never pending)."""
        self.pending[row] = set()
        tilbud, afdeling = texts[Field.TILBUD], texts[Field.AFDELING]
        if [t for t in texts.values() if t is not None] == [tilbud] and tilbud is not None:
            if kommune_of_text(tilbud, _kommuner()) is not None:
                self._bare_kommune[row] = tilbud
        if tilbud is not None:
            self._tilbud(tilbud, heading=row)
        if afdeling is not None:
            self._afdeling(afdeling, heading=row)
        level = AFDELING if afdeling is not None else TILBUD if tilbud is not None else SECTION
        for f in HEADING_VALUES:
            if (t := texts[f]) is not None:
                if level == SECTION:
                    self.section[f] = t
                    self.values.pop(f, None)
                    self.level.pop(f, None)
                    self._release((f, False))
                    self._give((f, True), row)
                else:
                    self.values[f], self.level[f] = t, level
                    self._give((f, False), row)
        if not self.pending[row]:
            del self.pending[row]

    def kommune_section(self, row: int, kommune: str) -> None:
        """A kommune heading in a name column (``kommune_heading``) starts a section: the tilbud
        above ends, and the kommune (none for a region heading: "") holds for every row below
        until the next such heading. It is a heading by its text: never reported as unused."""
        self._drop(TILBUD)
        for f in (Field.TILBUD, Field.AFDELING):
            self.values.pop(f, None)
            self._release((f, False))
        self.section.pop(Field.KOMMUNE, None)
        self._release((Field.KOMMUNE, True))
        if kommune:
            self.heading(row, dict.fromkeys(Field) | {Field.KOMMUNE: kommune})
            self.forget(row)

    def unknown_section(self, row: int) -> None:
        """A kommune heading naming no known kommune (``unknown_kommune_heading``), refused: its
        section's kommune is unknown, so a row below taking it is refused naming ``row``."""
        self.kommune_section(row, f"{UNKNOWN}{row}")

    def names_above(self, said: str) -> bool:
        """Whether folded words ``said`` name a kommune, or the tilbud or kommune carried here
        ("I alt Vejle Kommune", "Total Bryggen": a totals row)."""
        carried = (
            self.values.get(Field.TILBUD),
            self.values.get(Field.KOMMUNE),
            self.section.get(Field.KOMMUNE),
        )
        if any(t is not None and folded_text(t) == said for t in carried):
            return True
        return kommune_of_text(said, _kommuner()) is not None

    def forget(self, row: int) -> None:
        """The heading in ``row`` is refused already: it is never reported as unused."""
        self.pending.pop(row, None)

    def used(self, row: int) -> None:
        """A row took a value from the heading in ``row``."""
        self.pending.pop(row, None)

    def _sources(self, texts: dict[Field, str | None], *, paragraf: bool) -> set[int]:
        """The headings a row with these (own) texts takes a value from; nothing changes."""
        tilbud, afdeling = texts[Field.TILBUD], texts[Field.AFDELING]
        new_tilbud = tilbud is not None and tilbud != self.values.get(Field.TILBUD)
        new_afdeling = afdeling is not None and afdeling != self.values.get(Field.AFDELING)
        slots: list[Slot] = []
        if tilbud is None:
            slots.append((Field.TILBUD, False))
            if afdeling is None:
                slots.append((Field.AFDELING, False))
        for f in (*DESCRIPTIVE, Field.PARAGRAF) if paragraf else DESCRIPTIVE:
            if texts[f] is not None:
                continue
            lv = self.level.get(f)
            kept = lv is not None and not (new_tilbud or (new_afdeling and lv >= AFDELING))
            slots.append((f, not kept))
        return {row for slot in slots if (row := self.origin.get(slot)) is not None}

    def note(self, texts: dict[Field, str | None]) -> None:
        """A row refused before it is read: the headings it would take values from are used."""
        for row in self._sources(texts, paragraf=True):
            self.used(row)

    def fill(self, texts: dict[Field, str | None]) -> None:
        """A data row: its own names are remembered, its blank ones filled from above."""
        for row in self._sources(texts, paragraf=False):
            self.used(row)
        tilbud, afdeling = texts[Field.TILBUD], texts[Field.AFDELING]
        if tilbud is not None:
            self._tilbud(tilbud, heading=None)
        else:
            texts[Field.TILBUD] = self.values.get(Field.TILBUD)
        if afdeling is not None:
            self._afdeling(afdeling, heading=None)
        elif tilbud is None:  # a row naming its tilbud but no afdeling is the tilbud's own
            texts[Field.AFDELING] = self.values.get(Field.AFDELING)
        for f in DESCRIPTIVE:
            if (t := texts[f]) is not None:
                if t != self.values.get(f):
                    self._give((f, False), None)
                self.values[f], self.level[f] = t, TILBUD
            else:
                texts[f] = self.values.get(f, self.section.get(f))

    def refused(self, row: int, texts: dict[Field, str | None], unknown: set[Field], *, data: bool) -> None:
        """A row refused before it was read still names what the rows below carry: as a data row
        (``data``) or a heading. A value its unreadable cells would give (``unknown``) is carried
        as unknown, so a row taking it is refused naming this row (``unknown_taken``), never filed
        under an older row's names."""
        texts = dict(texts) | {f: f"{UNKNOWN}{row}" for f in unknown}
        self.note(texts)
        if data:
            self.fill(texts)
        elif any(texts[f] for f in CARRIED_NOUNS):
            self.heading(row, texts)
            self.forget(row)  # refused already: never reported as an unused heading

    def unknown_taken(self, texts: dict[Field, str | None]) -> tuple[Field, int] | None:
        """The first value a filled row takes from a refused row's unreadable cell, and that row."""
        taken = [(f, t) for f, t in texts.items() if t is not None and t.startswith(UNKNOWN)]
        if (paragraf := self.paragraf()) is not None and paragraf[0].startswith(UNKNOWN):
            taken.append((Field.PARAGRAF, paragraf[0]))
        return (taken[0][0], int(taken[0][1].removeprefix(UNKNOWN))) if taken else None

    def paragraf(self) -> tuple[str, int] | None:
        """The paragraf text a heading above gives this row, and that heading's row."""
        if (text := self.values.get(Field.PARAGRAF)) is not None:
            return text, self.origin[Field.PARAGRAF, False]
        if (text := self.section.get(Field.PARAGRAF)) is not None:
            return text, self.origin[Field.PARAGRAF, True]
        return None

    def unused(self, *, end: bool = False) -> list[int]:
        """The headings found unused since the last call, in row order; ``end``: the sheet has
        ended, so every heading still pending is unused too."""
        if end:
            self._unused.extend(self.pending)
            self.pending.clear()
        found, self._unused = sorted(self._unused), []
        return found


class LateHeadings:
    """The headings ``GroupCarry.unused`` finds, refused as data rows whose amount is missing,
    or notes: a heading of one text cell below the sheet's last data row ("Opdateret 15-11-2024",
    "Spørgsmål rettes til …") is a note under the table. Whether a data row follows is known
    only later, so such a heading is held until one does (refused) or the sheet ends (a note)."""

    def __init__(self, carry: GroupCarry) -> None:
        self.carry = carry
        self.one_cell: set[int] = set()  # heading rows with one cell filled
        self._held: list[int] = []
        self._last_data = 0

    def found(self, *, data_row: int | None, end: bool) -> tuple[list[int], list[int]]:
        """The unused headings found since the last call: (refused, notes), each in row order.
        ``data_row``: the data row just read, if any; ``end``: the sheet has ended."""
        refused: list[int] = []
        for r in self.carry.unused(end=end):
            (self._held if r in self.one_cell and r > self._last_data else refused).append(r)
            self.one_cell.discard(r)
        notes: list[int] = []
        if data_row is not None:
            refused += self._held
            self._held, self._last_data = [], data_row
        elif end:
            notes, self._held = self._held, []
        return sorted(refused), sorted(notes)
