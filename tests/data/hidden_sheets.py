"""A takstfil whose first sheet is hidden in Excel (last year's takster), as senders keep them."""

from __future__ import annotations

from pathlib import Path

import openpyxl


def hidden_first_sheet_xlsx(path: Path) -> Path:
    """Sheets: »Takster 2024« (hidden, first), »Takster 2025« (visible), »Opslag« (very hidden).
    Each year sheet has the same tilbud; 2024 at 1.000 kr., 2025 at 2.000 kr."""
    wb = openpyxl.Workbook()
    old = wb.active
    assert old is not None
    old.title = "Takster 2024"
    old.sheet_state = "hidden"
    new = wb.create_sheet("Takster 2025")
    for ws, year, amount in ((old, 2024, 1000), (new, 2025, 2000)):
        ws.append(["Tilbud", "Ydelse", "Paragraf", f"Takst {year} kr. pr. døgn"])
        ws.append(["Egebo", "Døgnophold", "§ 107", amount])
    lookup = wb.create_sheet("Opslag")
    lookup.sheet_state = "veryHidden"
    lookup.append(["Tilbud", "Ydelse", "Paragraf", "Takst 2025 kr. pr. døgn"])
    lookup.append(["Opslag", "Døgnophold", "§ 107", 3000])
    wb.active = 1
    wb.save(path)
    return path
