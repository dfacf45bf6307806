#!/usr/bin/env bash
# Renders the sample report (test/unit/renderers-fixtures/sample.ts) to DOCX, converts it to
# PDF with LibreOffice and to PNG pages with pdftoppm, for a look at the Party document layout.
# Also writes the chart (chart.png, chart-empty.png) and the workbooks next to it, and a huyện
# ủy's report, workbook and chart (committee.*) and a member's plan (plan.docx), each page as PNG.
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
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends libreoffice-writer libreoffice-calc poppler-utils fonts-liberation2
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
libreoffice -env:UserInstallation="file://$profile" --headless --convert-to pdf --outdir "$out" \
  "$docx" "$out/committee.docx" "$out/plan.docx" "$out/report.xlsx" "$out/workbook-committee.xlsx" >/dev/null

for name in "preview-$lang" committee plan report workbook-committee; do
  rm -f "$out/$name"-*.png
  pdftoppm -png -r 80 "$out/$name.pdf" "$out/$name"
done
ls -1 "$out/preview-$lang"-*.png "$out/committee"-*.png "$out/plan"-*.png "$out/report"-*.png "$out/workbook-committee"-*.png "$out/chart.png" "$out/chart-empty.png" "$out/chart-committee.png"
