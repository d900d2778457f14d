"""Reading a JSON file the user wrote: a BOM is fine, syntax errors are Danish with line and column."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from rammedesk.errors import UserError
from rammedesk.fileio.json_file import read_json_file


def test_bom_and_parse_float(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_bytes(b'\xef\xbb\xbf{"x": 1.5}')
    assert read_json_file(path, "Mapping-filen") == {"x": 1.5}
    assert read_json_file(path, "Mapping-filen", parse_float=Decimal) == {"x": Decimal("1.5")}


@pytest.mark.parametrize(
    ("text", "where_and_why"),
    [
        ('{"a": 1,}', "linje 1, kolonne 9: der mangler et navn i anførselstegn"),
        ('{"a": 1 "b": 2}', "linje 1, kolonne 9: der mangler et komma"),
        ('{"a" 1}', "linje 1, kolonne 6: der mangler et kolon"),
        ('{"a": }', "linje 1, kolonne 7: der mangler en værdi"),
        ('{"a": 1}\n{}', "linje 2, kolonne 1: der står mere efter JSON-dokumentets slutning"),
        ('{"a": "xyz', "linje 1, kolonne 7: en tekst mangler sit afsluttende anførselstegn"),
        ('{"a": "x\ty"}', "linje 1, kolonne 9: en tekst indeholder et kontroltegn"),
        ('{"a": "\\q"}', "linje 1, kolonne 8: ugyldig JSON"),
    ],
)
def test_syntax_errors_are_danish(tmp_path: Path, text: str, where_and_why: str) -> None:
    path = tmp_path / "a.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(UserError) as info:
        read_json_file(path, "Mapping-filen")
    assert info.value.message.startswith(f"Mapping-filen er ikke gyldig JSON: {where_and_why}"), (
        info.value.message
    )
    assert info.value.where == str(path)


def test_missing_and_not_utf8(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="Scenariefilen findes ikke"):
        read_json_file(tmp_path / "nope.json", "Scenariefilen")
    path = tmp_path / "u16.json"
    path.write_text('{"a": 1}', encoding="utf-16")
    with pytest.raises(UserError) as info:
        read_json_file(path, "Scenariefilen")
    assert "UTF-8" in info.value.message and "codec" not in info.value.message
