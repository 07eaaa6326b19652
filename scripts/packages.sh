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
  # Peers like kamailio ship a system service listening on 5060, the P-CSCF's default port: the tests start
  # their own instances on free ports, so no daemon is started or enabled by this install (policy-rc.d 101).
  local policy=/usr/sbin/policy-rc.d ours=""
  if [ ! -e "$policy" ]; then
    $sudo sh -c "printf '#!/bin/sh\nexit 101\n' > $policy && chmod 755 $policy" && ours=1
  fi
  local rc=0
  $sudo apt-get install -y -q --no-install-recommends "${missing[@]}" >&2 || rc=$?
  [ -n "$ours" ] && $sudo rm -f "$policy"
  if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
    for p in "${missing[@]}"; do
      [ "$p" = kamailio ] && $sudo systemctl disable --now kamailio >/dev/null 2>&1 || true
    done
  fi
  return $rc
}
