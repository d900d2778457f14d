#!/usr/bin/env bash
# One command to install what RammeDesk needs and then either start it or run the tests.
#   bash packaging/setup.sh run    # install, then start RammeDesk (demo data on first start)
#   bash packaging/setup.sh test   # install with test tools, then run every check and test
# Works as root on a fresh Debian 12 (installs system packages with apt-get) and as a normal
# user on a machine that already has them. The virtual environment is .venv in the project.
set -euo pipefail
mode=${1:-run}
cd "$(dirname "$0")/.."

# Qt's runtime libraries (xcb set for a real window), fonts (minbase has none: Qt would warn),
# venv support; xvfb and xauth so `xvfb-run -a rammedesk` works without a desktop.
APT_PACKAGES=(
  python3-venv python3-pip fonts-dejavu-core
  libglib2.0-0 libgl1 libegl1 libfontconfig1 libfreetype6 libxkbcommon0 libdbus-1-3
  libxkbcommon-x11-0 libx11-xcb1 libxcb1 libxcb-cursor0 libxcb-icccm4 libxcb-image0
  libxcb-keysyms1 libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1
  libxcb-xfixes0 libxrender1 libxi6 xvfb xauth
)

# The tests also prove that LibreOffice reads the exported xlsx and read the exported pdf.
if [ "$mode" = test ]; then
  command -v soffice >/dev/null 2>&1 || APT_PACKAGES+=(libreoffice-calc-nogui)
  command -v pdftotext >/dev/null 2>&1 || APT_PACKAGES+=(poppler-utils)
fi

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  if command -v apt-get >/dev/null 2>&1; then
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    echo "Installing system packages: ${missing[*]}"
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      "${missing[@]}" >/dev/null
  else
    echo "Not a Debian system: please install the equivalents of: ${missing[*]}" >&2
  fi
fi

PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip
case "$mode" in
  run)
    .venv/bin/python -m pip install -q --disable-pip-version-check -e .
    exec .venv/bin/rammedesk "${@:2}"
    ;;
  test)
    .venv/bin/python -m pip install -q --disable-pip-version-check -e '.[dev]'
    export QT_QPA_PLATFORM=offscreen
    echo "== ruff check";          .venv/bin/ruff check .
    echo "== ruff format --check"; .venv/bin/ruff format --check .
    echo "== mypy";                .venv/bin/mypy
    echo "== pytest"
    # pytest exits 5 when no tests were collected: that fails this script like any failure.
    .venv/bin/python -m pytest -p no:cacheprovider "${@:2}"
    ;;
  *)
    echo "usage: bash packaging/setup.sh run|test" >&2
    exit 2
    ;;
esac
