"""A date as a Danish user types it: '15.03.2027', '15-03-2027', '15/3-2027' or '2027-03-15'."""

from __future__ import annotations

from datetime import date


class NotADate(ValueError):
    """The text is no date; the message says so in Danish."""


def parse_date_text(text: str) -> date:
    t = text.strip()
    try:
        if len(t) == 10 and t[4] == "-":
            return date.fromisoformat(t)
        parts = t.replace("/", ".").replace("-", ".").split(".")
        if len(parts) == 3 and all(x.isdigit() for x in parts) and len(parts[2]) == 4:
            return date(int(parts[2]), int(parts[1]), int(parts[0]))
    except ValueError:
        raise NotADate(f"»{t}« er ikke en gyldig dato.") from None
    raise NotADate(f"»{t}« er ikke en dato; skriv fx 01.03.2027 eller 2027-03-01.")
