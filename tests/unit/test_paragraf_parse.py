from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rammedesk.domain.paragraf_parse import parse_paragraf
from rammedesk.fileio.reference_csv import load_reference_data

REFS = load_reference_data().paragraffer
IDS = frozenset(p.id for p in REFS)
HISTORIC = frozenset(p.id for p in REFS if p.historisk)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("§ 107", "SEL_107"),
        ("SEL §107", "SEL_107"),
        ("SEL § 107", "SEL_107"),
        ("Servicelovens § 108", "SEL_108"),
        ("107", "SEL_107"),
        ("§§ 107/108", "SEL_107"),
        ("§§83-87", None),  # Barnets lov §§ 83-84 or SEL § 85: never guessed
        ("BL §§ 83-84", "BL_83"),
        ("Barnets lov § 43, stk. 3", "BL_43_3"),
        ("BL § 43 stk 3", "BL_43_3"),
        ("§ 101 a", "SEL_101a"),
        ("ABL § 105, stk. 2", "ABL_105_2"),
        ("§ 999", None),
        ("2023", None),
        ("", None),
    ],
)
def test_spellings(text: str, expected: str | None) -> None:
    assert parse_paragraf(text, IDS, HISTORIC).id == expected


def test_several_first_is_primary() -> None:
    match = parse_paragraf("§ 107 og § 108", IDS, HISTORIC)
    assert match.id == "SEL_107"
    assert match.all_ids == ("SEL_107", "SEL_108")


@pytest.mark.parametrize("ref", REFS, ids=lambda r: r.id)
def test_every_label_reads_back(ref: object) -> None:
    assert parse_paragraf(ref.label, IDS, HISTORIC).id == ref.id  # type: ignore[attr-defined]


@given(st.text(max_size=40))
def test_result_is_known_or_none(text: str) -> None:
    match = parse_paragraf(text, IDS, HISTORIC)
    assert match.id is None or match.id in IDS
    assert set(match.all_ids) <= IDS


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("SEL §§ 83-87", ("SEL_85",)),  # 83 and 87 are not on the list; 85 lies within
        ("§§ 83-87", ()),  # no lov, and two lovs have numbers within: nothing is guessed
        ("§§ 83-87 og § 108", ("SEL_108",)),
        ("Barnets lov §§ 83-87", ("BL_83", "BL_84")),
        ("SEL §§ 107–110", ("SEL_107", "SEL_108", "SEL_109", "SEL_110")),  # en dash
        ("§§ 101-104", ("SEL_101", "SEL_101a", "SEL_103", "SEL_104")),
        ("§§ 107/108", ("SEL_107", "SEL_108")),  # a slash is no range
        ("Takst 2024-2026", ()),  # years are no paragraffer
    ],
)
def test_a_range_stands_for_every_paragraf_within_it(text: str, expected: tuple[str, ...]) -> None:
    assert parse_paragraf(text, IDS, HISTORIC).all_ids == expected


@given(st.integers(1, 200), st.integers(1, 200))
def test_a_range_gives_only_its_lovs_paragraffer_within_it(first: int, last: int) -> None:
    match = parse_paragraf(f"SEL §§ {first}-{last}", IDS, HISTORIC)
    for pid in match.all_ids:
        number = int(pid.split("_")[1].rstrip("a"))
        assert pid.startswith("SEL_") and pid not in HISTORIC or pid in (f"SEL_{first}", f"SEL_{last}")
        assert min(first, last) <= number <= max(first, last)
