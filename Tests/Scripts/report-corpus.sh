#!/usr/bin/env bash
# Writes every report relay-audit makes of every fixture into one folder, so two builds can be
# compared byte for byte (a refactoring must not change a report):
#
#   Tests/Scripts/report-corpus.sh .build/debug/relay-audit /tmp/before
#   ... change the code, build ...
#   Tests/Scripts/report-corpus.sh .build/debug/relay-audit /tmp/after
#   diff -r /tmp/before /tmp/after
#
# Covered: `logs` in every format and `events` for every log fixture (the repository's, Debian
# fail2ban's samples and ../shared's public samples when present), `directory` for every LDIF,
# `audit` for the sample incident, the hostile fixture (AD and OpenLDAP exports) and the
# Microsoft incident logs, and the audit trails (Windows XML and .evtx, Samba JSON) with the
# sample audit given its DC's trail. Run under Tests/Scripts/with-fixtures.sh, it adds `directory` and
# `audit` against the live Samba AD DC, slapd and 389-ds. The moment of measure is fixed
# (--as-of), so reports do not move with the clock; a live Samba DC still moves the bind
# account's lastLogon with every bind, which a comparison must leave out.
set -uo pipefail
binary=$(realpath "$1")
out=$2
cd "$(dirname "$0")/../.."
mkdir -p "$out"
asof=2026-11-29T01:45:58Z
common=(--as-of "$asof" --timezone UTC)

run() {  # run NAME ARGS...: stdout to NAME, stderr and the exit status to NAME.status
  local name=$1; shift
  "$binary" "$@" > "$out/$name" 2> "$out/$name.stderr"
  echo "exit $?" >> "$out/$name.stderr"
}

# Every log the repository holds: the samples' folders (a new format's fixture is picked up),
# the hostile log and the Microsoft files.
logs=($(find Tests/Fixtures/samples -mindepth 2 -type f | sort) Tests/Fixtures/hostile/mail.log
      Tests/Fixtures/microsoft/RECV2026112800-1.LOG Tests/Fixtures/microsoft/MSGTRK2026112800-1.LOG
      Tests/Fixtures/microsoft/ex261128.log Tests/Fixtures/microsoft/messagetrace.csv Tests/Fixtures/microsoft/public/*)
fail2ban=/usr/lib/python3/dist-packages/fail2ban/tests/files/logs
for name in postfix exim exim-spam sendmail-auth sendmail-reject dovecot courier-auth courier-smtp; do
  [ -f "$fail2ban/$name" ] && logs+=("$fail2ban/$name")
done
for file in ../shared/samples/public-formats/*.log; do [ -f "$file" ] && logs+=("$file"); done
# The directory's audit trails: Windows event XML, Samba's JSON audit logs, real .evtx files.
logs+=(Tests/Fixtures/windows/*.xml Tests/Fixtures/samba/*.json)
for file in ../shared/samples/evtx/*.evtx; do [ -f "$file" ] && logs+=("$file"); done

for log in "${logs[@]}"; do
  key=$(printf '%s' "$log" | tr '/' '_')
  for format in json text markdown html csv; do run "logs-$key.$format" logs "$log" "${common[@]}" --output "$format"; done
  run "events-$key.ndjson" events "$log" --timezone UTC
done
run "logs-microsoft-protocol+tracking.json" logs Tests/Fixtures/microsoft/MSGTRK2026112800-1.LOG Tests/Fixtures/microsoft/RECV2026112800-1.LOG \
  "${common[@]}" --output json

for ldif in Tests/Fixtures/samples/corp-example-test.ldif Tests/Fixtures/hostile/directory-ad.ldif Tests/Fixtures/hostile/directory-openldap.ldif \
            Tests/Fixtures/freeipa/ipa-export.ldif; do
  key=$(basename "$ldif" .ldif)
  for format in json text markdown html csv; do run "directory-$key.$format" directory --ldif "$ldif" --as-of "$asof" --output "$format"; done
done

audit() {  # audit NAME LDIF LOG...
  local name=$1 ldif=$2; shift 2
  for format in json text markdown html csv; do run "audit-$name.$format" audit --ldif "$ldif" --logs "$@" "${common[@]}" --output "$format"; done
}
audit sample Tests/Fixtures/samples/corp-example-test.ldif Tests/Fixtures/samples/incident/mail.log
audit hostile-ad Tests/Fixtures/hostile/directory-ad.ldif Tests/Fixtures/hostile/mail.log
audit hostile-openldap Tests/Fixtures/hostile/directory-openldap.ldif Tests/Fixtures/hostile/mail.log
audit exchange-protocol Tests/Fixtures/samples/corp-example-test.ldif Tests/Fixtures/microsoft/RECV2026112800-1.LOG Tests/Fixtures/microsoft/MSGTRK2026112800-1.LOG
audit exchange-w3c Tests/Fixtures/samples/corp-example-test.ldif Tests/Fixtures/microsoft/ex261128.log
audit m365 Tests/Fixtures/samples/corp-example-test.ldif Tests/Fixtures/microsoft/messagetrace.csv
# The README's sample audit, with its DC's trail; and with the Samba fixture's scripted trail.
audit sample-trail Tests/Fixtures/samples/corp-example-test.ldif Tests/Fixtures/samples/incident/mail.log \
  --security-logs Tests/Fixtures/samples/incident/dc1/*.json
audit samba-trail Tests/Fixtures/samples/corp-example-test.ldif Tests/Fixtures/samples/incident/mail.log \
  --security-logs Tests/Fixtures/samba/*.json

if [ -n "${RELAY_AUDIT_FIXTURES:-}" ]; then
  live() {  # live NAME URL BIND-DN PASSWORD-FILE
    local name=$1 url=$2 dn=$3 pw=$4
    local conn=(--ldap "$url" --bind-dn "$dn" --password-file "$pw" --ca-file "$RELAY_AUDIT_CA")
    for format in json text markdown html csv; do
      run "live-directory-$name.$format" directory "${conn[@]}" --as-of "$asof" --output "$format"
      run "live-audit-$name.$format" audit "${conn[@]}" --logs Tests/Fixtures/samples/incident/mail.log "${common[@]}" --output "$format"
    done
  }
  live samba "ldaps://$RELAY_AUDIT_SAMBA_IP" "$RELAY_AUDIT_SAMBA_BIND_DN" "$RELAY_AUDIT_SAMBA_PASSWORD_FILE"
  live slapd "ldaps://$RELAY_AUDIT_SLAPD_IP" "$RELAY_AUDIT_SLAPD_BIND_DN" "$RELAY_AUDIT_SLAPD_PASSWORD_FILE"
  live ds389 "ldaps://$RELAY_AUDIT_DS389_IP" "$RELAY_AUDIT_DS389_BIND_DN" "$RELAY_AUDIT_DS389_PASSWORD_FILE"
fi
echo "report-corpus: $(ls "$out" | grep -vc '\.stderr$') reports in $out"
