#!/usr/bin/env bash
# Installs what Parallax builds against (libedit, libyaml) and what its tests use (groff and
# man-db to render the manual pages, zsh and fish to load the completion scripts), if missing.
# Quick when all is there: one look per tool, no apt-get.
set -euo pipefail
missing=()
if ! { pkg-config --exists libedit yaml-0.1 2>/dev/null && [ -f /usr/include/histedit.h ] && [ -f /usr/include/yaml.h ]; }; then
  missing+=(libedit-dev libyaml-dev pkg-config)
fi
command -v groff >/dev/null 2>&1 || missing+=(groff)
command -v man >/dev/null 2>&1 || missing+=(man-db)
command -v zsh >/dev/null 2>&1 || missing+=(zsh)
command -v fish >/dev/null 2>&1 || missing+=(fish)
[ ${#missing[@]} -eq 0 ] && exit 0
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
