#!/usr/bin/env bash
# Build StudioDesk as one folder with PyInstaller: dist/studiodesk/ (studiodesk --self-test
# checks the result). On Windows (Git Bash) with Inno Setup's iscc on PATH, the installer
# follows: dist/StudioDesk-<version>-setup.exe.
#
#   bash packaging/build.sh            build (a venv in .venv-build/, then the spec)
#   bash packaging/build.sh --self-test   build, then run the built program's self-test
#
# The Python packages go into .venv-build/ (pip install '.[build]': the program, its
# dependencies and PyInstaller), apart from the developers' .venv/. As root on
# Debian/Ubuntu the system packages the build needs are installed with apt-get: the CJK
# font that is bundled (fonts-wqy-microhei), binutils (PyInstaller reads the libraries
# with objdump) and Qt's libraries for the self-test.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$SECONDS
self_test=0
for arg in "$@"; do
  case "$arg" in
    --self-test) self_test=1 ;;
    *) echo "usage: bash packaging/build.sh [--self-test]" >&2; exit 2 ;;
  esac
done

pkgs=(fonts-wqy-microhei binutils libegl1 libgl1 libxkbcommon0 libfontconfig1 libdbus-1-3 libglib2.0-0)
# shellcheck source=packaging/system_packages.sh
source packaging/system_packages.sh
ensure_packages "${pkgs[@]}" || true

venv=.venv-build
python=${PYTHON:-python3}
if [ -x "$venv/Scripts/python.exe" ]; then
  vpy="$venv/Scripts/python.exe"  # Windows
else
  vpy="$venv/bin/python"
fi
if [ ! -x "$vpy" ]; then
  rm -rf "$venv"
  if ! "$python" -m venv "$venv"; then
    rm -rf "$venv"
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
      apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null
      "$python" -m venv "$venv"
    else
      echo "Cannot create a virtual environment: install python3-venv." >&2
      exit 1
    fi
  fi
  [ -x "$venv/Scripts/python.exe" ] && vpy="$venv/Scripts/python.exe"
fi
printf '*\n' > "$venv/.gitignore"  # the build venv is never committed
"$vpy" -m pip install --quiet --upgrade pip
# Not editable: the distribution's metadata (whose version the frozen program reports)
# is written fresh from pyproject.toml at every build.
"$vpy" -m pip install --quiet '.[build]'

version=$("$vpy" -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')
echo "Building StudioDesk $version with $("$vpy" -m PyInstaller --version | sed 's/^/PyInstaller /')"
"$vpy" -m PyInstaller --noconfirm --log-level WARN \
  --distpath dist --workpath build/pyinstaller packaging/studiodesk.spec

bundle=dist/studiodesk
exe="$bundle/studiodesk"
[ -x "$bundle/studiodesk-cli.exe" ] && exe="$bundle/studiodesk-cli.exe"
if [ ! -x "$exe" ]; then
  echo "build failed: no $exe" >&2
  exit 1
fi
echo "Built $bundle in $((SECONDS - started)) s: $(du -sh "$bundle" | cut -f1) ($(find "$bundle" -type f | wc -l) files)"

if command -v iscc >/dev/null 2>&1; then
  # Git Bash would turn /Q and /D... into paths: no conversion for iscc's switches.
  MSYS2_ARG_CONV_EXCL='*' iscc /Q "/DAppVersion=$version" packaging/installer.iss
  echo "Installer: dist/StudioDesk-$version-setup.exe"
fi

if [ "$self_test" = 1 ]; then
  reported=$("$exe" --version)
  if [ "$reported" != "StudioDesk $version" ]; then
    echo "the built program says '$reported', pyproject says $version" >&2
    exit 1
  fi
  "$exe" --self-test
fi
