#!/usr/bin/env bash
# Installs the system libraries Parallax builds against (libedit, libyaml), if missing; and,
# for the report tests, Debian's headless Chromium, python3-html5lib and python3-pil (the
# tests that need them say loudly that they were skipped when these cannot be installed).
set -euo pipefail
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
updated=""
if ! { pkg-config --exists libedit yaml-0.1 2>/dev/null && [ -f /usr/include/histedit.h ] && [ -f /usr/include/yaml.h ]; }; then
  $SUDO apt-get update -qq && updated=1
  $SUDO apt-get install -y -qq libedit-dev libyaml-dev pkg-config >/dev/null
fi
if ! command -v chromium >/dev/null 2>&1 || ! /usr/bin/python3 -c 'import html5lib, PIL' >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1; then
    [ -n "$updated" ] || $SUDO apt-get update -qq || true
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium python3-html5lib python3-pil fonts-dejavu-core >/dev/null \
      || echo "warning: chromium/python3-html5lib could not be installed; the report browser tests will be skipped" >&2
  fi
fi
