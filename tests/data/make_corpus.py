"""Write the takstfil test corpus: messy realistic layouts and hostile files.

    python -m tests.data.make_corpus OUTDIR

Tests call ``make_corpus(tmp_dir)`` from a session fixture; nothing binary is committed.
Amounts and layouts follow DOMAIN.md §3.6.
"""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

from tests.data.xlsx_builder import Cell, ErrorValue, Formula, sheet_xml, simple_xlsx, write_xlsx

LONG = "x" * 40_000
CPR = "0101901234"  # 1 Jan 1990: CPR-like
P_NUMMER = "1012851234"  # also date-like (10 Dec 85), but in a P-nummer column


def messy(out: Path) -> None:
    # Title block, a merged title, years side by side, formulas with cached values, totals.
    simple_xlsx(
        out / "years_side_by_side.xlsx",
        [
            ["Takstoversigt – Region Midtjylland", None, None, None, None, None],
            ["Takster i kr. pr. døgn, pr. 1/1 2024"],
            [],
            ["Tilbud", "Afdeling", "Paragraf", "Takst 2022", "Takst 2023", "Takst 2024"],
            ["Koglen", "Afd. Syd", "§ 107", 2396, 2831.0, Formula("E5*1.035", 2930.085)],
            ["Koglen", "Afd. Nord", "SEL §108", "2.750", "4.947,00", "kr. 5.120,50"],
            [None, None, None, None, None, None],
            ["Grenen", "Sikret", "Barnets lov § 43, stk. 3", "8.297", "8 450,5", "Individuel pris"],
            ["Grenen", "Åben", "§§ 107/108", 1539, "efter aftale", 1600],
            ["I alt", None, None, Formula("SUM(D5:D9)", 14982), None, None],
        ],
        merged=("A1:F1",),
    )
    # Two-row header: a year merged over basis + ydelse, units in the second header row.
    write_xlsx(
        out / "two_row_header.xlsx",
        {
            "Noter": sheet_xml([["Denne fil indeholder takster"], ["Se arket Takster"]]),
            "Takster": sheet_xml(
                [
                    ["Takster for hjerneskadeområdet"],
                    [],
                    ["Tilbud", "Ydelse", "Paragraf", "2023", None, "2024", None],
                    [
                        None,
                        None,
                        None,
                        "Basistakst kr./døgn",
                        "Ydelsestakst kr./time",
                        "Basistakst kr./døgn",
                        "Ydelsestakst kr./time",
                    ],
                    ["Center Nord", "Døgnophold", "§ 107", "3.187", "402", "3.250,00", "410,00"],
                    ["Center Nord", "STU", "§ 85", "1.039", "402", "1.060", "410"],
                    ["Center Nord", "Børn- og ungetillæg", None, "223", None, "230", None],
                    [],
                    ["Total", None, None, 4449, 804, 4540, 820],
                ],
                merged=("D3:E3", "F3:G3"),
            ),
        },
    )
    # Midt provider: Leverandør · Afdeling · Type · Niveau · Pris pr. enhed · Enhed.
    simple_xlsx(
        out / "midt_provider.xlsx",
        [
            ["Leverandør", "Afdeling", "Type", "Niveau", "Pris pr. enhed", "Enhed"],
            ["Kofoedsminde", "Sikret afd.", "Objektiv", None, "4.155,00", "Døgn"],
            ["Kofoedsminde", "Udslusning", "Takst", "Niveau 1", 2750, "pr. døgn"],
            ["Kofoedsminde", "Udslusning", "Takst", "Niveau 2", 4947, "kr./døgn"],
            ["Kofoedsminde", "Udslusning", "Takst", "Niveau 3", 8297, "Døgn"],
            ["Kofoedsminde", "Ekstra støtte", None, None, 417, "Time"],
            ["Kofoedsminde", "Kørsel", None, None, "9,39", "Km"],
            ["Kofoedsminde", "Psyk. udredning", None, None, "Individuel pris", "Stk."],
            ["Kofoedsminde", "Bolig", None, None, "73.964", "md."],
        ],
    )
    # Tilbudsportalen-style: title with year and unit, ids, moms columns, "Takst i alt" lines.
    simple_xlsx(
        out / "tilbudsportalen.xlsx",
        [
            ["Opholdsstedet Solsikken"],
            ["Takster pr. døgn – gældende for 2023"],
            [],
            [
                "Tilbudsnavn",
                "Tilbuds-ID",
                "P-nummer",
                "Indsats",
                "Lovgrundlag",
                "Takstniveau",
                "Takst i alt",
                "Takst i alt fratrukket refusion for indirekte moms",
            ],
            ["Solsikken", 123456, P_NUMMER, "Botilbud", "SEL § 107", "Niveau 1", "2.461", "2.347,79"],
            ["Solsikken", 123456, P_NUMMER, "Botilbud", "SEL § 107", "Niveau 2", "3.102", "2.960,00"],
            ["Solsikken", 123456, P_NUMMER, "Takst i alt", None, None, "5.563", "5.307,79"],
            ["Solsikken", 123456, P_NUMMER, f"Borger {CPR}", "SEL § 108", "Niveau 1", "2.999", "2.800"],
        ],
    )
    # Every kind of bad value, one per row, among good rows.
    simple_xlsx(
        out / "bad_values.xlsx",
        [
            ["Tilbud", "Ydelse", "År", "Takst", "Enhed"],
            ["Godt", "Døgn", 2024, 1000, "døgn"],
            ["Tekst", "Døgn", 2024, "ca. tusind", "døgn"],
            ["Negativ", "Døgn", 2024, -5, "døgn"],
            ["Absurd", "Døgn", 2024, 2_000_000, "døgn"],
            ["Måned ok", "Bolig", 2024, 2_000_000, "md."],
            ["Enhed", "Døgn", 2024, 1000, "pr. fortnight"],
            ["Årstal", "Døgn", 1999, 1000, "døgn"],
            ["Godt", "Døgn", 2024, 1200, "døgn"],
            [f"Sag {CPR}", "Døgn", 2024, 1000, "døgn"],
            ["Kontrol_x0007_tegn", "Døgn", 2024, 1000, "døgn"],
            ["Lang", LONG, 2024, 1000, "døgn"],
            ["Godt 2", "Døgn", 2024, 1000, "døgn"],
        ],
        raw_text=True,
    )
    # Cells Excel shows as errors (calamine reads them as empty): in mapped columns they refuse
    # their row, in the note column they do not; the totals row stays a totals row.
    simple_xlsx(
        out / "error_cells.xlsx",
        [
            ["Tilbud", "Kommune", "Enhed", "Takst 2024", "Note"],
            ["Lysningen", "Aarhus", "døgn", 1000, None],
            ["Bakken", "Aarhus", "døgn", ErrorValue("#DIV/0!", "C3/0"), None],
            ["Skoven", ErrorValue("#REF!"), "døgn", 1200, None],
            ["Engen", "Odense", "døgn", 1300, ErrorValue("#N/A", "VLOOKUP(A5,Noter!A:B,2,0)")],
            ["Åen", "Odense", ErrorValue("#NAME?", "ENHD()"), 1400, None],
            ["I alt", None, None, ErrorValue("#REF!", "SUM(#REF!)"), None],
        ],
    )
    # An error python-calamine cannot read at all (it refuses the whole sheet).
    simple_xlsx(
        out / "error_spill.xlsx",
        [
            ["Tilbud", "Takst 2024", "Enhed"],
            ["X", 100, "døgn"],
            ["Y", ErrorValue("#SPILL!", "A2:A3*2"), "døgn"],
        ],
    )
    # csv: cp1252 with ';' (Danish Excel "CSV (semikolonsepareret)"), year given by the caller.
    (out / "nord_cp1252.csv").write_bytes(
        (
            "Takstoversigt Region Nordjylland\r\n\r\n"
            "Tilbud;Ydelse;Paragraf;Basistakst (kr./døgn);Ydelsestakst (kr./time)\r\n"
            "Hjerneskadecenter Øst;Døgnophold;§ 107;3.187;402\r\n"
            "Hjerneskadecenter Øst;STU;§ 85;1.039;402\r\n"
            ";;;;\r\n"
            "Hjerneskadecenter Øst;Børn- og ungetillæg;;223;\r\n"
            "I alt;;;4.449;804\r\n"
        ).encode("cp1252")
    )
    # csv: UTF-8 with BOM, ',' and quoted Danish decimals.
    (out / "utf8_bom_comma.csv").write_bytes(
        b"\xef\xbb\xbf"
        + (
            "Tilbud,Afdeling,Paragraf,År,Takst,Enhed\n"
            'Åbo,Hus 1,"Barnets lov § 43, stk. 3",2024,"4.155,00",kr./døgn\n'
            'Åbo,Hus 2,SEL § 107,2024,"2 750,5",Døgn\n'
            'Åbo,Hus 3,107,2024,"1.539",dag\n'
        ).encode()
    )
    (out / "tabs.csv").write_text(
        "Tilbud\tNiveau\tÅr\tTakst\tEnhed\nTabulator\t1\t2024\t640\tdag\nTabulator\t2\t2024\t853\tdag\n",
        encoding="utf-8",
    )
    (out / "utf16.csv").write_bytes("Tilbud;Takst\r\nX;1\r\n".encode("utf-16"))


def levels(out: Path) -> None:
    # Niveau-takster side by side (DOMAIN.md §3.6, Midt brain-injury area): Takst 1 | 2 | 3.
    simple_xlsx(
        out / "levels_side_by_side.xlsx",
        [
            ["Hjerneskadeområdet – takster 2020"],
            ["Alle takster i kr. pr. døgn"],
            [],
            ["Tilbud", "Afdeling", "Takst 1", "Takst 2", "Takst 3"],
            ["Hjerneskadecenter Midt", "Bo- og genoptræning §107", "2.396", "2.831", "3.132"],
            ["Hjerneskadecenter Midt", "Aflastning", 2100, 2450.5, "Individuel pris"],
            ["I alt", None, 4496, None, None],
        ],
    )
    # Five takstniveauer for day places under one merged year heading (Midt day services).
    simple_xlsx(
        out / "levels_under_year.xlsx",
        [
            ["Dagtilbud pr. 1/1 2018"],
            ["Tilbud", "Enhed", "Takst 2018", None, None, None, None],
            [None, None, "Niveau 1", "Niveau 2", "Niveau 3", "Niveau 4", "Niveau 5"],
            ["Dagcentret Lærken", "kr./dag", "640", "853", "1.053", "1.223", "1.539"],
        ],
        merged=("C2:G2",),
    )


def hostile(out: Path) -> None:
    good = simple_xlsx(out / "_good.xlsx", [["Tilbud", "Takst 2024", "Enhed"], ["X", 100, "døgn"]])
    raw = good.read_bytes()
    (out / "truncated.xlsx").write_bytes(raw[: len(raw) // 2])
    (out / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1000)
    (out / "old_named.xlsx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1000)
    (out / "csv_named.xlsx").write_text("Tilbud;Takst\nX;100\n", encoding="utf-8")
    (out / "empty.xlsx").write_bytes(b"")
    (out / "empty.csv").write_bytes(b"")
    (out / "random.xlsx").write_bytes(bytes(range(256)) * 8)
    with zipfile.ZipFile(out / "zip_bomb.xlsx", "w", zipfile.ZIP_DEFLATED) as zf:
        with zipfile.ZipFile(good) as src:
            for info in src.infolist():
                zf.writestr(info, src.read(info))
        with zf.open("xl/media/image1.bin", "w") as fh:  # 64 MB of zeros, ~1000:1
            block = b"\x00" * (1 << 20)
            for _ in range(64):
                fh.write(block)
    with zipfile.ZipFile(out / "sst_bomb.xlsx", "w", zipfile.ZIP_DEFLATED) as zf:
        with zipfile.ZipFile(good) as src:
            for info in src.infolist():
                zf.writestr(info, src.read(info))
        zf.writestr(
            "xl/sharedStrings.xml",
            '<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'count="1" uniqueCount="4000000000"><si><t>a</t></si></sst>',
        )
    xxe = '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
    simple_xlsx(out / "xxe.xlsx", [["Tilbud", "&e;"], ["X", 1]], prolog=xxe, raw_text=True)
    laughs = (
        '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>'
    )
    simple_xlsx(out / "billion_laughs.xlsx", [["Tilbud", "&d;"], ["X", 1]], prolog=laughs, raw_text=True)
    simple_xlsx(
        out / "dimension_lie.xlsx",
        [["Tilbud", "Takst 2024", "Enhed"], ["A", 100, "døgn"], ["B", 200, "døgn"], ["C", 300, "døgn"]],
        dimension="A1:Z1000000",
    )
    simple_xlsx(out / "long_header.xlsx", [["Tilbud", "Takst " + LONG], ["X", 1]])
    far_out(out)
    not_csv(out)
    good.unlink()


def not_csv(out: Path) -> None:
    """Text files that are no CSV, and CSV whose quote is never closed."""
    header = "Tilbud;Afdeling;Paragraf;Enhed;Takst 2024\n"
    good = "".join(f"Tilbud {i};Afd A;§ 107;døgn;{3000 + i}\n" for i in range(5))
    lines = good.splitlines(keepends=True)
    # Line 3 opens a quote that never closes: the csv module reads lines 3-8 as one field.
    (out / "unclosed_quote.csv").write_text(
        header + lines[0] + '"Åben;Hus;§ 107;døgn;3.000,00\n' + good, encoding="utf-8"
    )
    # Line 3's quote is closed by a stray inch mark in line 6, swallowing lines 3-6.
    (out / "late_quote.csv").write_text(
        header + lines[0] + '"Åben;Hus;§ 107;døgn;3.000\n' + "".join(lines[1:3]) + 'Rør 12" ;A;§ 85;døgn;9\n',
        encoding="utf-8",
    )
    (out / "binary.csv").write_bytes(bytes(range(256)) * 8)
    (out / "control_bytes.csv").write_bytes(bytes(range(1, 32)) * 64)
    (out / "nul.csv").write_bytes((header + good).encode() + b"\x00\x00x;y\n")
    (out / "utf32.csv").write_bytes((header + good).encode("utf-32"))
    (out / "utf32_nobom.csv").write_bytes((header + good).encode("utf-32-le"))
    (out / "utf16_nobom.csv").write_bytes((header + good).encode("utf-16-le"))


def far_out(out: Path) -> None:
    """A valid sheet plus cells far out: calamine sizes its grid by the last cell and aborts."""
    rows: list[list[Cell | Formula]] = [
        ["Tilbud", "Takst 2024", "Enhed"],
        ["A", 100, "døgn"],
        ["B", 200, "døgn"],
    ]
    base = sheet_xml(rows)

    def extra(name: str, xml: str, *, in_header: bool = False) -> None:
        if in_header:
            sheet = base.replace("</row>", xml + "</row>", 1)
        else:
            sheet = base.replace("</sheetData>", xml + "</sheetData>")
        write_xlsx(out / name, {"Takster": sheet})

    extra("far_cell.xlsx", '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>')
    extra("wide_header.xlsx", '<c r="XFD1"><v>1</v></c>', in_header=True)
    extra("bad_ref.xlsx", '<row r="4"><c r="ZZZZZ9999999999"><v>1</v></c></row>')
    extra("far_row_attr.xlsx", '<row r="99999999999"><c r="A99999999999"><v>1</v></c></row>')
    # Within 200,000 rows and 1,000 columns, but 10,001 × 1,000 cells.
    extra(
        "too_many_cells.xlsx",
        '<row r="4"><c r="ALL4"><v>1</v></c></row><row r="10001"><c r="A10001"><v>1</v></c></row>',
    )
    # No r attributes: calamine places them one after the other, so the 1,001st is column ALM.
    extra("unnumbered_cells.xlsx", "<row>" + "<c><v>1</v></c>" * 1001 + "</row>")
    # A notes sheet with a stray far cell before the sheet of takster: only the notes are refused.
    notes = sheet_xml([["Noter til filen"]]).replace(
        "</sheetData>", '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>'
    )
    write_xlsx(out / "far_notes_sheet.xlsx", {"Noter": notes, "Takster": base})


def make_big(path: Path, rows: int = 20_000) -> Path:
    """A realistic workbook of ``rows`` takst lines (for the benchmark and the speed test)."""
    data: list[list[object]] = [
        ["Takstoversigt 2024"],
        [],
        ["Tilbud", "Afdeling", "Ydelse", "Paragraf", "Niveau", "Takst 2023", "Takst 2024", "Enhed"],
    ]
    units = ["døgn", "kr./døgn", "time", "dag", "md."]
    for i in range(rows):
        unit = units[i % 5]
        data.append(
            [
                f"Tilbud {i // 20}",
                f"Afdeling {i // 4}",
                f"Ydelse {i % 4}",
                "SEL § 107",
                f"Niveau {i % 3 + 1}",
                1000 + i * 0.37,
                f"{1100 + i:,}".replace(",", ".") + ",50",
                unit,
            ]
        )
    return simple_xlsx(path, data)  # type: ignore[arg-type]


def make_corpus(out: Path) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    messy(out)
    levels(out)
    hostile(out)
    return out


if __name__ == "__main__":
    print(make_corpus(Path(sys.argv[1] if len(sys.argv) > 1 else "corpus")))
