#!/usr/bin/env bash
# Install what the tests need and run the whole suite. Extra arguments go to pytest.
# The browser test (tests/test_browser.py) drives Debian's /usr/bin/chromium and needs a Chinese font; the export
# test (tests/test_export.py) also opens the meeting deck in LibreOffice and reads the PDF with poppler's tools:
# when any is missing they are installed with apt-get (as root, or through passwordless sudo);
# otherwise the script stops and says what to install.
set -euo pipefail
cd "$(dirname "$0")/.."

chromium=/usr/bin/chromium
has_chinese_font() { command -v fc-list >/dev/null && [ -n "$(fc-list :lang=zh family 2>/dev/null)" ]; }
has_deck_tools() { command -v libreoffice >/dev/null && command -v pdffonts >/dev/null; }
if [ ! -x "$chromium" ] || ! has_chinese_font || ! has_deck_tools; then
  packages="chromium fonts-noto-cjk libreoffice-impress poppler-utils"
  command -v fc-list >/dev/null || packages="$packages fontconfig"  # fc-list, to check for the font
  if [ "$(id -u)" -eq 0 ]; then
    as_root=""
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    as_root="sudo -n"
  else
    as_root="none"
  fi
  if [ "$as_root" = none ] || ! command -v apt-get >/dev/null; then
    echo "scripts/test.sh: the browser and export tests need Debian's packages: $packages" >&2
    [ -x "$chromium" ] || echo "  missing: $chromium" >&2
    has_chinese_font || echo "  missing: a Chinese font (fc-list :lang=zh lists none)" >&2
    has_deck_tools || echo "  missing: libreoffice or pdffonts (libreoffice-impress, poppler-utils)" >&2
    echo "Install them once as root, then run this script again:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y --no-install-recommends $packages" >&2
    exit 1
  fi
  echo "scripts/test.sh: installing $packages for the browser and export tests (about 700 MB) ..." >&2
  # $as_root is empty or "sudo -n": unquoted on purpose.
  $as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
  $as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $packages
  if [ ! -x "$chromium" ] || ! has_chinese_font || ! has_deck_tools; then
    echo "scripts/test.sh: installed $packages, but $chromium, a Chinese font, libreoffice or pdffonts is still missing." >&2
    exit 1
  fi
fi

source scripts/setup.sh requirements-dev.txt
# Lint first (settings in pyproject.toml): a mistake pyflakes can see is cheaper to read here than in a test.
python -m ruff check .
exec python -m pytest -q "$@"
