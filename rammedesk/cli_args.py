"""The command line's argparse in Danish: errors, help headings, and the argument types and
reference look-ups (kommune, region) shared by the commands.

argparse builds its messages in English (through gettext, bound when argparse is imported);
rather than patch argparse for the whole process, ``DanishParser.error`` maps the known
English messages to Danish. A message it does not know is passed on as argparse wrote it.
"""

from __future__ import annotations

import argparse
import ast
import re
from collections.abc import Callable, Sequence
from typing import Any, NoReturn

from rammedesk.domain.cpr import find_cpr
from rammedesk.errors import UserError

_SHOWN = 60  # characters of a bad value repeated in a message
_LARGEST = 2**63 - 1  # the largest whole number a database column holds


class UsageError(Exception):
    """Wrong usage: exit 2 with ``message`` (Danish), ``where`` (the argument) and the usage
    line of the command the user was typing."""

    def __init__(self, message: str, where: str | None, usage: str) -> None:
        super().__init__(message)
        self.message = message
        self.where = where
        self.usage = usage


_HEADINGS = {"options": "tilvalg", "positional arguments": "argumenter"}


class DanishFormatter(argparse.HelpFormatter):
    """Danish headings; the groups keep argparse's titles, so a parent's options still join
    the command's own under one heading."""

    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, "brug: " if prefix is None else prefix)

    def start_section(self, heading: str | None) -> None:
        super().start_section(_HEADINGS.get(heading or "", heading))


class DanishParser(argparse.ArgumentParser):
    """An ArgumentParser that speaks Danish and raises UsageError instead of exiting."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", DanishFormatter)
        super().__init__(*args, **kwargs)
        for action in self._actions:
            if isinstance(action, argparse._HelpAction):
                action.help = "vis denne hjælp og afslut"
        # The parsers entered while parsing, outermost first; shared by a whole command tree
        # (see ``link``), so an error raised by the root names the sub-command's usage.
        self.trail: list[DanishParser] = [self]

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        if self.trail[0] is self:
            del self.trail[1:]
        else:
            self.trail.append(self)
        return super().parse_known_args(args, namespace)

    def link(self) -> DanishParser:
        """Share this parser's trail with every sub-command parser below it."""
        for action in self._actions:
            if isinstance(action, argparse._SubParsersAction):
                for sub in action.choices.values():
                    if isinstance(sub, DanishParser):
                        sub.trail = self.trail
                        sub.link()
        return self

    def error(self, message: str) -> NoReturn:
        deepest = self.trail[-1]
        text, where = translate(message, self)
        text = f"{text} Se »{deepest.prog} --help«."
        raise UsageError(_without_cpr(text), where and _without_cpr(where), deepest.format_usage())


# --- argument types --------------------------------------------------------------------------


def shown(value: str) -> str:
    """A value as a message repeats it: cut when long, a CPR-like number left out."""
    text = value if len(value) <= _SHOWN else value[:_SHOWN] + "…"
    return _without_cpr(text)


def int_arg(text: str) -> int:
    """A whole number argument (``type=int_arg``); one too large for the database is refused
    here rather than failing deep inside a query."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"»{shown(text)}« er ikke et helt tal.") from None
    if abs(value) > _LARGEST:
        raise argparse.ArgumentTypeError(f"»{shown(text)}« er for stort et tal.")
    return value


# --- kommune and region ----------------------------------------------------------------------


def _reference() -> Any:
    from rammedesk.fileio.reference_csv import load_reference_data

    return load_reference_data()


def kommune_names() -> dict[int, str]:
    """The 98 kommuner of the reference data (what every database holds), code → name."""
    return {k.kode: k.navn for k in _reference().kommuner}


def resolve_kommune(value: str, option: str, names: dict[int, str] | None = None) -> int:
    """The kommunekode ``value`` names ("751", "0751", "Aarhus", "Aarhus Kommune"), or a
    UserError naming ``option`` and the value (exit 1, as for an unknown --paragraf)."""
    from rammedesk.domain.kommune_match import match_kommune, suggested_kommuner

    names = kommune_names() if names is None else names
    code = match_kommune(value, names)
    if code is not None:
        return code
    lowest, highest = min(names), max(names)
    message = (
        f"{option}: »{shown(value)}« er ikke en dansk kommune. Skriv kommunekoden (fx 751 eller "
        f"0751; koderne går fra {lowest} {names[lowest]} til {highest} {names[highest]}) "
        "eller navnet (fx Aarhus eller Aarhus Kommune)."
    )
    close = suggested_kommuner(value, names)
    if close:
        message += " Mente du " + " eller ".join(f"{names[c]} ({c})" for c in close) + "?"
    raise UserError(message, option)


def resolve_region(value: str, option: str) -> int:
    """The region code ``value`` names ("1082", "Midtjylland", "Region Midtjylland")."""
    from rammedesk.domain.kommune_match import match_region

    names = {r.kode: r.navn for r in _reference().regioner}
    code = match_region(value, names)
    if code is not None:
        return code
    listed = ", ".join(f"{c} ({n})" for c, n in sorted(names.items()))
    raise UserError(f"{option}: »{shown(value)}« er ikke en region. Skriv en af {listed}.", option)


# --- argparse's messages in Danish -----------------------------------------------------------

_REPR = r"(?P<value>'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\")"
_TYPES = {"int": "et helt tal", "float": "et tal"}


def _value(match: re.Match[str]) -> str:
    try:
        return shown(str(ast.literal_eval(match.group("value"))))
    except (ValueError, SyntaxError):
        return shown(match.group("value"))


def _choices(text: str) -> str:
    return ", ".join(c.strip().strip("'\"") for c in text.split(","))


# (pattern of the message after "argument NAME: ", its Danish text)
_ARGUMENT: list[tuple[re.Pattern[str], Callable[[re.Match[str]], str]]] = [
    (
        re.compile(rf"invalid (?P<type>\S+) value: {_REPR}", re.S),
        lambda m: f"»{_value(m)}« er ikke {_TYPES.get(m['type'], 'en gyldig værdi')}.",
    ),
    (
        re.compile(rf"invalid choice: {_REPR} \(choose from (?P<choices>.*)\)", re.S),
        lambda m: f"»{_value(m)}« er ikke et af valgene: {_choices(m['choices'])}.",
    ),
    (
        re.compile(rf"unknown parser {_REPR} \(choices: (?P<choices>.*)\)", re.S),
        lambda m: f"»{_value(m)}« er ikke et af valgene: {_choices(m['choices'])}.",
    ),
    (re.compile("expected one argument"), lambda m: "mangler en værdi."),
    (re.compile("expected at most one argument"), lambda m: "tager højst én værdi."),
    (re.compile("expected at least one argument"), lambda m: "mangler mindst én værdi."),
    (re.compile(r"expected (?P<n>\d+) arguments?"), lambda m: f"skal have {m['n']} værdier."),
    (
        re.compile(r"not allowed with argument (?P<other>.+)"),
        lambda m: f"kan ikke bruges sammen med {m['other']}.",
    ),
    (
        re.compile(rf"ignored explicit argument {_REPR}", re.S),
        lambda m: f"tager ingen værdi (fik »{_value(m)}«).",
    ),
]
_ARGUMENT_PREFIX = re.compile(r"argument (?P<name>.+?): (?P<rest>.*)", re.S)


def translate(message: str, parser: argparse.ArgumentParser) -> tuple[str, str | None]:
    """argparse's English ``message`` in Danish, and the argument it is about (or None)."""
    found = _ARGUMENT_PREFIX.fullmatch(message)
    if found:
        name, rest = found["name"], found["rest"]
        for pattern, danish in _ARGUMENT:
            m = pattern.fullmatch(rest)
            if m:
                return f"{name}: {danish(m)}", name
        return f"{name}: {rest}", name  # our own types' messages are Danish already
    if m := re.fullmatch(r"unrecognized arguments: (?P<args>.*)", message, re.S):
        unknown = m["args"]
        first = unknown.split(" ")[0]
        return f"Ukendt tilvalg eller argument: {shown(unknown)}.", first
    if m := re.fullmatch(r"the following arguments are required: (?P<names>.*)", message, re.S):
        names = m["names"]
        text = f"Argumentet {names} mangler." if "," not in names else f"Argumenterne {names} mangler."
        for action in parser._actions:  # a missing sub-command: say which ones there are
            if action.metavar in names.split(", ") and isinstance(action, argparse._SubParsersAction):
                text += f" Vælg en af {', '.join(action.choices)}."
        return text, names
    if m := re.fullmatch(r"one of the arguments (?P<names>.*) is required", message, re.S):
        *others, last = m["names"].split(" ")
        either = f"{', '.join(others)} eller {last}" if others else last
        return f"Angiv {either}.", m["names"]
    if m := re.fullmatch(r"ambiguous option: (?P<opt>\S+) could match (?P<matches>.*)", message, re.S):
        return f"Tilvalget {m['opt']} er tvetydigt: det kan være {m['matches']}.", m["opt"]
    return message[:1].upper() + message[1:] + ("" if message.endswith(".") else "."), None


def _without_cpr(text: str) -> str:
    while (cpr := find_cpr(text)) is not None:
        text = text.replace(cpr, "(et CPR-lignende nummer, ikke gentaget)")
    return text
