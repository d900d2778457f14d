"""Write a file atomically: into a hidden temp file beside it, then os.replace.

A failed write (disk full, no permission, Excel holding the file) never leaves a half file and
never touches an older file of the same name; the error is a Danish UserError.
"""

from __future__ import annotations

import errno
import os
import uuid
from collections.abc import Callable
from pathlib import Path

from rammedesk.errors import UserError


def os_message(exc: OSError, target: Path) -> str:
    if isinstance(exc, FileNotFoundError) or exc.errno == errno.ENOENT:
        return f"Mappen »{target.parent}« findes ikke. Vælg en anden mappe."
    if isinstance(exc, IsADirectoryError):
        return "Der findes en mappe med det navn. Vælg et andet filnavn."
    if isinstance(exc, PermissionError) or exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return (
            "RammeDesk må ikke skrive filen. Er den åben i et andet program (fx Excel)? "
            "Luk den, eller vælg en anden mappe eller et andet filnavn."
        )
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return "Der er ikke plads på drevet. Frigør plads, eller gem et andet sted."
    reason = exc.strerror or exc.__class__.__name__
    return f"Filen kunne ikke gemmes ({reason}). Prøv en anden mappe eller et andet filnavn."


def write_atomically(target: Path, write: Callable[[Path], None]) -> Path:
    temp = target.with_name(f".{target.name}.{uuid.uuid4().hex[:12]}.tmp")
    try:
        write(temp)
        os.replace(temp, target)
    except OSError as exc:
        raise UserError(os_message(exc, target), str(target)) from exc
    finally:
        try:  # after a successful replace the temp name is gone; after a failure, remove it
            temp.unlink(missing_ok=True)
        except OSError:
            pass
    return target
