# Sourced by the setup steps (scripts/setup.d/NN-*.sh): one way to install Debian packages.
#   apt_install WHO PKG...    installs the packages with apt-get (through sudo when not root),
#                             running `apt-get update` only when apt does not know one of them yet (or
#                             when the install fails on a stale package list);
#                             WHO names the step in the messages ("setup (WHO): ...").
apt_install() {
  local who=$1; shift
  (( $# )) || return 0
  command -v apt-get >/dev/null \
    || { echo "setup ($who): apt-get not found; install $* by hand" >&2; return 1; }
  echo "setup ($who): installing $* from Debian" >&2
  local sudo=() pkg known=1
  (( EUID == 0 )) || sudo=(sudo)
  for pkg in "$@"; do
    apt-cache show "$pkg" >/dev/null 2>&1 || known=0
  done
  (( known )) || "${sudo[@]}" apt-get update -qq
  local install=("${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@")
  # A package list older than the mirror names files that are gone: update once and retry.
  "${install[@]}" >/dev/null && return 0
  (( known )) || return 1
  "${sudo[@]}" apt-get update -qq && "${install[@]}" >/dev/null
}
