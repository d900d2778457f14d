"""The import wizard's screen state and jobs, without Qt, on the generated takstfil corpus."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from rammedesk.domain.takstfil import ColumnMapping, Field, TakstRow
from rammedesk.errors import Cancelled, UserError
from rammedesk.presenters.import_choices import SKIP_LABEL, group_ambiguous
from rammedesk.presenters.import_inputs import default_source, parse_column_year, parse_kommune, parse_level
from rammedesk.presenters.import_jobs import import_job, open_file_job, preview_job, undo_job, undo_text
from rammedesk.presenters.import_wizard import (
    AMBIGUOUS_HINT,
    FIELD_CHOICES,
    FIELD_LABELS,
    ImportWizardPresenter,
    format_pct,
)
from rammedesk.services.import_report import Ambiguous, ImportReport
from rammedesk.storage.store import Store
from tests.catalogue_builder import open_test_store
from tests.unit.takstfil_corpus import corpus  # noqa: F401  (session fixture)


class Ctx:
    def __init__(self, cancel: bool = False) -> None:
        self.cancel = cancel
        self.seen: list[tuple[int, int, str]] = []

    def progress(self, done: int, total: int, text: str = "") -> None:
        self.seen.append((done, total, text))

    def cancelled(self) -> bool:
        return self.cancel


@pytest.fixture
def store(empty_db: Path) -> Iterator[Store]:
    s = open_test_store(empty_db)
    yield s
    s.close()


def takster(db: Path) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT * FROM takst ORDER BY id").fetchall()


def loaded(store: Store, path: Path, kommune: int | None = 751) -> ImportWizardPresenter:
    p = ImportWizardPresenter()
    source = p.choose_path(path)
    p.set_file(open_file_job(store, path, source)(Ctx()))
    p.kommune = kommune
    return p


def dry_run(p: ImportWizardPresenter, store: Store, ctx: Ctx | None = None) -> None:
    assert p.path is not None and p.mapping is not None
    job = import_job(
        store,
        p.path,
        p.mapping,
        year=p.year,
        source=p.source,
        kommune=p.kommune,
        allow_demo=False,
        dry_run=True,
        resolved=p.dry_run_resolved(),
    )
    p.set_report(*job(ctx or Ctx()))


def test_default_source_drops_the_year() -> None:
    assert default_source(Path("Takster Midt 2024.xlsx")) == "Takster Midt"
    assert default_source(Path("takster_2025-v2.csv")) == "takster v2"
    assert default_source(Path("2024.xlsx")) == "2024"


def test_kommune_and_percent_formats() -> None:
    assert parse_kommune(" 751 ") == 751 and parse_kommune("") is None
    with pytest.raises(UserError, match="kommunekode"):
        parse_kommune("Aarhus")
    assert format_pct(Decimal("3.456")) == "+3,5 %"
    assert format_pct(Decimal("-12.00")) == "-12,0 %"
    assert format_pct(None) == ""


def test_every_field_has_a_danish_label() -> None:
    assert set(FIELD_CHOICES) == set(Field) and FIELD_LABELS[Field.IGNORE].startswith("—")


def test_file_proposes_mapping_and_preview_shows_danish_amounts(corpus: Path, store: Store) -> None:  # noqa: F811
    p = loaded(store, corpus / "years_side_by_side.xlsx")
    assert p.source == "years side by side" and p.sheets == ("Takster",) and not p.remembered
    rows = p.column_rows()
    assert [r.letter for r in rows] == list("ABCDEF")
    assert [(r.header, r.year) for r in rows if r.is_amount] == [
        ("Takst 2022", 2022),
        ("Takst 2023", 2023),
        ("Takst 2024", 2024),
    ]
    assert p.path is not None and p.mapping is not None
    p.set_preview(preview_job(p.path, p.mapping, None)(Ctx()))
    table = p.preview_table()
    assert table[0][:3] == ("5", "Koglen", "Afd. Syd") and table[0][5:10] == (
        "SEL § 107",
        "2022",
        "Samlet takst",
        "2.396,00 kr.",
        "døgn",
    )
    assert any(r[8] == "Individuel pris" for r in table)
    # Every paragraf of a cell, as the reference list writes it.
    assert {r[5] for r in table} == {
        "SEL § 107",
        "SEL § 108",
        "Barnets lov § 43, stk. 3",
        "SEL § 107, SEL § 108",
    }


def test_picks_the_first_sheet_with_a_header(corpus: Path, store: Store) -> None:  # noqa: F811
    p = loaded(store, corpus / "two_row_header.xlsx")
    assert p.sheets == ("Noter", "Takster") and p.sheet == "Takster"
    assert {r.field for r in p.column_rows() if r.is_amount} == {Field.BASISTAKST, Field.YDELSESTAKST}


def test_editing_the_mapping(corpus: Path, store: Store) -> None:  # noqa: F811
    p = loaded(store, corpus / "years_side_by_side.xlsx")
    p.set_field("D", Field.IGNORE)
    assert p.mapping is not None and "D" not in p.mapping.years
    p.set_field("C", Field.BELOEB)
    p.set_year("C", 2030)
    assert p.mapping.years["C"] == 2030
    p.set_year("C", None)
    assert "C" not in p.mapping.years
    text = p.mapping_text()
    fresh = loaded(store, corpus / "years_side_by_side.xlsx")
    fresh.load_mapping_text(text, "m.json")
    assert fresh.mapping is not None and fresh.mapping.columns["D"] is Field.IGNORE
    with pytest.raises(UserError):
        fresh.load_mapping_text("{not json", "m.json")
    with pytest.raises(UserError, match="ikke findes"):
        fresh.load_mapping_text(json.dumps({**json.loads(text), "sheet": "Andet"}), "m.json")


def test_dry_run_changes_nothing_then_apply_and_remember(corpus: Path, store: Store, empty_db: Path) -> None:  # noqa: F811
    p = loaded(store, corpus / "years_side_by_side.xlsx")
    before = takster(empty_db)
    dry_run(p, store)
    assert takster(empty_db) == before
    assert p.can_apply() and p.apply_label() == f"&Importér {p.report.imported} takster"
    counts = dict(p.counts())
    assert counts["Nye takster"] == str(p.report.new_takster) and counts["Ændrede takster"] == "0"
    assert "Prøvekørsel" in p.summary_text()
    assert p.path is not None and p.mapping is not None
    job = import_job(
        store,
        p.path,
        p.mapping,
        year=None,
        source=p.source,
        kommune=751,
        allow_demo=False,
        dry_run=False,
        parsed=p.parsed,
    )
    p.set_report(*job(Ctx()))
    assert p.applied.batch_id is not None and f"(import nr. {p.applied.batch_id})" in p.result_text()
    assert "batch" not in p.result_text()  # English jargon
    # The undo is the import's, not the remembered mapping's.
    assert "\n\nImporten kan fortrydes med Filer → Fortryd seneste import…" in p.result_text()
    assert len(takster(empty_db)) > len(before)
    again = loaded(store, corpus / "years_side_by_side.xlsx")
    assert again.remembered and "som sidst" in again.mapping_note
    assert [r.header for r in again.column_rows()][0] == "Tilbud"  # header text from the file
    undone = undo_job(store)(Ctx())
    assert "fortrudt" in undo_text(undone) and takster(empty_db) == before


def test_diff_rows_sort_numbers_as_numbers(corpus: Path, store: Store) -> None:  # noqa: F811
    p = loaded(store, corpus / "years_side_by_side.xlsx")
    dry_run(p, store)
    assert p.path is not None and p.mapping is not None
    import_job(
        store,
        p.path,
        p.mapping,
        year=None,
        source="x",
        kommune=751,
        allow_demo=False,
        dry_run=False,
        parsed=p.parsed,
    )(Ctx())
    p.set_field("E", Field.IGNORE)
    p.set_field("F", Field.IGNORE)
    p.set_field("D", Field.BELOEB)
    p.set_year("D", 2023)  # the 2022 amounts as 2023: every 2023 takst changes
    dry_run(p, store)
    diff = p.diff_rows()
    assert diff and all(r.cells[4] == "2023" for r in diff)
    koglen = next(r for r in diff if r.cells[1] == "Koglen" and r.cells[2] == "Afd. Syd")
    assert koglen.cells[6:] == ("Gemt takst samme år", "2.831,00 kr.", "2.396,00 kr.", "-15,4 %")
    assert koglen.keys[9] == Decimal("-15.37")


def test_rejected_rows_count_rows_not_errors(corpus: Path, store: Store) -> None:  # noqa: F811
    p = loaded(store, corpus / "bad_values.xlsx", kommune=751)
    dry_run(p, store)
    assert p.report.rejected
    assert p.rejected_row_count() == len({e.row for e in p.report.rejected})
    assert all(len(r) == 3 and r[2] for r in p.rejected_rows())
    assert "springes over" in p.apply_hint()


def test_cancel_stops_the_dry_run(corpus: Path, store: Store) -> None:  # noqa: F811
    p = loaded(store, corpus / "years_side_by_side.xlsx")
    with pytest.raises(Cancelled):
        dry_run(p, store, Ctx(cancel=True))
    assert p.report is None and not p.can_apply()


def test_demo_database_needs_consent(corpus: Path, demo_db: Path) -> None:  # noqa: F811
    demo = open_test_store(demo_db)
    try:
        p = loaded(demo, corpus / "years_side_by_side.xlsx")
        with pytest.raises(UserError, match="demodata"):
            dry_run(p, demo)
    finally:
        demo.close()


def test_column_year_and_level_as_typed() -> None:
    assert parse_column_year(" 2025 ") == 2025 and parse_column_year("") is None
    for bad in ("20", "år", "1899", "2201", "2025.0"):
        with pytest.raises(UserError, match="årstal"):
            parse_column_year(bad)
    assert parse_level("  Særlig   indsats ") == "Særlig indsats"
    assert parse_level("2") == "Niveau 2" and parse_level(" 02 ") == "Niveau 2"
    assert parse_level("   ") is None and parse_level("Niveau 3") == "Niveau 3"
    with pytest.raises(UserError, match="40 tegn"):
        parse_level("x" * 41)


def preview_of(p: ImportWizardPresenter) -> dict[str, set[tuple[str, str]]]:
    """Column letter → {(niveau, year)} of the preview's takster."""
    assert p.path is not None and p.mapping is not None
    items = preview_job(p.path, p.mapping, p.year)(Ctx())
    p.set_preview(items)
    out: dict[str, set[tuple[str, str]]] = {}
    for item in items:
        assert isinstance(item, TakstRow), item
        out.setdefault(item.column, set()).add((item.niveau or "", str(item.aar)))
    return out


def test_editing_an_amount_columns_level_and_year(corpus: Path, store: Store) -> None:  # noqa: F811
    p = loaded(store, corpus / "levels_side_by_side.xlsx")
    rows = {r.letter: r for r in p.column_rows()}
    assert [(rows[c].level_text, rows[c].year_text) for c in "CDE"] == [
        ("Niveau 1", ""),
        ("Niveau 2", ""),
        ("Niveau 3", ""),
    ]
    assert rows["A"].level is None and not rows["A"].is_amount
    assert preview_of(p)["E"] == {("Niveau 3", "2020")}
    assert p.set_level_text("E", " Særlig  indsats") is None
    assert p.set_year_text("E", "2021") is None
    assert p.set_level_text("D", "") is None  # the row's niveau (the file has no niveau column)
    assert p.set_level_text("C", "4") is None
    assert p.mapping is not None
    assert p.mapping.levels == {"C": "Niveau 4", "E": "Særlig indsats"} and p.mapping.years == {"E": 2021}
    assert not p.remembered and p.report is None
    seen = preview_of(p)
    assert seen == {"C": {("Niveau 4", "2020")}, "D": {("", "2020")}, "E": {("Særlig indsats", "2021")}}
    assert [r[4] for r in p.preview_table()] == ["Niveau 4", "", "Særlig indsats"] * 2
    # A refused value names the column and leaves the mapping as it was.
    message = p.set_year_text("E", "20")
    assert message is not None and message.startswith("Kolonne E:") and p.mapping.years == {"E": 2021}
    assert p.set_level_text("E", "x" * 41) is not None and p.mapping.levels["E"] == "Særlig indsats"
    with pytest.raises(ValueError, match="amount"):
        p.set_level("A", "Niveau 1")
    # Saved in the mapping file and read back; a column that is no amount loses its level.
    saved = json.loads(p.mapping_text())
    assert saved["levels"] == {"C": "Niveau 4", "E": "Særlig indsats"} and saved["years"] == {"E": 2021}
    fresh = loaded(store, corpus / "levels_side_by_side.xlsx")
    fresh.load_mapping_text(p.mapping_text(), "m.json")
    assert {r.letter: r.level for r in fresh.column_rows() if r.is_amount} == {
        "C": "Niveau 4",
        "D": None,
        "E": "Særlig indsats",
    }
    fresh.set_field("E", Field.IGNORE)
    assert fresh.mapping is not None and "E" not in fresh.mapping.levels and "E" not in fresh.mapping.years


def test_an_edited_level_is_remembered_for_the_sender(corpus: Path, store: Store) -> None:  # noqa: F811
    p = loaded(store, corpus / "levels_side_by_side.xlsx")
    assert p.set_level_text("E", "Særlig indsats") is None
    dry_run(p, store)
    assert p.path is not None and p.mapping is not None
    job = import_job(
        store,
        p.path,
        p.mapping,
        year=None,
        source=p.source,
        kommune=751,
        allow_demo=False,
        dry_run=False,
        parsed=p.parsed,
    )
    p.set_report(*job(Ctx()))
    again = loaded(store, corpus / "levels_side_by_side.xlsx")
    assert again.remembered and again.mapping is not None
    assert again.mapping.levels == {"C": "Niveau 1", "D": "Niveau 2", "E": "Særlig indsats"}
    assert preview_of(again)["E"] == {("Særlig indsats", "2020")}


def apply(p: ImportWizardPresenter, store: Store) -> None:
    dry_run(p, store)
    assert p.path is not None and p.mapping is not None
    job = import_job(
        store,
        p.path,
        p.mapping,
        year=p.year,
        source=p.source,
        kommune=p.kommune,
        allow_demo=False,
        dry_run=False,
        parsed=p.parsed,
        resolved=p.report_resolved,
    )
    p.set_report(*job(Ctx()))


def test_report_texts_name_takster_and_rows_and_say_what_to_do(corpus: Path, store: Store) -> None:  # noqa: F811
    path = corpus / "years_side_by_side.xlsx"
    first = loaded(store, path, kommune=751)
    dry_run(first, store)
    assert first.summary_text().endswith(
        "12 nye, 0 ændrede og 0 uændrede takster; 0 afviste rækker. 2 nye tilbud får "
        "beliggenhedskommunen som driftsherre, fordi filen ikke nævner driftsherren."
    )
    assert first.first_tab() == 0 and first.apply_hint() == "Alle rækker kan importeres."
    apply(first, store)
    assert "Filer → Fortryd seneste import…" in first.result_text()
    apply(loaded(store, path, kommune=461), store)  # the same names again, in Odense
    p = loaded(store, path, kommune=None)  # neither file nor user names a kommune
    dry_run(p, store)
    assert p.report.ambiguous and not p.report.changes and not p.report.rejected
    assert p.first_tab() == 2
    assert p.summary_text().endswith(f"0 afviste rækker og {len(p.report.ambiguous)} tvetydige rækker.")
    hint = p.apply_hint()
    assert hint.startswith("Der er intet at importere.") and "»Tvetydige rækker«" in hint
    assert "fejlrapport" not in hint and "kommunekoden på trin 1" in AMBIGUOUS_HINT
    bad = loaded(store, corpus / "bad_values.xlsx")
    dry_run(bad, store)
    assert bad.first_tab() == 1 and "fejlrapporten" in bad.apply_hint()


# -- choices for ambiguous rows ---------------------------------------------------------------


def amb(row: int, tilbud: str, *candidates: int) -> Ambiguous:
    labels = tuple(f"Solsikken, {('Aarhus', 'Odense', 'Vejle')[c % 3]} (tilbud {c})" for c in candidates)
    return Ambiguous("Takster", row, tilbud, candidates, labels)


def test_ambiguous_rows_are_grouped_by_folded_name() -> None:
    items = [amb(9, "SOLSIKKEN", 12, 13), amb(5, "Solsikken", 12, 13), amb(7, "Åhuset", 3, 4)]
    items.append(amb(11, "Aahuset", 4, 5))  # å/aa fold together; the candidates of all rows
    solsikken, aahuset = group_ambiguous(items)
    assert (solsikken.name, solsikken.rows, solsikken.candidates) == ("Solsikken", (5, 9), (12, 13))
    assert solsikken.rows_text == "2 rækker: 5, 9"
    assert solsikken.options() == [
        (SKIP_LABEL, None),
        ("Solsikken, Aarhus (tilbud 12)", 12),
        ("Solsikken, Odense (tilbud 13)", 13),
    ]
    assert solsikken.option_index == 0 and "Vælg det" in solsikken.tooltip
    assert (aahuset.key, aahuset.rows, aahuset.candidates) == ("aahuset", (7, 11), (3, 4, 5))
    many = group_ambiguous([amb(r, "Koglen", 1, 2) for r in range(20, 5, -1)])[0]
    assert many.rows_text == "15 rækker: 6, 7, 8, 9, 10, 11, 12, 13 … (+7)"
    chosen = replace(many, chosen=2)
    assert chosen.option_index == 2 and "Spring over" in chosen.tooltip


def FakeReport(*ambiguous: Ambiguous) -> ImportReport:  # noqa: N802  (reads like the class)
    """A dry run's report with these ambiguous rows and one takst to import."""
    mapping = ColumnMapping("Takster", 1, {"A": Field.TILBUD})
    return ImportReport("f.xlsx", "Takster", 3, 1, 1, 0, 0, 0, (), ambiguous, mapping, None, True)


PARSED: Any = None  # the parsed file is not looked at


def with_report(*ambiguous: Ambiguous) -> ImportWizardPresenter:
    p = ImportWizardPresenter()
    p.report = FakeReport(*ambiguous)
    return p


def test_choices_become_resolved_once_their_dry_run_is_back() -> None:
    p = with_report(amb(5, "Solsikken", 12, 13), amb(6, "Solsikken", 12, 13), amb(8, "Koglen", 1, 2))
    assert [g.key for g in p.ambiguous_groups()] == ["solsikken", "koglen"] and p.can_apply()
    assert p.choose("solsikken", 13)  # the dry run must run again …
    assert p.dry_run_resolved() == {"Solsikken": 13} and p.report_resolved == {}
    assert not p.can_apply() and p.apply_hint().startswith("Prøvekører igen")  # … before an apply
    assert not p.choose("solsikken", 13)  # nothing new
    with pytest.raises(ValueError, match="no candidate"):
        p.choose("koglen", 12)
    p.set_report(PARSED, FakeReport(amb(8, "Koglen", 1, 2)))
    assert p.pending is None and p.report_resolved == {"Solsikken": 13} and p.can_apply()
    assert [g.key for g in p.ambiguous_groups()] == ["koglen"]
    (decided,) = p.chosen_groups()
    assert (decided.name, decided.rows, decided.chosen) == ("Solsikken", (5, 6), 13)
    assert p.chosen_row_count() == 2 and dict(p.counts())["Rækker med dit valg af tilbud"] == "2"
    assert p.choose("koglen", 2) and p.dry_run_resolved() == {"Solsikken": 13, "Koglen": 2}
    assert not p.choose("koglen", None) and p.pending is None  # back to what the report shows
    assert p.choose("solsikken", None) and p.dry_run_resolved() == {}  # undo a decided name
    p.drop_pending()  # its dry run was cancelled: the report's choices stand
    assert p.dry_run_resolved() == {"Solsikken": 13} and p.can_apply()


def test_a_choice_that_did_not_take_is_open_again() -> None:
    p = with_report(amb(5, "Solsikken", 12, 13, 14))
    assert p.choose("solsikken", 12)
    p.set_report(PARSED, FakeReport(amb(5, "Solsikken", 13, 14)))  # other kommune
    assert p.choices == {} and [g.candidates for g in p.ambiguous_groups()] == [(13, 14)]
    assert p.report_resolved == {"Solsikken": 12}  # what that report was made with


def test_choices_are_kept_for_the_same_file_and_mapping_only(corpus: Path, store: Store) -> None:  # noqa: F811
    path = corpus / "years_side_by_side.xlsx"
    p = loaded(store, path)
    info = open_file_job(store, path, p.source)(Ctx())
    p.report = FakeReport(amb(5, "Koglen", 1, 2))
    assert p.choose("koglen", 2)
    p.set_report(PARSED, FakeReport())
    p.set_file(info)  # the same file and mapping again (the sender retyped, say)
    assert p.dry_run_resolved() == {"Koglen": 2}
    p.set_year("D", 2030)  # the mapping changes: the choices go
    assert p.dry_run_resolved() == {} and p.choices == {} and p.report_resolved == {}
    p.report = FakeReport(amb(5, "Koglen", 1, 2))
    assert p.choose("koglen", 2)
    p.set_report(PARSED, FakeReport())
    p.set_field("B", Field.IGNORE)
    assert p.dry_run_resolved() == {}
    p.report = FakeReport(amb(5, "Koglen", 1, 2))
    p.choose("koglen", 1)
    p.set_file(open_file_job(store, corpus / "levels_side_by_side.xlsx", "x")(Ctx()))  # another file
    assert p.dry_run_resolved() == {} and p.pending is None


def test_a_chosen_tilbud_is_matched_in_the_dry_run_and_applied(corpus: Path, store: Store) -> None:  # noqa: F811
    path = corpus / "years_side_by_side.xlsx"
    apply(loaded(store, path, kommune=751), store)
    apply(loaded(store, path, kommune=461), store)  # the same names again, in Odense
    p = loaded(store, path, kommune=None)
    dry_run(p, store)
    groups = p.ambiguous_groups()
    koglen = next(g for g in groups if g.name == "Koglen")
    assert len(koglen.candidates) == 2 and all("(tilbud " in label for label in koglen.labels)
    odense = next(c for c, label in zip(koglen.candidates, koglen.labels, strict=True) if "Odense" in label)
    before = len(p.report.ambiguous)
    assert p.choose(koglen.key, odense)
    dry_run(p, store)
    assert "koglen" not in {g.key for g in p.ambiguous_groups()}
    assert len(p.report.ambiguous) == before - len(koglen.rows)
    assert p.report.unchanged > 0 and p.chosen_groups()[0].chosen == odense  # Odense's takster
    assert p.report_resolved == {"Koglen": odense}


def test_a_sheet_too_large_is_listed_but_the_first_sheet_that_opens_is_chosen(
    corpus: Path,  # noqa: F811
    store: Store,
) -> None:
    path = corpus / "far_notes_sheet.xlsx"
    info = open_file_job(store, path, "x")(Ctx())
    assert (info.sheets, info.sheet) == (("Noter", "Takster"), "Takster")
    with pytest.raises(UserError, match="Arket »Noter« går ned til række 1.048.576"):
        open_file_job(store, path, "x", sheet="Noter")(Ctx())


def test_hidden_sheets_are_marked_in_the_picker_and_never_the_first_choice(
    tmp_path: Path,
    store: Store,
) -> None:
    from tests.data.hidden_sheets import hidden_first_sheet_xlsx

    path = hidden_first_sheet_xlsx(tmp_path / "takster.xlsx")
    info = open_file_job(store, path, "x")(Ctx())
    assert (info.sheets, info.sheet, info.hidden) == (
        ("Takster 2024", "Takster 2025", "Opslag"),
        "Takster 2025",
        frozenset({"Takster 2024", "Opslag"}),
    )
    p = ImportWizardPresenter()
    p.set_file(info)
    assert p.sheet_choices == [
        ("Takster 2024 (skjult)", "Takster 2024"),
        ("Takster 2025", "Takster 2025"),
        ("Opslag (skjult)", "Opslag"),  # very hidden: the same
    ]
    chosen = open_file_job(store, path, "x", sheet="Takster 2024")(Ctx())
    assert (chosen.sheet, chosen.mapping.years) == ("Takster 2024", {"D": 2024})


def test_a_cpr_like_sheet_name_is_masked_in_the_picker() -> None:
    p = ImportWizardPresenter()
    p.sheets = ("Takster", "Sag 150287-4411")
    p.hidden_sheets = frozenset({"Sag 150287-4411"})
    choices = p.sheet_choices
    assert choices == [("Takster", "Takster"), ("Sag … (skjult)", "Sag 150287-4411")]
