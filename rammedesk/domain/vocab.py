"""Controlled vocabularies, with DOMAIN.md's ASCII identifiers and Danish display labels."""

from __future__ import annotations

from enum import StrEnum


class Enhed(StrEnum):
    DOEGN = "doegn"
    DAG = "dag"
    TIME = "time"
    MAANED = "maaned"
    KM = "km"
    STK = "stk"

    @property
    def label(self) -> str:
        return _ENHED_LABELS[self]


_ENHED_LABELS = {
    Enhed.DOEGN: "døgn",
    Enhed.DAG: "dag",
    Enhed.TIME: "time",
    Enhed.MAANED: "måned",
    Enhed.KM: "km",
    Enhed.STK: "stk.",
}


class TakstArt(StrEnum):
    SAMLET = "samlet"  # the hovedydelse, one average takst
    BASIS = "basis"
    YDELSE = "ydelse"
    TILLAEG = "tillaeg"

    @property
    def label(self) -> str:
        return {
            "samlet": "Samlet takst",
            "basis": "Basistakst",
            "ydelse": "Ydelsestakst",
            "tillaeg": "Tillægsydelse",
        }[self.value]


class DriftsherreArt(StrEnum):
    KOMMUNAL = "kommunal"
    REGIONAL = "regional"
    PRIVAT = "privat"
    SELVEJENDE = "selvejende"

    @property
    def label(self) -> str:
        return {
            "kommunal": "Kommunal",
            "regional": "Regional",
            "privat": "Privat",
            "selvejende": "Selvejende",
        }[self.value]


class Finansiering(StrEnum):
    TAKST = "takst"
    OBJEKTIV = "objektiv"


class MomsBasis(StrEnum):
    INKL = "inkl"  # takst i alt
    FRATRUKKET = "fratrukket"  # fratrukket refusion for indirekte moms


class TakstStatus(StrEnum):
    FORELOEBIG = "foreloebig"
    ENDELIG = "endelig"


class Tilbudsform(StrEnum):
    DAG = "dag"
    DOEGN = "doegn"


class Aldersgruppe(StrEnum):
    BOERN_UNGE = "boern_unge"
    VOKSNE = "voksne"
    ALLE = "alle"

    @property
    def label(self) -> str:
        return {"boern_unge": "Børn og unge", "voksne": "Voksne", "alle": "Alle aldre"}[self.value]


class BatchKind(StrEnum):
    REFERENCE = "reference"
    DEMO = "demo"
    TAKSTFIL = "takstfil"
    MANUEL = "manuel"
