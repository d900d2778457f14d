"""Main window: title, demo banner, status bar, navigation, keyboard, geometry, screenshot."""

from __future__ import annotations

from typing import Any, cast

import pytest

from rammedesk.gui.main_window import GEOMETRY_KEY, MainWindow
from rammedesk.gui.qt import QImage, QKeySequence, QSettings, Qt
from rammedesk.gui.views.coming import ComingLaterPage
from rammedesk.gui.views.costs_page import CostsPage
from rammedesk.gui.views.search import SearchPage
from rammedesk.presenters.shell import ShellPresenter


@pytest.fixture
def window(qtbot: Any, settings: QSettings, make_info: Any, tmp_path: Any) -> MainWindow:
    presenter = ShellPresenter()
    presenter.set_info(make_info())
    win = MainWindow(presenter, settings, log_path=tmp_path / "rammedesk.log")
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def test_demo_database_title_banner_and_status(window: MainWindow) -> None:
    assert window.windowTitle() == "RammeDesk — rammedesk.sqlite3 (DEMODATA)"
    assert window.banner.isVisible()
    assert "fiktive" in window.banner.plain_text()
    assert window.status_database.text() == "Database: /data/rammedesk.sqlite3"
    assert window.status_schema.text() == "Skemaversion 0004"
    assert window.status_as_of.text() == "Data pr. 23.11.2026"


def test_real_database_has_no_banner(window: MainWindow, make_info: Any) -> None:
    window.presenter.set_info(make_info(is_demo=False, has_real_data=True))
    window.refresh()
    assert window.windowTitle() == "RammeDesk — rammedesk.sqlite3"
    assert not window.banner.isVisible()


def test_overview_shows_counts_in_danish_format(window: MainWindow) -> None:
    cards = window.overview.cards
    assert cards["Tilbud"].value.text() == "1.500"
    assert cards["Takster"].value.text() == "12.455"
    assert "1.500 tilbud" in window.overview.summary.text()
    assert "23. november 2026" in window.overview.summary.text()


def test_later_jobs_say_honestly_they_are_not_available(window: MainWindow) -> None:
    texts = {
        key: cast(ComingLaterPage, page).notice.text.text()
        for key, page in window.pages.items()
        if key not in ("oversigt", "soeg", "udgifter")
    }
    assert texts["sammenlign"] == "Sammenligning af takster kommer i en senere version."
    assert all("senere version" in text for text in texts.values())
    assert len(texts) == 2
    assert isinstance(window.pages["soeg"], SearchPage)
    assert isinstance(window.pages["udgifter"], CostsPage)


@pytest.mark.parametrize(
    ("key", "page"),
    [
        (Qt.Key.Key_1, "soeg"),
        (Qt.Key.Key_2, "sammenlign"),
        (Qt.Key.Key_3, "udgifter"),
        (Qt.Key.Key_4, "spoergeskema"),
        (Qt.Key.Key_0, "oversigt"),
    ],
)
def test_ctrl_number_switches_job(qtbot: Any, window: MainWindow, key: Qt.Key, page: str) -> None:
    window.show_page("sammenlign" if page == "oversigt" else "oversigt")
    window.activateWindow()
    qtbot.waitActive(window)
    qtbot.keyClick(window, key, Qt.KeyboardModifier.ControlModifier)
    assert window.current_key == page
    assert window.stack.currentWidget() is window.pages[page]


def test_arrow_keys_in_navigation_switch_page(qtbot: Any, window: MainWindow) -> None:
    window.navigation.setFocus()
    qtbot.keyClick(window.navigation, Qt.Key.Key_Down)
    assert window.current_key == "soeg"
    qtbot.keyClick(window.navigation, Qt.Key.Key_Down)
    assert window.current_key == "sammenlign"
    assert window.navigation.focusPolicy() == Qt.FocusPolicy.StrongFocus


def test_menus_have_mnemonics_and_shortcuts(window: MainWindow) -> None:
    titles = [menu.title() for menu in window.menus.values()]
    assert titles == ["&Filer", "&Rediger", "&Tilbud", "&Gå til", "&Hjælp"]
    assert window.open_action.shortcut() == QKeySequence("Ctrl+O")
    assert window.quit_action.shortcut() == QKeySequence("Ctrl+Q")
    assert window.help_action.shortcut() == QKeySequence("F1")
    assert "&" in window.open_action.text() and "&" in window.about_action.text()
    shortcuts = {k: a.shortcut().toString() for k, a in window.page_actions.items()}
    assert shortcuts == {
        "oversigt": "Ctrl+0",
        "soeg": "Ctrl+1",
        "sammenlign": "Ctrl+2",
        "udgifter": "Ctrl+3",
        "spoergeskema": "Ctrl+4",
    }


def test_ctrl_o_asks_to_open_a_database(qtbot: Any, window: MainWindow) -> None:
    window.activateWindow()
    qtbot.waitActive(window)
    with qtbot.waitSignal(window.open_database_requested, timeout=1000):
        qtbot.keyClick(window, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)


def test_f1_opens_danish_help(qtbot: Any, window: MainWindow) -> None:
    window.activateWindow()
    qtbot.waitActive(window)
    qtbot.keyClick(window, Qt.Key.Key_F1)
    dialog = window.help_dialog
    assert dialog is not None and dialog.isVisible()
    text = dialog.browser.toPlainText()
    for expected in (
        "Søg tilbud",
        "Sammenlign takster",
        "Udgifter",
        "Spørgeskema",
        "rammedesk info",
        "rammedesk init",
        "rammedesk demo",
        "fiktive",
        "/data/rammedesk.sqlite3",
    ):
        assert expected in text
    assert "$database" not in text


def test_demo_banner_button_opens_help_on_demo_section(qtbot: Any, window: MainWindow) -> None:
    qtbot.mouseClick(window.banner.more, Qt.MouseButton.LeftButton)
    assert window.help_dialog is not None and window.help_dialog.isVisible()
    qtbot.waitUntil(lambda: window.help_dialog.browser.verticalScrollBar().value() > 0)


def test_about_shows_version(window: MainWindow) -> None:
    from rammedesk import __version__

    dialog = window.show_about()
    assert f"RammeDesk {__version__}" in dialog.text.text()
    dialog.close()


def test_geometry_is_remembered(qtbot: Any, settings: QSettings, make_info: Any) -> None:
    first = MainWindow(ShellPresenter(), settings)
    qtbot.addWidget(first)
    first.show()
    first.setGeometry(30, 40, 700, 500)  # inside the 800x600 offscreen screen
    first.close()
    assert settings.value(GEOMETRY_KEY) is not None
    second = MainWindow(ShellPresenter(), settings)
    qtbot.addWidget(second)
    assert (second.width(), second.height()) == (700, 500)


def test_default_size_without_saved_geometry(qtbot: Any, settings: QSettings) -> None:
    win = MainWindow(ShellPresenter(), settings)
    qtbot.addWidget(win)
    assert (win.width(), win.height()) == (1280, 800)


def test_screenshot_is_not_blank(window: MainWindow) -> None:
    window.resize(1280, 800)
    image = window.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    assert image.width() >= 1280 and image.height() >= 800
    colours = {image.pixel(x, y) for x in range(0, image.width(), 16) for y in range(0, image.height(), 16)}
    assert len(colours) > 8  # text, panel, banner, cards: not a single flat colour
    banner_top = window.banner.mapTo(window, window.banner.rect().topLeft()).y()
    assert image.pixelColor(image.width() // 2, banner_top + 3).name() == "#fff3d6"  # amber bar
