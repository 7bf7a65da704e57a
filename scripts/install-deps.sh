#!/usr/bin/env bash
# Installs what the generator links against: libcmark, the CommonMark reference library; zlib,
# which the EPUB and the search index's document store are compressed with; and minizip, which
# writes the EPUB's ZIP container.
set -euo pipefail
if command -v pkg-config >/dev/null 2>&1 && pkg-config --exists libcmark zlib minizip; then
  exit 0
fi
if command -v apt-get >/dev/null 2>&1; then
  echo "Installing libcmark-dev, zlib1g-dev, libminizip-dev and pkg-config (the CommonMark, zlib and minizip C libraries)…"
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends libcmark-dev zlib1g-dev libminizip-dev pkg-config >/dev/null
  exit 0
fi
if command -v brew >/dev/null 2>&1; then
  echo "Installing cmark and minizip with Homebrew…"
  brew install cmark minizip pkg-config
  exit 0
fi
echo "error: libcmark, zlib or minizip was not found. Install the CommonMark, zlib and minizip C libraries and pkg-config:" >&2
echo "  Debian/Ubuntu: apt-get install libcmark-dev zlib1g-dev libminizip-dev pkg-config" >&2
echo "  Fedora:        dnf install cmark-devel zlib-devel minizip-compat-devel pkgconf" >&2
echo "  macOS:         brew install cmark minizip pkg-config" >&2
exit 1
