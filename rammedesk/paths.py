"""Where the shipped reference data, resources and the user's files live."""

from __future__ import annotations

from pathlib import Path

from platformdirs import PlatformDirs

APP_NAME = "RammeDesk"

# The source tree ships database/ and resources/ beside the package (installed editable, or
# bundled side by side by packaging/); the package never reads ../shared at run time.
PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATABASE_DIR = PROJECT_ROOT / "database"
REFERENCE_DIR = DATABASE_DIR / "reference"
DEMO_INPUT_DIR = DATABASE_DIR / "demo"
RESOURCES_DIR = PROJECT_ROOT / "resources"


def _dirs() -> PlatformDirs:
    return PlatformDirs(APP_NAME, appauthor=False)


def user_data_dir() -> Path:
    return Path(_dirs().user_data_dir)


def user_log_dir() -> Path:
    return Path(_dirs().user_log_dir)


def default_database_path() -> Path:
    return user_data_dir() / "rammedesk.sqlite3"
