#!/usr/bin/env bash
# Installs the system libraries Parallax builds against (libedit, libyaml), if missing.
set -euo pipefail
if pkg-config --exists libedit yaml-0.1 2>/dev/null && [ -f /usr/include/histedit.h ] && [ -f /usr/include/yaml.h ]; then
  exit 0
fi
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq libedit-dev libyaml-dev pkg-config >/dev/null
