#!/usr/bin/env bash
# Look at the meeting pack as a presenter gets it: every standard chart (PNG, SVG) and the deck from
# `python -m charts export`, the deck converted to PDF by LibreOffice, and each slide as a PNG (pdftoppm).
# Usage: bash scripts/check-deck.sh [DIR] [options for python -m charts, e.g. --lang en --root ../other]
# DIR defaults to exports/check (git-ignored). Then open DIR/slides/slide-01.png ... in an image viewer.
# Needs Debian's chromium, fonts-noto-cjk, libreoffice-impress and poppler-utils (scripts/test.sh installs them).
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-exports/check}"
shift || true
for tool in libreoffice pdftoppm; do
  if ! command -v "$tool" >/dev/null; then
    echo "scripts/check-deck.sh: $tool is missing. Install once:" >&2
    echo "  sudo apt-get install -y --no-install-recommends libreoffice-impress poppler-utils" >&2
    exit 1
  fi
done
source scripts/setup.sh requirements.txt
mkdir -p "$out"
python -m charts "$@" export --out "$out"
deck=$(ls -t "$out"/*.pptx | head -n 1)
profile=$(mktemp -d)  # a LibreOffice profile of its own: no clash with a running LibreOffice
trap 'rm -rf "$profile"' EXIT
if ! libreoffice "-env:UserInstallation=file://$profile" --headless --convert-to pdf --outdir "$out" "$deck" \
     >"$profile/log" 2>&1; then
  cat "$profile/log" >&2
  exit 1
fi
pdf="${deck%.pptx}.pdf"
mkdir -p "$out/slides"
rm -f "$out"/slides/slide-*.png
pdftoppm -r 96 -png "$pdf" "$out/slides/slide"
echo "deck:   $deck"
echo "pdf:    $pdf ($(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}') pages; fonts: $(pdffonts "$pdf" | awk 'NR > 2 {print $1}' | sed 's/^[A-Z]*+//' | sort -u | tr '\n' ' '))"
echo "slides: $out/slides/slide-*.png"
