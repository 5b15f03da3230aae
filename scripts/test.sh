#!/usr/bin/env bash
# Install what the tests need and run the whole suite. Extra arguments go to pytest.
# The browser test (tests/test_browser.py) drives Debian's /usr/bin/chromium and needs a Chinese font; the export
# test (tests/test_export.py) also opens the meeting deck in LibreOffice Impress, and tests/test_briefing.py the
# monthly briefing in LibreOffice Writer, and both read the PDF with poppler's tools;
# the serving test (tests/test_serve.py) runs scripts/serve.sh, which needs nginx and curl:
# when any is missing they are installed with apt-get (as root, or through passwordless sudo);
# otherwise the script stops and says what to install.
set -euo pipefail
cd "$(dirname "$0")/.."

chromium=/usr/bin/chromium
has_chinese_font() { command -v fc-list >/dev/null && [ -n "$(fc-list :lang=zh family 2>/dev/null)" ]; }
# Impress and Writer are separate packages (the libreoffice command runs with either): look for each one's launcher.
has_deck_tools() {
  command -v libreoffice >/dev/null && command -v pdffonts >/dev/null &&
    { command -v simpress >/dev/null || [ -e /usr/lib/libreoffice/program/simpress ]; } &&
    { command -v swriter >/dev/null || [ -e /usr/lib/libreoffice/program/swriter ]; }
}
# nginx from Debian, never started as a service and left disabled (see policy-rc.d below): scripts/serve.sh runs its own
has_serve_tools() { command -v nginx >/dev/null && command -v curl >/dev/null; }
if [ ! -x "$chromium" ] || ! has_chinese_font || ! has_deck_tools || ! has_serve_tools; then
  packages="chromium fonts-noto-cjk libreoffice-impress libreoffice-writer poppler-utils nginx curl"
  command -v fc-list >/dev/null || packages="$packages fontconfig"  # fc-list, to check for the font
  if [ "$(id -u)" -eq 0 ]; then
    as_root=""
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    as_root="sudo -n"
  else
    as_root="none"
  fi
  if [ "$as_root" = none ] || ! command -v apt-get >/dev/null; then
    echo "scripts/test.sh: the browser, export and serving tests need Debian's packages: $packages" >&2
    [ -x "$chromium" ] || echo "  missing: $chromium" >&2
    has_chinese_font || echo "  missing: a Chinese font (fc-list :lang=zh lists none)" >&2
    has_deck_tools || echo "  missing: libreoffice Impress or Writer, or pdffonts (libreoffice-impress, libreoffice-writer, poppler-utils)" >&2
    has_serve_tools || echo "  missing: nginx or curl" >&2
    echo "Install them once as root, then run this script again:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y --no-install-recommends $packages" >&2
    exit 1
  fi
  echo "scripts/test.sh: installing $packages for the browser, export and serving tests (about 700 MB) ..." >&2
  # $as_root is empty or "sudo -n": unquoted on purpose.
  $as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
  # Installing must not start a system nginx on port 80 (it would on a machine with systemd): Debian's
  # policy-rc.d hook, exit code 101, forbids starting services during this install; removed again afterwards.
  policy=/usr/sbin/policy-rc.d
  had_nginx=0
  if command -v nginx >/dev/null || [ -e /usr/sbin/nginx ]; then had_nginx=1; fi
  added_policy=0
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' | $as_root tee "$policy" >/dev/null && $as_root chmod 755 "$policy" && added_policy=1
  fi
  $as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $packages
  if [ "$added_policy" = 1 ]; then $as_root rm -f "$policy"; fi
  # Nor start at the next boot: the tests run nginx of their own (scripts/serve.sh), never the system's service. Only
  # an nginx this install brought is disabled (one that was there before is the owner's). systemctl only where systemd
  # runs (not in most containers), update-rc.d for sysvinit; neither may stop the run.
  if [ "$had_nginx" = 1 ]; then
    :
  elif [ -d /run/systemd/system ] && command -v systemctl >/dev/null; then
    $as_root systemctl disable --now nginx >/dev/null 2>&1 || true
  elif command -v update-rc.d >/dev/null && [ -e /etc/init.d/nginx ]; then
    $as_root update-rc.d nginx disable >/dev/null 2>&1 || true
  fi
  if [ ! -x "$chromium" ] || ! has_chinese_font || ! has_deck_tools || ! has_serve_tools; then
    echo "scripts/test.sh: installed $packages, but $chromium, a Chinese font, LibreOffice Impress or Writer, pdffonts, nginx or curl is still missing." >&2
    exit 1
  fi
fi

source scripts/setup.sh requirements-dev.txt
# Lint and format check first (settings in pyproject.toml): a mistake pyflakes can see is cheaper to read here than
# in a test; `ruff format .` fixes what the format check lists.
python -m ruff check .
python -m ruff format --check .
exec python -m pytest -q "$@"
