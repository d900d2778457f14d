"""»Gem som regneark…« / »Gem som PDF…«: a ``CostReport`` through the shared writers, written
on the task runner (the file is written atomically by the writer)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rammedesk.errors import UserError
from rammedesk.gui.dialogs.errors import user_error_box
from rammedesk.gui.qt import QFileDialog, Qt, QWidget

FILTERS = {"xlsx": "Excel-projektmappe (*.xlsx)", "pdf": "PDF-rapport (*.pdf)"}
TITLES = {"xlsx": "Gem som regneark", "pdf": "Gem som PDF"}
ChooseSave = Callable[[QWidget, str, str], str | None]  # (parent, kind, suggested name) → path


def save_report_dialog(parent: QWidget, kind: str, suggested: str) -> str | None:
    path, _ = QFileDialog.getSaveFileName(parent, TITLES[kind], suggested, FILTERS[kind])
    if path and not path.lower().endswith(f".{kind}"):
        path += f".{kind}"
    return path or None


def safe_stem(text: str) -> str:
    return re.sub(r"[^\w.-]+", "-", text, flags=re.UNICODE).strip("-") or "rapport"


def export_report(
    parent: QWidget,
    runner: Any,
    report: Any,
    *,
    kind: str,
    stem: str,
    choose: ChooseSave,
    on_done: Callable[[Path], None],
) -> None:
    chosen = choose(parent, kind, f"{safe_stem(stem)}.{kind}")
    if not chosen:
        return
    path = Path(chosen)

    def job(_ctx: Any) -> Path:
        if kind == "pdf":
            from rammedesk.fileio.cost_report_pdf import write_cost_report_pdf

            return write_cost_report_pdf(path, report)
        from rammedesk.fileio.cost_report_xlsx import write_cost_report_xlsx

        return write_cost_report_xlsx(path, report)

    def failed(exc: BaseException) -> None:
        if not isinstance(exc, UserError):
            raise exc
        box = user_error_box(exc, parent)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    runner.submit(job, on_done=on_done, on_error=failed)
