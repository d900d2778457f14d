"""Import limits as settings: typed Danish values, bounds, stored values read back safely."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rammedesk.domain.limits import (
    LIMIT_SETTINGS,
    LimitSetting,
    LimitValueError,
    find_setting,
    format_limit,
    limits_from,
    parse_limit,
)
from rammedesk.domain.takstfil import ImportLimits
from rammedesk.presenters.settings import SettingsPresenter


@pytest.mark.parametrize(
    ("key", "text", "value"),
    [
        ("max_rows", "300000", 300_000),
        ("max_rows", "300.000", 300_000),
        ("max_rows", " 300 000 ", 300_000),
        ("max_file_bytes", "80 MB", 80_000_000),
        ("max_file_bytes", "80mb", 80_000_000),
        ("max_file_bytes", "1,5 GB", 0),  # above the 1 GB bound: refused below
        ("max_file_bytes", "2,5 MB", 2_500_000),
        ("max_file_bytes", "2500 kB", 2_500_000),
        ("max_cell_chars", "32.767", 32_767),
        ("max_cell_chars", "5.000 tegn", 5_000),
        ("max_file_bytes", "2.000.000 bytes", 2_000_000),
    ],
)
def test_values_are_read_as_a_danish_user_types_them(key: str, text: str, value: int) -> None:
    setting = find_setting(key)
    if value == 0:
        with pytest.raises(LimitValueError, match="mellem 1 MB og 1 GB"):
            parse_limit(setting, text)
    else:
        assert parse_limit(setting, text) == value


@pytest.mark.parametrize(
    ("key", "text", "words"),
    [
        ("max_rows", "mange", ["»mange« er ikke et tal", "største antal rækker"]),
        ("max_rows", "50 MB", ["ikke et tal"]),  # a size unit only for sizes
        ("max_rows", "2,5", ["helt tal"]),
        ("max_rows", "99", ["mellem 100 rækker og 1.048.576 rækker", "ikke 99 rækker"]),
        ("max_columns", "20000", ["16.384 kolonner"]),
        ("max_file_bytes", "-5 MB", ["ikke et tal"]),
        ("max_file_bytes", "", ["ikke et tal"]),
    ],
)
def test_bad_values_are_refused_in_danish_naming_the_setting(key: str, text: str, words: list[str]) -> None:
    with pytest.raises(LimitValueError) as caught:
        parse_limit(find_setting(key), text)
    for word in words:
        assert word in str(caught.value)


def test_a_setting_is_found_by_its_key_or_by_the_name_messages_give() -> None:
    assert (
        find_setting("max_rows")
        is find_setting("»største antal rækker«")
        is find_setting("Største  antal rækker")
    )
    assert find_setting("max-cell-chars").label == "længste celle"
    with pytest.raises(LimitValueError, match="max_file_bytes"):
        find_setting("rækker")


@given(st.sampled_from(LIMIT_SETTINGS), st.data())
def test_a_formatted_value_reads_back_as_itself(setting: LimitSetting, data: st.DataObject) -> None:
    value = data.draw(st.integers(setting.minimum, setting.maximum))
    assert parse_limit(setting, format_limit(setting, value)) == value


def test_stored_values_become_the_limits_and_damaged_ones_fall_back_to_the_default() -> None:
    limits = limits_from(
        {"import.max_rows": "300000", "import.max_cells": "garbage", "import.max_columns": "5", "other": "1"}
    )
    assert limits == ImportLimits(max_rows=300_000)
    assert {s.key: s.default for s in LIMIT_SETTINGS}["max_cells"] == ImportLimits().max_cells


def test_the_presenter_checks_as_typed_and_lists_only_real_changes() -> None:
    p = SettingsPresenter({"max_rows": 300_000})
    assert p.field("max_rows").text == "300.000 rækker"
    assert p.set_text("max_rows", "mange") and p.errors
    assert not p.set_text("max_rows", "300000")  # the stored value typed differently: no change
    assert p.set_text("max_file_bytes", "80 MB") == ""
    assert p.changes() == {"max_file_bytes": "80 MB"}
    p.restore_defaults()
    assert p.changes() == {"max_rows": "200.000 rækker"} and not p.errors


def test_the_readers_name_limits_are_the_catalogue_tables_column_sizes() -> None:
    from rammedesk.domain.takstfil import NAME_MAX_CHARS, Field
    from rammedesk.storage import tables as t

    columns = {
        Field.TILBUD: t.Tilbud.__table__.c.navn,
        Field.AFDELING: t.Afdeling.__table__.c.navn,
        Field.YDELSE: t.Ydelse.__table__.c.navn,
        Field.DRIFTSHERRE: t.Driftsherre.__table__.c.navn,
        Field.NIVEAU: t.Ydelse.__table__.c.niveau,
    }
    assert {f: c.type.length for f, c in columns.items()} == NAME_MAX_CHARS  # type: ignore[attr-defined]


def test_the_help_text_names_every_limit_with_its_real_default() -> None:
    from rammedesk.paths import RESOURCES_DIR

    help_html = (RESOURCES_DIR / "help" / "da.html").read_text(encoding="utf-8")
    for setting in LIMIT_SETTINGS:
        row = f"<tr><td>{setting.label}</td><td>{format_limit(setting, setting.default)}</td>"
        assert row in help_html, setting.key
