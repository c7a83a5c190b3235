#!/usr/bin/env bash
# Renders a report.html to a PNG with headless Chromium, to look at it as a reader would.
# Optional: not part of `make test`. Needs Debian's `chromium` package (apt-get install chromium).
#
#   scripts/render-html.sh out/demo/report.html [out.png] [WIDTH]
#
# The page is rendered at WIDTH × (tall enough for the whole report) CSS pixels, with the
# network disabled, so a report that tried to load anything from outside would show it.
set -euo pipefail

html=${1:?usage: scripts/render-html.sh REPORT.html [OUT.png] [WIDTH]}
png=${2:-${html%.html}.png}
width=${3:-1200}
height=${HEIGHT:-6000}

browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
  echo "render-html: chromium is not installed; apt-get install chromium" >&2
  exit 1
fi
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
"$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$profile" \
  --proxy-server="127.0.0.1:9" --proxy-bypass-list="<-loopback>" \
  --window-size="$width,$height" --screenshot="$png" "file://$(realpath "$html")" >/dev/null 2>&1
echo "render-html: wrote $png (${width}x${height})"
