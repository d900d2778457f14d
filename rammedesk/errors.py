"""Two kinds of error: the user's fault (UserError, Danish message) and bugs (everything else)."""

from __future__ import annotations


class UserError(Exception):
    """A problem the user can fix: bad file, missing database, CPR-like input, locked database.

    ``message`` is Danish and says what is wrong and what to do; ``where`` names the place
    (a path, "fil.xlsx, ark Takster, række 12, kolonne C", a field name).
    """

    def __init__(self, message: str, where: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.where = where

    def __str__(self) -> str:
        return f"{self.message} ({self.where})" if self.where else self.message


class DatabaseMissingError(UserError):
    """The database named does not exist (and the command does not create one)."""


class SchemaTooNewError(UserError):
    """The database was written by a newer RammeDesk than this one."""


class Cancelled(UserError):
    """The user cancelled a long job before it committed; nothing was changed."""
