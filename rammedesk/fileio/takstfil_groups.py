"""The names a takstfil row leaves blank, carried down from the rows above (rule 3 of takstfil_rows).

Carried values belong to a level: a section (a heading naming no tilbud or afdeling, e.g. a
region's file grouped by kommune or paragraf), a tilbud, or an afdeling. A row naming another
tilbud drops everything carried for the tilbud before it (afdeling, kommune, driftsherre,
paragraf) and keeps the section's; a row naming another afdeling drops what its afdeling
heading gave. A paragraf is carried from headings only (a data row's paragraf is its own).
"""

from __future__ import annotations

from rammedesk.domain.takstfil import Field

SECTION, TILBUD, AFDELING = 0, 1, 2
# Descriptive values a heading gives its rows; a data row's kommune and driftsherre hold for its
# tilbud's later rows too.
DESCRIPTIVE = (Field.DRIFTSHERRE, Field.KOMMUNE)
HEADING_VALUES = (*DESCRIPTIVE, Field.PARAGRAF)


class GroupCarry:
    def __init__(self) -> None:
        self.values: dict[Field, str] = {}  # the current tilbud's and afdeling's
        self.level: dict[Field, int] = {}
        self.section: dict[Field, str] = {}
        self.rows: dict[tuple[Field, bool], int] = {}  # (field, section?) → the heading's row

    def _drop(self, level: int) -> None:
        for f in [f for f, lv in self.level.items() if lv >= level]:
            del self.level[f]
            self.values.pop(f, None)

    def _tilbud(self, name: str, *, heading: bool) -> None:
        if heading or name != self.values.get(Field.TILBUD):
            self._drop(TILBUD)
            self.values[Field.TILBUD] = name

    def _afdeling(self, name: str, *, heading: bool) -> None:
        if heading or name != self.values.get(Field.AFDELING):
            self._drop(AFDELING)
        self.values[Field.AFDELING] = name
        self.level[Field.AFDELING] = TILBUD

    def heading(self, row: int, texts: dict[Field, str | None]) -> None:
        """A row with no amount: its names and descriptive values carry down."""
        tilbud, afdeling = texts[Field.TILBUD], texts[Field.AFDELING]
        if tilbud is not None:
            self._tilbud(tilbud, heading=True)
        if afdeling is not None:
            self._afdeling(afdeling, heading=True)
        level = AFDELING if afdeling is not None else TILBUD if tilbud is not None else SECTION
        for f in HEADING_VALUES:
            if (t := texts[f]) is not None:
                self.rows[f, level == SECTION] = row
                if level == SECTION:
                    self.section[f] = t
                    self.values.pop(f, None)
                    self.level.pop(f, None)
                else:
                    self.values[f], self.level[f] = t, level

    def fill(self, texts: dict[Field, str | None]) -> None:
        """A data row: its own names are remembered, its blank ones filled from above."""
        tilbud, afdeling = texts[Field.TILBUD], texts[Field.AFDELING]
        if tilbud is not None:
            self._tilbud(tilbud, heading=False)
        else:
            texts[Field.TILBUD] = self.values.get(Field.TILBUD)
        if afdeling is not None:
            self._afdeling(afdeling, heading=False)
        elif tilbud is None:  # a row naming its tilbud but no afdeling is the tilbud's own
            texts[Field.AFDELING] = self.values.get(Field.AFDELING)
        for f in DESCRIPTIVE:
            if (t := texts[f]) is not None:
                self.values[f], self.level[f] = t, TILBUD
            else:
                texts[f] = self.values.get(f, self.section.get(f))

    def paragraf(self) -> tuple[str, int] | None:
        """The paragraf text a heading above gives this row, and that heading's row."""
        if (text := self.values.get(Field.PARAGRAF)) is not None:
            return text, self.rows[Field.PARAGRAF, False]
        if (text := self.section.get(Field.PARAGRAF)) is not None:
            return text, self.rows[Field.PARAGRAF, True]
        return None
