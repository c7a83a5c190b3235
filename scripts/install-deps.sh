#!/usr/bin/env bash
# Installs the system packages Vox builds against, on Debian and Ubuntu: libxml2 (XML exports)
# and zlib (gzip inputs). Does nothing when pkg-config already finds both; uses sudo only when
# not running as root.
set -euo pipefail

if ! command -v swift >/dev/null 2>&1; then
  echo "install-deps: swift is not on PATH; install Swift 6.1 or later from swift.org first" >&2
  exit 1
fi

if command -v pkg-config >/dev/null 2>&1 && pkg-config --exists libxml-2.0 zlib; then
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-deps: libxml2 or zlib development files are missing and apt-get is not available;" >&2
  echo "install libxml2's and zlib's headers and pkg-config with your system's package manager" >&2
  exit 1
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
    echo "install-deps: need root (or sudo) to install libxml2-dev, zlib1g-dev and pkg-config" >&2
    exit 1
  fi
fi
echo "install-deps: installing libxml2-dev, zlib1g-dev and pkg-config" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq libxml2-dev zlib1g-dev pkg-config >/dev/null
