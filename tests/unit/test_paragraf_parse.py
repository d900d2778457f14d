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
        ("§§83-87", "BL_83"),
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
