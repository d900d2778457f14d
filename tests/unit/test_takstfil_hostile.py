"""Hostile and broken files: a clear Danish UserError naming the file, never a crash."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from rammedesk.domain.takstfil import ImportLimits
from rammedesk.errors import UserError
from rammedesk.fileio.takstfil_reader import list_sheets, preview_rows, read_takstfil
from tests.data.xlsx_builder import sheet_xml, write_xlsx
from tests.unit.takstfil_corpus import corpus

__all__ = ["corpus"]


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("truncated.xlsx", "afkortet"),
        ("old.xls", ".xls"),
        ("old_named.xlsx", ".xls"),
        ("csv_named.xlsx", "tekstfil"),
        ("empty.xlsx", "tom"),
        ("empty.csv", "tom"),
        ("random.xlsx", "ikke en zip-fil"),
        ("zip_bomb.xlsx", "zip-bombe"),
        ("xxe.xlsx", "DTD"),
        ("billion_laughs.xlsx", "DTD"),
        ("utf16.csv", "UTF-16"),
        ("long_header.xlsx", "længste celle"),
    ],
)
def test_refused_with_a_clear_message(corpus: Path, name: str, words: str) -> None:
    with pytest.raises(UserError) as info:
        read_takstfil(corpus / name, year=2024)
    if name != "long_header.xlsx":
        with pytest.raises(UserError):
            list_sheets(corpus / name)
    assert words in info.value.message
    assert info.value.where == name


def test_limits_are_named(corpus: Path) -> None:
    with pytest.raises(UserError, match="største filstørrelse"):
        read_takstfil(corpus / "bad_values.xlsx", limits=ImportLimits(max_file_bytes=100))
    with pytest.raises(UserError, match="største udpakkede størrelse"):
        read_takstfil(corpus / "bad_values.xlsx", limits=ImportLimits(max_uncompressed_bytes=1000))
    with pytest.raises(UserError, match="største antal rækker"):
        read_takstfil(corpus / "bad_values.xlsx", limits=ImportLimits(max_rows=5))
    with pytest.raises(UserError, match="største antal rækker"):
        read_takstfil(corpus / "tabs.csv", limits=ImportLimits(max_rows=1))


@pytest.mark.parametrize(
    ("name", "words"),
    [
        (
            "unclosed_quote.csv",
            ['Et anførselstegn (") i linje 3 lukkes aldrig', "Ret anførselstegnet i linje 3"],
        ),
        ("late_quote.csv", ['Et anførselstegn (") i linje 3 lukkes først i linje 6']),
        ("binary.csv", ["ikke en tekstfil/CSV", "NUL-tegn (det første ved byte 1)"]),
        ("control_bytes.csv", ["ikke en tekstfil/CSV", "binære data"]),
        ("nul.csv", ["ikke en tekstfil/CSV", "NUL-tegn (det første ved byte 208)"]),
        ("utf32.csv", ["UTF-32"]),
        ("utf32_nobom.csv", ["UTF-32 (uden BOM)"]),
        ("utf16_nobom.csv", ["UTF-16"]),
    ],
)
def test_csv_that_cannot_be_read_whole(corpus: Path, name: str, words: list[str]) -> None:
    # An unclosed quote used to swallow the rest of the file into one field (rows silently lost);
    # binary, NUL-containing and UTF-32 files were all called UTF-16.
    with pytest.raises(UserError) as info:
        read_takstfil(corpus / name, year=2024)
    for word in words:
        assert word in info.value.message
    assert "UTF-16" not in info.value.message or name == "utf16_nobom.csv"
    assert info.value.where == name


def test_file_size_limit_shows_the_difference(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    with path.open("wb") as fh:
        fh.truncate(50_000_036)
    with pytest.raises(UserError) as info:
        read_takstfil(path)
    assert "Filen er 50,0 MB (50.000.036 bytes); grænsen for takstfiler er 50,0 MB (50.000.000 bytes)" in (
        info.value.message
    )


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="findes ikke"):
        read_takstfil(tmp_path / "nope.xlsx")


def test_no_header_found(tmp_path: Path) -> None:
    path = tmp_path / "noheader.csv"
    path.write_text("a;b\nc;d\n", encoding="utf-8")
    with pytest.raises(UserError, match="ingen kolonneoverskrifter"):
        read_takstfil(path)


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("far_cell.xlsx", ["»Takster«", "række 1.048.576", "celle XFD1048576", "200.000 rækker"]),
        ("wide_header.xlsx", ["»Takster«", "kolonne XFD", "celle XFD1", "1.000 kolonner"]),
        ("bad_ref.xlsx", ["»Takster«", "ugyldig cellereference »ZZZZZ9999999999«"]),
        ("far_row_attr.xlsx", ["»Takster«", "ugyldig cellereference »A99999999999«"]),
        ("too_many_cells.xlsx", ["»Takster«", "10.001 rækker × 1.000 kolonner", "celle ALL10001"]),
        ("unnumbered_cells.xlsx", ["»Takster«", "kolonne ALM", "celle ALM4"]),
    ],
)
def test_cells_far_out_are_refused_before_calamine(corpus: Path, name: str, words: list[str]) -> None:
    # calamine builds the whole rows × columns grid up to the last cell; a stray XFD1048576 aborts it.
    calls: list[Callable[[], object]] = [
        lambda: read_takstfil(corpus / name, year=2024),
        lambda: preview_rows(corpus / name, None, 5),
    ]
    invalid = "ugyldig" in words[1]
    if invalid:  # an invalid reference refuses the file; a sheet too large only itself
        calls.append(lambda: list_sheets(corpus / name))
    else:
        assert list_sheets(corpus / name) == ("Takster",)
    for call in calls:
        with pytest.raises(UserError) as info:
            call()
        for word in words:
            assert word in info.value.message
        assert info.value.where == name
    if not invalid:
        assert "Ctrl+End" in info.value.message


def test_a_sheet_too_large_refuses_itself_not_the_other_sheets(corpus: Path) -> None:
    path = corpus / "far_notes_sheet.xlsx"
    assert list_sheets(path) == ("Noter", "Takster")
    parsed = read_takstfil(path)  # no sheet chosen: the first that can be opened
    assert parsed.sheet == "Takster" and [t.tilbud for t in parsed.takster] == ["A", "B"]
    with pytest.raises(UserError, match="Arket »Noter« går ned til række 1.048.576") as info:
        read_takstfil(path, sheet="Noter", year=2024)
    assert info.value.where == "far_notes_sheet.xlsx"


def test_cell_scan_sees_prefixed_tags_and_chunk_boundaries(tmp_path: Path) -> None:
    base = sheet_xml([["Tilbud", "Takst 2024"], ["A", 100]])
    prefixed = base.replace("</sheetData>", '<row r="3"><x:c r="XFD3"><x:v>1</x:v></x:c></row></sheetData>')
    write_xlsx(tmp_path / "prefixed.xlsx", {"Takster": prefixed})
    with pytest.raises(UserError, match="kolonne XFD"):
        read_takstfil(tmp_path / "prefixed.xlsx")
    # The far cell's tag straddles the 1 MiB read boundary.
    head = base.split("</sheetData>")[0] + '<row r="4">'
    filler = " " * ((1 << 20) - len(head.encode()) - 5)
    cut = head + filler + '<c r="XFD4"><v>1</v></c></row></sheetData></worksheet>'
    write_xlsx(tmp_path / "cut.xlsx", {"Takster": cut})
    with pytest.raises(UserError, match="celle XFD4"):
        read_takstfil(tmp_path / "cut.xlsx", limits=ImportLimits(max_compression_ratio=10**6))
    # Empty cells far out (<c …/>, as Excel writes formatted empty cells) are no refusal.
    styled = base.replace("</sheetData>", '<row r="900000"><c r="XFD900000" s="1"/></row></sheetData>')
    write_xlsx(tmp_path / "styled.xlsx", {"Takster": styled})
    assert read_takstfil(tmp_path / "styled.xlsx", year=2024).rows_read == 1


@pytest.mark.parametrize(
    ("name", "sheet"),
    [
        *((n, None) for n in ("sst_bomb.xlsx", "zip_bomb.xlsx", "xxe.xlsx", "far_cell.xlsx", "bad_ref.xlsx")),
        ("far_row_attr.xlsx", None),
        ("far_notes_sheet.xlsx", "Noter"),  # the other sheet of the file is fine
    ],
)
def test_the_process_survives(corpus: Path, name: str, sheet: str | None) -> None:
    # calamine aborts the process on a huge declared uniqueCount; run in a child to prove we stop first.
    code = (
        "import sys\nfrom rammedesk.errors import UserError\nfrom rammedesk.fileio.takstfil_reader import "
        "read_takstfil\ntry:\n    read_takstfil(sys.argv[1], sheet=sys.argv[2] or None, year=2024)\n"
        "except UserError as e:\n    print('USERERROR', e.message)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(corpus / name), sheet or ""],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert done.returncode == 0, done.stderr[-500:]
    assert done.stdout.startswith("USERERROR")


def test_a_sheet_listed_without_its_part_is_called_damaged_not_missing(tmp_path: Path) -> None:
    import zipfile

    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    path = tmp_path / "broken.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Override PartName="/xl/workbook.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            "</Types>",
        )
        z.writestr(
            "_rels/.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
            f'relationships"><Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>",
        )
        z.writestr(
            "xl/workbook.xml",
            f'<?xml version="1.0"?><workbook xmlns="{main}" xmlns:r="{rel}"><sheets>'
            '<sheet name="Takster" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        z.writestr(
            "xl/_rels/workbook.xml.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
            f'relationships"><Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet9.xml"/>'
            "</Relationships>",
        )
    with pytest.raises(UserError) as info:
        read_takstfil(path, year=2024)
    assert "»Takster« er nævnt i filen, men dets indhold mangler" in info.value.message
    assert "findes ikke" not in info.value.message
