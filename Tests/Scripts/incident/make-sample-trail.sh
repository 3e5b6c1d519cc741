#!/usr/bin/env bash
# Writes the sample incident's DC audit trail (Tests/Fixtures/samples/incident/dc1/*.json): a
# fresh fixture Samba AD DC on 127.0.0.12 without it.support, then make-sample-trail.py plays
# the intruder's step (svc.backup, from 127.66.0.1, creates it.support and adds it to Domain
# Admins) and moves the DC's records to the sample's story time and domain SID.
# Usage (as root, on a machine with install-deps.sh --test): make-sample-trail.sh [OUT_DIR]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
scripts=$(dirname "$here")
repo=$(dirname "$(dirname "$scripts")")
out=${1:-$repo/Tests/Fixtures/samples/incident/dc1}
ip=127.0.0.12
root=$(mktemp -d /tmp/relay-audit-sample-trail.XXXXXX)
trap '"$scripts/samba-fixture.sh" stop "$root/samba" || true; rm -rf "$root"' EXIT
"$scripts/make-test-ca.sh" "$root/ca" "$ip"
"$scripts/samba-fixture.sh" start "$root/samba" "$ip" "$root/ca"
# The sample's it.support did not exist before the intruder created it.
ldapi="ldapi://$(printf '%s' "$root/samba/dc/private/ldap_priv/ldapi" | sed 's|/|%2F|g')"
samba-tool user delete it.support -H "$ldapi" >/dev/null
/usr/bin/python3 "$here/make-sample-trail.py" "$ip" "$root/ca/ca.pem" "$root/samba/dc/log" \
  "$repo/Tests/Fixtures/samples/corp-example-test.ldif" "$out"
