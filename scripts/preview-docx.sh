#!/usr/bin/env bash
# Renders the sample report (test/unit/renderers-fixtures/sample.ts) to DOCX, converts it to
# PDF with LibreOffice and to PNG pages with pdftoppm, for a look at the Party document layout.
# Also writes the chart (chart.png, chart-empty.png) and the workbooks next to it.
# A developer's tool, not part of CI: it may install LibreOffice, poppler and Liberation fonts
# (metric-compatible with Times New Roman) with apt-get, only as root and only when missing.
#
#   scripts/preview-docx.sh [vi|en]     → bench/out/preview-<lang>-<page>.png
set -euo pipefail

cd "$(dirname "$0")/.."
lang="${1:-vi}"
out="bench/out"
mkdir -p "$out"

if ! command -v libreoffice >/dev/null 2>&1 || ! command -v pdftoppm >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends libreoffice-writer poppler-utils fonts-liberation2
  else
    echo "libreoffice and pdftoppm are needed (apt-get install libreoffice-writer poppler-utils)" >&2
    exit 1
  fi
fi

docx="$out/preview-$lang.docx"
node --import tsx scripts/preview-docx.ts "$docx" "$lang" >/dev/null

# A private profile keeps LibreOffice from touching (or waiting on) the user's own.
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
libreoffice -env:UserInstallation="file://$profile" --headless --convert-to pdf --outdir "$out" "$docx" >/dev/null

rm -f "$out/preview-$lang"-*.png
pdftoppm -png -r 80 "$out/preview-$lang.pdf" "$out/preview-$lang"
ls -1 "$out/preview-$lang"-*.png "$out/chart.png" "$out/chart-empty.png"
