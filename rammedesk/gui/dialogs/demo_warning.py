"""The one question before real data goes into a demo database (takster, P/L, placements)."""

from __future__ import annotations

from collections.abc import Callable

from rammedesk.gui.dialogs.errors import widen
from rammedesk.gui.qt import QMessageBox, Qt, QWidget

TITLE = "Import i demodatabase – RammeDesk"


def confirm_import_into_demo(parent: QWidget, what: str, go: Callable[[], object]) -> QMessageBox:
    """Ask (window-modal, not blocking); ``go`` runs only on »Importér alligevel«."""
    box = widen(QMessageBox(parent))
    box.setObjectName("demoImportWarning")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(TITLE)
    box.setText("Databasen indeholder demodata.")
    box.setInformativeText(
        f"{what} bør ikke blandes med fiktive data. Importér hellere i en ny, tom database "
        "(Filer → Åbn database). Vil du alligevel importere i demodatabasen?"
    )
    accept = box.addButton("&Importér alligevel", QMessageBox.ButtonRole.AcceptRole)
    stop = box.addButton("Annuller", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(stop)
    box.setEscapeButton(stop)
    box.buttonClicked.connect(lambda button: go() if button is accept else None)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box
