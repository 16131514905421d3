# Sourced by dev.sh and build.sh: ensure_packages PKG... installs the missing Debian/Ubuntu
# packages with apt-get when running as root, otherwise names them. Returns 1 when there
# is no dpkg (not a Debian-like system), so the caller can check in its own way.
ensure_packages() {
  command -v dpkg >/dev/null 2>&1 || return 1
  local missing=() p
  for p in "$@"; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
  done
  [ "${#missing[@]}" -gt 0 ] || return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing system packages: ${missing[*]}"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "Please install these system packages (as root): apt-get install ${missing[*]}" >&2
  fi
}
