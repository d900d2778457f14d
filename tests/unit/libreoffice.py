"""Read xlsx files back through LibreOffice headless (``soffice --convert-to csv``).

One ``soffice`` run converts every sheet of every file given, so a test pays the start-up
once. The csv shows cell contents as LibreOffice computed them ("as shown" off): a formula
cell shows its result, a text cell its literal text.
"""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
from pathlib import Path

import pytest

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")

needs_soffice = pytest.mark.skipif(
    SOFFICE is None and not os.environ.get("CI"),  # in CI a missing tool fails the test
    reason="LibreOffice is not installed (Debian/Ubuntu: apt-get install libreoffice-calc)",
)

# 59 = ';', 34 = '"', 76 = UTF-8, 1 = start row; then: quote text, detect numbers, save cell
# contents as shown (false), export formulas (false), remove space, sheet -1 = every sheet.
_FILTER = "csv:Text - txt - csv (StarCalc):59,34,76,1,,0,false,true,false,false,false,-1"


def sheets_as_csv(paths: list[Path], workdir: Path) -> dict[tuple[str, str], list[list[str]]]:
    """``{(file stem, sheet name): rows}`` for every sheet of every file in ``paths``."""
    assert SOFFICE is not None
    outdir = workdir / "lo-out"
    done = subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={(workdir / 'lo-profile').as_uri()}",  # never the user's profile
            "--headless",
            "--convert-to",
            _FILTER,
            "--outdir",
            str(outdir),
            *map(str, paths),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    found: dict[tuple[str, str], list[list[str]]] = {}
    for path in paths:
        for out in sorted(outdir.glob(f"{path.stem}-*.csv")):
            with out.open(encoding="utf-8", newline="") as fh:
                found[(path.stem, out.stem[len(path.stem) + 1 :])] = list(csv.reader(fh, delimiter=";"))
    assert {stem for stem, _ in found} == {p.stem for p in paths}, (done.stdout, done.stderr)
    return found
