#!/usr/bin/env bash
# StudioDesk from a source checkout, on Linux.
#   bash packaging/dev.sh start [ARGS]   install what is needed, then start the program
#   bash packaging/dev.sh test  [ARGS]   install what is needed, then run the whole test suite
#   bash packaging/dev.sh build          build the one-folder bundle, dist/studiodesk/ (build.sh)
#   bash packaging/dev.sh ci    [ARGS]   the test suite, then the build and the built program's
#                                        --self-test (what .ci/run does); fails if any fails
# System packages (a CJK font, Qt's libraries) are installed with apt-get when running as
# root; otherwise the missing ones are named. Python packages go into .venv/.
set -euo pipefail
cd "$(dirname "$0")/.."
action="${1:-start}"
shift || true
if [ "$action" = build ]; then  # a venv of its own (.venv-build/) and its own packages
  exec bash packaging/build.sh "$@"
fi

# Debian/Ubuntu package names. Tests render offscreen and look at PDFs with poppler-utils;
# a real window also needs xcb.
base_pkgs=(fonts-wqy-microhei poppler-utils libegl1 libgl1 libxkbcommon0 libfontconfig1 libdbus-1-3 libglib2.0-0)
window_pkgs=(libxcb-cursor0 libxkbcommon-x11-0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0
             libxcb-render-util0 libxcb-shape0 libxcb-randr0 libxcb-xinerama0 libxcb-xkb1 libx11-xcb1)
# The tests also run on PostgreSQL: a throwaway cluster of the distribution's server
# (tests/postgres.py finds initdb and pg_ctl in /usr/lib/postgresql/*/bin).
test_pkgs=(postgresql)
pkgs=("${base_pkgs[@]}")
[ "$action" = start ] && pkgs+=("${window_pkgs[@]}")
if [ "$action" = test ] || [ "$action" = ci ]; then pkgs+=("${test_pkgs[@]}"); fi

# shellcheck source=packaging/system_packages.sh
source packaging/system_packages.sh
if ! ensure_packages "${pkgs[@]}" && ! fc-list 2>/dev/null | grep -qi -E 'wqy|yahei|simhei|simsun'; then
  echo "No CJK TrueType font found: install WenQuanYi Micro Hei (fonts-wqy-microhei) or similar." >&2
fi

python=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  if ! "$python" -m venv .venv 2>/dev/null; then
    rm -rf .venv
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
      apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null
      "$python" -m venv .venv
    else
      echo "Cannot create a virtual environment: install python3-venv." >&2
      exit 1
    fi
  fi
fi
# Install only when pyproject.toml changed since the last install (or the venv is new):
# the editable install already sees every change to the code, and pip takes half a
# minute even when it has nothing to do.
stamp=.venv/.studiodesk-installed
wanted="$(sha256sum pyproject.toml | cut -d' ' -f1) [test]"
if [ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ] || [ ! -x .venv/bin/studiodesk ]; then
  rm -f "$stamp"
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -e '.[test]'
  echo "$wanted" > "$stamp"
fi

case "$action" in
  start)
    exec .venv/bin/studiodesk "$@"
    ;;
  test)
    export QT_QPA_PLATFORM=offscreen
    exec .venv/bin/python -m pytest "$@"
    ;;
  ci)
    export QT_QPA_PLATFORM=offscreen
    log=$(mktemp)
    trap 'rm -f "$log"' EXIT
    .venv/bin/python -m pytest "$@" 2>&1 | tee "$log"
    # the Linux bundle, its --version against pyproject's, then its --self-test
    bash packaging/build.sh --self-test
    # the suite's own closing line last, where CI looks for it
    grep -v '^[[:space:]]*$' "$log" | tail -n 1
    ;;
  *)
    echo "usage: bash packaging/dev.sh start|test|build|ci" >&2
    exit 2
    ;;
esac
