#!/usr/bin/env bash
# Installs headless Chromium with its WebDriver and a Python environment for the browser
# tests and the workflow linter.
set -euo pipefail
venv="${1:-.build/browser-venv}"
need=()
for pkg in chromium chromium-driver python3-venv; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "error: the browser tests need Chromium and chromedriver (missing: ${need[*]})" >&2
    exit 1
  fi
  echo "Installing ${need[*]} for the browser tests…"
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
stamp="$venv/.requirements"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
wanted="$(cat Tests/Browser/requirements.txt Tests/Tools/requirements.txt)"
if [ "$wanted" != "$(cat "$stamp" 2>/dev/null)" ]; then
  "$venv/bin/python" -m pip install -q --disable-pip-version-check -r Tests/Browser/requirements.txt -r Tests/Tools/requirements.txt
  printf '%s' "$wanted" > "$stamp"
fi
