# Shared by the fixture scripts (sourced, not run).

# stop_daemon PIDFILE PROGRAM: stops the daemon whose pid PIDFILE holds, but only when that pid
# is PROGRAM's (daemons rewrite their argv; a stale pid file may name someone else's process).
stop_daemon() {
  local pidfile=$1 program=$2
  [ -f "$pidfile" ] || return 0
  local pid; pid=$(cat "$pidfile")
  if [ -d "/proc/$pid" ] && [ "$(readlink "/proc/$pid/exe")" = "$(command -v "$program")" ]; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 50); do [ -d "/proc/$pid" ] || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$pidfile"
}

# fixture_command CMD USAGE: handles `stop` (runs stop and exits) and rejects anything but `start`.
fixture_command() {
  case "$1" in
  stop) stop; exit 0 ;;
  start) ;;
  *) echo "usage: $2" >&2; exit 2 ;;
  esac
}

# wait_for_ldap IP WHAT: waits up to 10 s for an LDAP server on IP:389 to answer a root DSE
# read; fails with "WHAT did not start" otherwise.
wait_for_ldap() {
  local ip=$1 what=$2
  for _ in $(seq 100); do
    ldapsearch -x -H "ldap://$ip" -s base -b '' 1.1 >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "$what did not start" >&2
  return 1
}

# require_packages FIXTURE WHAT=PACKAGE...: before anything starts, checks that each WHAT is
# there (a command name, or an absolute path that may hold a glob) and otherwise names, in one
# line, the Debian package that provides it: a missing piece would otherwise surface as a
# Python traceback from deep inside samba-tool or dscreate ("Please install samba-ad-provision",
# "Error loading module .../vfs/acl_xattr.so").
require_packages() {
  local fixture=$1; shift
  local missing=() pair what package
  for pair in "$@"; do
    what=${pair%%=*}; package=${pair#*=}
    if [[ $what == /* ]]; then
      compgen -G "$what" >/dev/null || missing+=("$package")
    else
      command -v "$what" >/dev/null || missing+=("$package")
    fi
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local unique; unique=$(printf '%s\n' "${missing[@]}" | sort -u | tr '\n' ' ')
  echo "$fixture: missing Debian packages: ${unique% } (Tests/Scripts/install-deps.sh --test installs them)" >&2
  exit 1
}
