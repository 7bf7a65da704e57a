#!/usr/bin/env bash
# Installs what the generator links against: libcmark, the CommonMark reference library;
# minizip, which writes the EPUB's ZIP container, and the zlib headers it includes; and
# libdeflate, which compresses the EPUB's documents and the search index's document store.
set -euo pipefail
if command -v pkg-config >/dev/null 2>&1 && pkg-config --exists libcmark zlib minizip libdeflate; then
  exit 0
fi
if command -v apt-get >/dev/null 2>&1; then
  echo "Installing libcmark-dev, zlib1g-dev, libminizip-dev, libdeflate-dev and pkg-config (the C libraries the generator links)…"
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends libcmark-dev zlib1g-dev libminizip-dev libdeflate-dev pkg-config >/dev/null
  exit 0
fi
if command -v brew >/dev/null 2>&1; then
  echo "Installing cmark, minizip and libdeflate with Homebrew…"
  brew install cmark minizip libdeflate pkg-config
  exit 0
fi
echo "error: libcmark, zlib, minizip or libdeflate was not found. Install these C libraries and pkg-config:" >&2
echo "  Debian/Ubuntu: apt-get install libcmark-dev zlib1g-dev libminizip-dev libdeflate-dev pkg-config" >&2
echo "  Fedora:        dnf install cmark-devel zlib-devel minizip-compat-devel libdeflate-devel pkgconf" >&2
echo "  macOS:         brew install cmark minizip libdeflate pkg-config" >&2
exit 1
