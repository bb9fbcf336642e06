#!/usr/bin/env bash
# Installs what Parallax builds against (libedit, libyaml), and with --tests what its tests
# use too (groff and man-db to render the manual pages, zsh and fish to load the completion
# scripts; headless Chromium, python3-html5lib and python3-pil to check the HTML report), if
# missing.
# Quick when all is there: one look per tool, no apt-get. The report's browser tests say
# loudly that they were skipped when Chromium or html5lib cannot be installed.
set -euo pipefail
tests=0
case "${1:-}" in
  --tests) tests=1 ;;
  "") ;;
  *) echo "usage: Scripts/install-deps.sh [--tests]" >&2; exit 2 ;;
esac
missing=()
if ! { pkg-config --exists libedit yaml-0.1 2>/dev/null && [ -f /usr/include/histedit.h ] && [ -f /usr/include/yaml.h ]; }; then
  missing+=(libedit-dev libyaml-dev pkg-config)
fi
report=()
if [ "$tests" -eq 1 ]; then
  command -v groff >/dev/null 2>&1 || missing+=(groff)
  command -v man >/dev/null 2>&1 || missing+=(man-db)
  command -v zsh >/dev/null 2>&1 || missing+=(zsh)
  command -v fish >/dev/null 2>&1 || missing+=(fish)
  command -v chromium >/dev/null 2>&1 || report+=(chromium fonts-dejavu-core)
  /usr/bin/python3 -c 'import html5lib' >/dev/null 2>&1 || report+=(python3-html5lib)
  /usr/bin/python3 -c 'import PIL' >/dev/null 2>&1 || report+=(python3-pil)
fi
[ ${#missing[@]} -eq 0 ] && [ ${#report[@]} -eq 0 ] && exit 0
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
$SUDO apt-get update -qq
[ ${#missing[@]} -eq 0 ] || DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
[ ${#report[@]} -eq 0 ] || DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${report[@]}" >/dev/null \
  || echo "warning: ${report[*]} could not be installed; the HTML report's browser tests will be skipped" >&2
