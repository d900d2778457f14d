"""`rammedesk settings [set NAME VALUE | reset [NAME …]]`: the import limits of a database."""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from rammedesk.cli import EXIT_OK, emit_json
from rammedesk.config import resolve_location
from rammedesk.domain.limits import format_limit


def add_parser(sub: Any, common: argparse.ArgumentParser, parser_class: type) -> None:
    p = sub.add_parser(
        "settings", parents=[common], help="show, set or reset the import limits (file size, rows …)"
    )
    what = p.add_subparsers(dest="settings_command", metavar="WHAT", parser_class=parser_class)
    what.add_parser("show", parents=[common], help="list the settings (the default without WHAT)")
    p_set = what.add_parser(
        "set", parents=[common], help="set one limit, e.g. 'settings set max_rows 300000'"
    )
    p_set.add_argument(
        "name", metavar="NAME", help='the key (max_rows) or the Danish name ("største antal rækker")'
    )
    p_set.add_argument("value", metavar="VALUE", help='a whole number; sizes also "50 MB"')
    p_reset = what.add_parser("reset", parents=[common], help="back to the default: the named limits, or all")
    p_reset.add_argument("names", metavar="NAME", nargs="*")


def run_settings(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from rammedesk.services.database import open_store
    from rammedesk.services.settings import limit_values, reset_limits, set_limits

    store = open_store(resolve_location(args.db))
    try:
        command = getattr(args, "settings_command", None) or "show"
        if command == "set":
            values = set_limits(store, {args.name: args.value})
        elif command == "reset":
            values = reset_limits(store, args.names)
        else:
            values = limit_values(store)
    finally:
        store.close()
    if args.json:
        emit_json({"settings": [_document(v) for v in values]}, out)
        return EXIT_OK
    width = max(len(v.setting.label) for v in values)
    for v in values:
        mark = "" if v.is_default else f"   (standard {format_limit(v.setting, v.setting.default)})"
        out.write(
            f"{v.setting.label:<{width}}  {format_limit(v.setting, v.value):>16}   {v.setting.key}{mark}\n"
        )
    return EXIT_OK


def _document(v: Any) -> dict[str, Any]:
    s = v.setting
    return {
        "key": s.key,
        "label": s.label,
        "value": v.value,
        "default": s.default,
        "is_default": v.is_default,
        "minimum": s.minimum,
        "maximum": s.maximum,
        "unit": s.unit,
    }
