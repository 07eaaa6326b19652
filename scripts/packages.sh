# Sourced by the scripts: installs the Debian packages the tests use, when they are missing.
# Each is an independent peer the suite checks our code against (see README "Test peers").
ensure_packages() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "Installing Debian packages: ${missing[*]}" >&2
  local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -q >&2 || true
  $sudo apt-get install -y -q --no-install-recommends "${missing[@]}" >&2
}
