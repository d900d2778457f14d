"""The »Indstillinger« dialog without Qt: the import limits as editable text, checked as typed."""

from __future__ import annotations

from dataclasses import dataclass

from rammedesk.domain.limits import LIMIT_SETTINGS, LimitSetting, LimitValueError, format_limit, parse_limit


@dataclass
class LimitField:
    setting: LimitSetting
    text: str
    error: str = ""

    @property
    def default_text(self) -> str:
        return format_limit(self.setting, self.setting.default)


class SettingsPresenter:
    """One field per limit. ``values`` is what the database holds (key → value)."""

    def __init__(self, values: dict[str, int] | None = None) -> None:
        values = values or {}
        self.stored = {s.key: values.get(s.key, s.default) for s in LIMIT_SETTINGS}
        self.fields = [LimitField(s, format_limit(s, self.stored[s.key])) for s in LIMIT_SETTINGS]

    def field(self, key: str) -> LimitField:
        return next(f for f in self.fields if f.setting.key == key)

    def set_text(self, key: str, text: str) -> str:
        """Take what the user typed; the Danish error, or "" when it is a valid value."""
        f = self.field(key)
        f.text = text
        try:
            parse_limit(f.setting, text)
        except LimitValueError as exc:
            f.error = str(exc)
        else:
            f.error = ""
        return f.error

    def restore_defaults(self) -> None:
        for f in self.fields:
            self.set_text(f.setting.key, f.default_text)

    @property
    def errors(self) -> list[str]:
        return [f.error for f in self.fields if f.error]

    def changes(self) -> dict[str, str]:
        """The fields whose value differs from what is stored (call when ``errors`` is empty)."""
        return {
            f.setting.key: f.text
            for f in self.fields
            if parse_limit(f.setting, f.text) != self.stored[f.setting.key]
        }
