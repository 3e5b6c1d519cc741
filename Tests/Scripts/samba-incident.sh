#!/usr/bin/env bash
# The incident DC: a second Samba AD DC, built like the fixture's (samba-fixture.sh, same
# accounts) on its own loopback address, with its KDC on, against which samba-incident.py then
# plays an intrusion (a spray over LDAP and Kerberos from 24 addresses, the entry, the changes).
# Its JSON audit logs are the live trail the tests read; the fixture DC's own state stays as
# SambaDirectoryTests expects it.
#
# Usage: samba-incident.sh start ROOT IP CA_DIR | samba-incident.sh stop ROOT
# Writes ROOT/trail/{auth,dsdb,group,password}.json (readable by the tests' user) and
# ROOT/trail/incident.json (what was done, when).
set -euo pipefail
cmd=$1; root=$2
here=$(cd "$(dirname "$0")" && pwd)
case "$cmd" in
  stop) exec "$here/samba-fixture.sh" stop "$root" ;;
  start) ;;
  *) echo "usage: $0 start ROOT IP CA_DIR | stop ROOT" >&2; exit 2 ;;
esac
ip=$3; ca=$4
"$here/samba-fixture.sh" start "$root" "$ip" "$ca" "ldap kdc"
mkdir -p "$root/trail"
/usr/bin/python3 "$here/samba-incident.py" "$ip" "$ca/ca.pem" "$root/trail/incident.json"
# Samba writes its audit lines as they happen; the copies are what it had written by now.
cp "$root/dc/log/auth.json" "$root/dc/log/dsdb.json" "$root/dc/log/group.json" "$root/dc/log/password.json" "$root/trail/"
chmod 755 "$root" "$root/trail"
chmod 644 "$root/trail/"*
