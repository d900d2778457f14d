"""The demo generator: deterministic, realistic, complete, and breaking the rules on purpose."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from decimal import Decimal
from random import Random

import pytest

from rammedesk.domain.cpr import looks_like_cpr
from rammedesk.domain.demo import (
    DEMO_PL_KILDE,
    RULE_BELAEGNING,
    RULE_HOVEDSTADEN_PL,
    RULE_MIDT_TAKSTAFTALE,
    YEARS,
    DemoAfdeling,
    DemoAfdelingMaalgruppe,
    DemoAfdelingParagraf,
    DemoBelaegning,
    DemoCatalogue,
    DemoDriftsherre,
    DemoInputs,
    DemoTakst,
    DemoTilbudBundle,
    DemoYdelse,
    check_inputs,
    generate_demo,
)
from rammedesk.domain.demo.text import fake_cvr, fake_p_nummer
from rammedesk.domain.reference import ReferenceData
from rammedesk.domain.vocab import (
    DriftsherreArt,
    Enhed,
    Finansiering,
    MomsBasis,
    TakstArt,
    TakstStatus,
    Tilbudsform,
)
from rammedesk.fileio.demo_inputs import load_demo_inputs
from rammedesk.fileio.reference_csv import load_reference_data

DEFAULT_SIZE = 3000
HOVEDSTADEN, MIDTJYLLAND = 1084, 1082


@dataclass(frozen=True)
class Generated:
    catalogue: DemoCatalogue
    bundles: list[DemoTilbudBundle]

    @property
    def afdelinger(self) -> list[DemoAfdeling]:
        return [row for b in self.bundles for row in b.afdelinger]

    @property
    def ydelser(self) -> list[DemoYdelse]:
        return [row for b in self.bundles for row in b.ydelser]

    @property
    def takster(self) -> list[DemoTakst]:
        return [row for b in self.bundles for row in b.takster]

    @property
    def paragraffer(self) -> list[DemoAfdelingParagraf]:
        return [row for b in self.bundles for row in b.paragraffer]

    @property
    def maalgrupper(self) -> list[DemoAfdelingMaalgruppe]:
        return [row for b in self.bundles for row in b.maalgrupper]

    @property
    def belaegning(self) -> list[DemoBelaegning]:
        return [row for b in self.bundles for row in b.belaegning]


@pytest.fixture(scope="module")
def inputs() -> DemoInputs:
    return load_demo_inputs()


@pytest.fixture(scope="module")
def reference() -> ReferenceData:
    return load_reference_data()


@pytest.fixture(scope="module")
def default(inputs: DemoInputs, reference: ReferenceData) -> Generated:
    catalogue = generate_demo(inputs, reference, size=DEFAULT_SIZE, seed=2027)
    return Generated(catalogue, list(catalogue.iter_tilbud()))


def test_shipped_inputs_fit_the_reference_data(inputs: DemoInputs, reference: ReferenceData) -> None:
    assert check_inputs(inputs, reference) == []


def test_same_seed_and_size_give_identical_data(inputs: DemoInputs, reference: ReferenceData) -> None:
    first = generate_demo(inputs, reference, size=400, seed=11)
    second = generate_demo(inputs, reference, size=400, seed=11)
    assert first.pl_satser == second.pl_satser
    assert first.driftsherrer == second.driftsherrer
    assert first.plans == second.plans
    bundles = list(first.iter_tilbud())
    assert bundles == list(second.iter_tilbud())
    assert bundles == list(first.iter_tilbud())  # iterating again starts afresh


def test_another_seed_gives_other_data(inputs: DemoInputs, reference: ReferenceData) -> None:
    one = [b.tilbud.navn for b in generate_demo(inputs, reference, size=200, seed=1).iter_tilbud()]
    two = [b.tilbud.navn for b in generate_demo(inputs, reference, size=200, seed=2).iter_tilbud()]
    assert one != two


@pytest.mark.parametrize("size", [1, 2, 7, 500])
def test_size_is_the_number_of_afdelinger(inputs: DemoInputs, reference: ReferenceData, size: int) -> None:
    catalogue = generate_demo(inputs, reference, size=size, seed=3)
    bundles = list(catalogue.iter_tilbud())
    assert catalogue.afdeling_count == size == sum(len(b.afdelinger) for b in bundles)
    assert all(1 <= len(b.afdelinger) <= 4 for b in bundles)


@pytest.mark.parametrize("size", [0, -5, 200_001])
def test_size_out_of_range_is_refused(inputs: DemoInputs, reference: ReferenceData, size: int) -> None:
    with pytest.raises(ValueError, match="size"):
        generate_demo(inputs, reference, size=size, seed=1)


def test_default_size_counts(default: Generated) -> None:
    bundles = default.bundles
    assert sum(len(b.afdelinger) for b in bundles) == DEFAULT_SIZE
    assert 0.4 * DEFAULT_SIZE <= len(bundles) <= 0.6 * DEFAULT_SIZE  # about 1 500 tilbud
    assert len(default.takster) > 15 * DEFAULT_SIZE


def test_ids_are_unique_and_every_reference_resolves(default: Generated, reference: ReferenceData) -> None:
    bundles = default.bundles
    tilbud_ids = [b.tilbud.id for b in bundles]
    afdelinger = default.afdelinger
    ydelser = default.ydelser
    takster = default.takster
    for rows in (afdelinger, ydelser, takster, default.paragraffer, default.belaegning):
        ids = [row.id for row in rows]
        assert len(ids) == len(set(ids))
    assert len(tilbud_ids) == len(set(tilbud_ids))
    driftsherrer = {d.id for d in default.catalogue.driftsherrer}
    assert {b.tilbud.driftsherre_id for b in bundles} == driftsherrer  # no unused driftsherre
    afdeling_ids = {a.id for a in afdelinger}
    assert {a.tilbud_id for a in afdelinger} <= set(tilbud_ids)
    assert {y.afdeling_id for y in ydelser} <= afdeling_ids
    assert {t.ydelse_id for t in takster} <= {y.id for y in ydelser}
    paragraffer = {p.id for p in reference.paragraffer}
    maalgrupper = {m.id for m in reference.maalgrupper}
    kommuner = {k.kode for k in reference.kommuner}
    assert {p.paragraf_id for p in default.paragraffer} <= paragraffer
    assert {y.paragraf_id for y in ydelser} - {None} <= paragraffer
    assert {m.maalgruppe_id for m in default.maalgrupper} <= maalgrupper
    assert {b.tilbud.kommune_kode for b in bundles} <= kommuner


def test_unique_keys_of_the_schema_hold(default: Generated) -> None:
    takst_keys = Counter((t.ydelse_id, t.aar, t.art) for t in default.takster)
    assert max(takst_keys.values()) == 1
    plads_keys = Counter((p.afdeling_id, p.paragraf_id, p.aar) for p in default.paragraffer)
    assert max(plads_keys.values()) == 1
    tp = [b.tilbud.tp_tilbudsid for b in default.bundles if b.tilbud.tp_tilbudsid is not None]
    assert len(tp) == len(set(tp))
    tp_afd = [a.tp_afdelingsid for a in default.afdelinger if a.tp_afdelingsid]
    assert len(tp_afd) == len(set(tp_afd))


def test_every_unit_kind_and_operator_is_present(default: Generated) -> None:
    takster = default.takster
    assert {t.enhed for t in takster} == set(Enhed)
    assert {t.art for t in takster} == set(TakstArt)
    assert {t.finansiering for t in takster} == set(Finansiering)
    assert {t.moms_basis for t in takster} == set(MomsBasis)
    assert {t.status for t in takster} == set(TakstStatus)
    assert {t.aar for t in takster} == set(YEARS)
    assert {d.art for d in default.catalogue.driftsherrer} == set(DriftsherreArt)
    assert {b.tilbud.tilbudsform for b in default.bundles} == set(Tilbudsform)
    assert any(b.tilbud.landsdaekkende for b in default.bundles)
    assert any(b.tilbud.sikret for b in default.bundles)


def test_years_2019_to_2027_for_places_and_belaegning(default: Generated) -> None:
    assert {p.aar for p in default.paragraffer} == set(YEARS)
    assert {b.aar for b in default.belaegning} == set(YEARS)
    for row in default.paragraffer:
        assert row.pladser >= 1
        # Barnets lov replaced SEL §§ 32, 36, 66 from 2024; older years use the old ids.
        if row.aar <= 2023:
            assert not row.paragraf_id.startswith("BL_") or row.paragraf_id == "BL_33"
        else:
            assert row.paragraf_id not in {"SEL_32", "SEL_36", "SEL_66"}


def test_individuel_pris_lines_have_no_amount(default: Generated) -> None:
    takster = default.takster
    individuel = [t for t in takster if t.individuel_pris]
    assert individuel
    assert all(t.beloeb is None and t.enhed is Enhed.STK for t in individuel)
    assert all(t.beloeb is not None for t in takster if not t.individuel_pris)


def test_amounts_are_positive_decimals_in_oere(default: Generated) -> None:
    for t in default.takster:
        if t.beloeb is not None:
            assert isinstance(t.beloeb, Decimal) and t.beloeb > 0
            assert t.beloeb == t.beloeb.quantize(Decimal("0.01"))
    for b in default.belaegning:
        assert isinstance(b.budgetteret_pct, Decimal)
        assert b.budgetteret_pct == b.budgetteret_pct.quantize(Decimal("0.001"))
        assert (b.faktisk_pct is None) == (b.aar > 2025)


def test_doegn_takster_are_plausible(default: Generated) -> None:
    doegn = [
        t.beloeb
        for t in default.takster
        if t.enhed is Enhed.DOEGN and t.art is TakstArt.SAMLET and t.aar == 2019 and t.beloeb is not None
    ]
    assert min(doegn) >= 500 and max(doegn) < 40_000
    assert 1500 < sorted(doegn)[len(doegn) // 2] < 6000


def test_pl_table(default: Generated) -> None:
    rows = default.catalogue.pl_satser
    assert [r.aar for r in rows] == list(YEARS)
    assert all(Decimal("1.5") <= r.sats_pct <= Decimal("4.0") for r in rows)
    assert all(r.is_demo and r.kilde == DEMO_PL_KILDE for r in rows)


def test_driftsherrer(default: Generated, reference: ReferenceData) -> None:
    regions = {r.kode: r.navn for r in reference.regioner}
    by_art: dict[DriftsherreArt, list[DemoDriftsherre]] = defaultdict(list)
    for d in default.catalogue.driftsherrer:
        by_art[d.art].append(d)
    for d in by_art[DriftsherreArt.REGIONAL]:
        assert d.kommune_kode is None and d.region_kode is not None
        assert d.navn == regions[d.region_kode]
    kommune_names = {d.navn for d in by_art[DriftsherreArt.KOMMUNAL]}
    assert "Aarhus Kommune" in kommune_names and "Københavns Kommune" in kommune_names
    assert all(d.kommune_kode is not None and d.cvr is None for d in by_art[DriftsherreArt.KOMMUNAL])
    for art in (DriftsherreArt.PRIVAT, DriftsherreArt.SELVEJENDE):
        for d in by_art[art]:
            assert d.cvr is not None and re.fullmatch(r"[1-9]\d{7}", d.cvr)
            weights = (2, 7, 6, 5, 4, 3, 2, 1)
            assert sum(w * int(c) for w, c in zip(weights, d.cvr, strict=True)) % 11 != 0
    assert any(
        n.startswith("Den selvejende institution")
        for n in (d.navn for d in by_art[DriftsherreArt.SELVEJENDE])
    )
    assert any(n.endswith("ApS") for n in (d.navn for d in by_art[DriftsherreArt.PRIVAT]))


def test_tilbudsportalen_ids_most_but_not_all(default: Generated) -> None:
    with_tp = sum(b.tilbud.tp_tilbudsid is not None for b in default.bundles)
    assert 0.75 * len(default.bundles) < with_tp < len(default.bundles)
    afdelinger = default.afdelinger
    with_afd = sum(a.tp_afdelingsid is not None for a in afdelinger)
    assert 0.7 * len(afdelinger) < with_afd < len(afdelinger)


def test_contact_fields(default: Generated) -> None:
    for b in default.bundles:
        t = b.tilbud
        assert t.telefon is not None and re.fullmatch(r"[2-9]\d{7}", t.telefon)
        assert t.postnr is not None and 1000 <= t.postnr <= 9999 and t.by
        assert t.email is None or re.fullmatch(r"[a-z0-9.-]+@[a-z0-9.-]+\.dk", t.email)
        assert t.web is None or t.web.startswith("https://www.")
        assert t.p_nummer is None or re.fullmatch(r"10\d{8}", t.p_nummer)
    assert any(b.tilbud.adresse is None for b in default.bundles)  # krisecentre: secret address
    assert sum(b.tilbud.adresse is not None for b in default.bundles) > 0.9 * len(default.bundles)


def test_names_and_descriptions_read_danish(default: Generated) -> None:
    names = [b.tilbud.navn for b in default.bundles]
    assert len(set(names)) > 0.8 * len(names)
    joined = " ".join(names)
    assert re.search("[æøå]", joined) and re.search("[ÆØÅ]", joined)
    for word in (
        "Socialpsykiatrien",
        "Autismecenter",
        "Hjerneskadecenter",
        "Bo- og Aktivitetscenter",
        "Ungdomskollegiet",
        "Rehabiliteringsboligerne",
        "Bostedet",
    ):
        assert word in joined, word
    text = " ".join(b.tilbud.beskrivelse for b in default.bundles).lower()
    for word in ("autisme", "hjerneskade", "udviklingshæmning", "psyki", "misbrug", "serviceloven §"):
        assert word in text, word
    assert all(a.beskrivelse for a in default.afdelinger)


def _text_fields(catalogue: DemoCatalogue, bundles: list[DemoTilbudBundle]) -> list[str]:
    texts: list[str] = [d.navn for d in catalogue.driftsherrer] + [
        d.cvr for d in catalogue.driftsherrer if d.cvr
    ]
    for b in bundles:
        texts += [v for v in b.tilbud if isinstance(v, str)]
        for part in (b.afdelinger, b.ydelser):
            texts += [v for row in part for v in row if isinstance(v, str)]
    return texts


def test_no_text_field_looks_like_a_cpr_number(default: Generated) -> None:
    texts = _text_fields(default.catalogue, default.bundles)
    assert len(texts) > 10 * DEFAULT_SIZE
    assert [t for t in texts if looks_like_cpr(t)] == []
    # Also not when neighbouring fields are read together (telefon + postnr, p-nummer …).
    for b in default.bundles:
        t = b.tilbud
        joined = " ".join(str(v) for v in (t.adresse, t.postnr, t.by, t.telefon, t.cvr, t.p_nummer) if v)
        assert not looks_like_cpr(joined), joined


def test_fake_numbers_are_never_cpr_like_or_real_cvr() -> None:
    rng = Random(5)
    for _ in range(5000):
        p = fake_p_nummer(rng)
        assert len(p) == 10 and p.isdigit() and not looks_like_cpr(p)
        c = fake_cvr(rng)
        assert sum(w * int(d) for w, d in zip((2, 7, 6, 5, 4, 3, 2, 1), c, strict=True)) % 11 != 0


def _index(default: Generated) -> dict[int, Decimal]:
    pl = {row.aar: row.sats_pct for row in default.catalogue.pl_satser}
    index = {2019: Decimal(1)}
    for aar in YEARS[1:]:
        index[aar] = index[aar - 1] * (1 + pl[aar] / 100)
    return index


def _series(bundle: DemoTilbudBundle) -> list[dict[int, Decimal]]:
    lines: dict[tuple[int, TakstArt], dict[int, Decimal]] = defaultdict(dict)
    for t in bundle.takster:
        if t.beloeb is not None:
            lines[(t.ydelse_id, t.art)][t.aar] = t.beloeb
    return list(lines.values())


def _region(reference: ReferenceData) -> dict[int, int]:
    return {k.kode: k.region_kode for k in reference.kommuner}


def _flagged(default: Generated, rule: str) -> set[int]:
    return {b.tilbud.id for b in default.bundles if rule in b.tilbud.brud}


def test_t08_hovedstaden_pl_cap_broken_exactly_by_the_flagged(
    default: Generated, reference: ReferenceData
) -> None:
    """T-08: T_y <= T_2019 * I_y / I_2019 for 2020-2022, computed from the generated rows."""
    index, region = _index(default), _region(reference)
    violating = set()
    for b in default.bundles:
        if region[b.tilbud.kommune_kode] != HOVEDSTADEN:
            continue
        for s in _series(b):
            if 2019 in s and any(y in s and s[y] > s[2019] * index[y] for y in (2020, 2021, 2022)):
                violating.add(b.tilbud.id)
    assert len(violating) >= 5
    assert violating == _flagged(default, RULE_HOVEDSTADEN_PL)


def test_t06_midt_no_rise_broken_exactly_by_the_flagged(default: Generated, reference: ReferenceData) -> None:
    """T-06 (faste priser): no rise 2020-22, and at least 2 % down 2019 -> 2022 otherwise."""
    index, region = _index(default), _region(reference)
    violating = set()
    for b in default.bundles:
        if region[b.tilbud.kommune_kode] != MIDTJYLLAND:
            continue
        for s in _series(b):
            if any(
                y in s and y - 1 in s and s[y] > s[y - 1] * index[y] / index[y - 1]
                for y in (2020, 2021, 2022)
            ):
                violating.add(b.tilbud.id)
            elif 2019 in s and 2022 in s:
                assert s[2022] <= s[2019] * index[2022] * Decimal("0.98"), (b.tilbud.navn, s)
    assert len(violating) >= 5
    assert violating == _flagged(default, RULE_MIDT_TAKSTAFTALE)


def test_t03_budgeted_belaegning_outside_95_100_exactly_by_the_flagged(default: Generated) -> None:
    violating = {
        b.tilbud.id
        for b in default.bundles
        if any(not Decimal(95) <= (row.budgetteret_pct or 0) <= Decimal(100) for row in b.belaegning)
    }
    assert len(violating) >= 5
    assert violating == _flagged(default, RULE_BELAEGNING)


def test_small_demo_still_breaks_each_rule(inputs: DemoInputs, reference: ReferenceData) -> None:
    catalogue = generate_demo(inputs, reference, size=120, seed=4)
    broken = set().union(*(b.tilbud.brud for b in catalogue.iter_tilbud()))
    assert broken == {RULE_BELAEGNING, RULE_HOVEDSTADEN_PL, RULE_MIDT_TAKSTAFTALE}


def test_basis_and_ydelsestakst_split(default: Generated, reference: ReferenceData) -> None:
    """T-12: two-part takster exist; some Hovedstaden lines switch from samlet in 2022."""
    region = _region(reference)
    switched = 0
    for b in default.bundles:
        arts: dict[int, dict[TakstArt, set[int]]] = defaultdict(lambda: defaultdict(set))
        for t in b.takster:
            arts[t.ydelse_id][t.art].add(t.aar)
        for by_art in arts.values():
            if TakstArt.BASIS in by_art:
                assert by_art[TakstArt.YDELSE] == by_art[TakstArt.BASIS]  # a basis has a ydelse part
                if TakstArt.SAMLET in by_art:
                    assert max(by_art[TakstArt.SAMLET]) < 2022 <= min(by_art[TakstArt.BASIS])
                    assert region[b.tilbud.kommune_kode] == HOVEDSTADEN
                    switched += 1
    assert switched > 10
    ydelse_parts = [t for t in default.takster if t.art is TakstArt.YDELSE]
    assert ydelse_parts and all(t.enhed is Enhed.TIME for t in ydelse_parts)
