#!/usr/bin/env bash
# Installs epubcheck, the EPUB validator, with a Java runtime if there is none: `make test`
# checks the handbook's EPUB with it.
set -euo pipefail
jar=/usr/share/java/epubcheck.jar
if [ -f "$jar" ] && command -v java >/dev/null 2>&1; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "error: the EPUB check needs epubcheck ($jar) and Java; install Debian's epubcheck package or set EPUBCHECK_JAR" >&2
  exit 1
fi
need=(epubcheck)
command -v java >/dev/null 2>&1 || need+=(default-jre-headless)
echo "Installing ${need[*]} for the EPUB check…"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
