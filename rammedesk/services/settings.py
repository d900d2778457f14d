"""The import limits a database keeps: read for every import, listed, set and reset."""

from __future__ import annotations

from dataclasses import dataclass

from rammedesk.config import DatabaseLocation
from rammedesk.domain.limits import (
    LIMIT_SETTINGS,
    SETTING_PREFIX,
    LimitSetting,
    LimitValueError,
    find_setting,
    limits_from,
    parse_limit,
)
from rammedesk.domain.takstfil import ImportLimits
from rammedesk.errors import DatabaseMissingError, UserError
from rammedesk.storage.store import Store


@dataclass(frozen=True)
class LimitValue:
    setting: LimitSetting
    value: int

    @property
    def is_default(self) -> bool:
        return self.value == self.setting.default


def import_limits(store: Store) -> ImportLimits:
    with store.unit_of_work() as repos:
        return limits_from(repos.settings_with_prefix(SETTING_PREFIX))


def limits_at(location: DatabaseLocation) -> ImportLimits:
    """The limits of the database at ``location``; the defaults while there is no database yet
    (a portfolio file can be projected before any database exists)."""
    from rammedesk.services.database import open_store

    try:
        store = open_store(location)
    except DatabaseMissingError:
        return ImportLimits()
    try:
        return import_limits(store)
    finally:
        store.close()


def limit_values(store: Store) -> list[LimitValue]:
    limits = import_limits(store)
    return [LimitValue(s, int(getattr(limits, s.key))) for s in LIMIT_SETTINGS]


def set_limits(store: Store, changes: dict[str, str]) -> list[LimitValue]:
    """Set several limits at once (name → typed value); all or none: one bad value changes nothing."""
    parsed: dict[str, int] = {}
    for name, text in changes.items():
        try:
            setting = find_setting(name)
            parsed[setting.key] = parse_limit(setting, text)
        except LimitValueError as exc:
            raise UserError(str(exc), name) from None
    with store.unit_of_work() as repos:
        for key, value in parsed.items():
            setting = find_setting(key)
            if value == setting.default:
                repos.delete_setting(SETTING_PREFIX + key)  # a default follows later releases' default
            else:
                repos.set_setting(SETTING_PREFIX + key, str(value))
    return limit_values(store)


def reset_limits(store: Store, names: list[str] | None = None) -> list[LimitValue]:
    """Back to the defaults: the named limits, or all."""
    try:
        settings = [find_setting(n) for n in names] if names else list(LIMIT_SETTINGS)
    except LimitValueError as exc:
        raise UserError(str(exc)) from None
    with store.unit_of_work() as repos:
        for setting in settings:
            repos.delete_setting(SETTING_PREFIX + setting.key)
    return limit_values(store)
