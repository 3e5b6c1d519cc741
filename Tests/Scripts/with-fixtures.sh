#!/usr/bin/env bash
# Starts the test directories, runs a command with their coordinates in the environment, and
# stops them whatever the command's outcome. Usage: with-fixtures.sh COMMAND [ARG...]
#
#   Samba AD DC  127.0.0.10  ldap:// (StartTLS), ldaps://    bind svc.audit@corp.example.test
#   incident DC  127.0.0.11  the same accounts, then an intrusion played against it
#                            (samba-incident.sh): its audit trail in $RELAY_AUDIT_SAMBA_INCIDENT_TRAIL
#   slapd        127.0.0.20  ldap:// (StartTLS), ldaps://, ldapi://   bind cn=auditor,ou=system,dc=example,dc=org
#   389-ds       127.0.0.30  ldap:// (StartTLS), ldaps://            bind cn=auditor,ou=system,dc=example,dc=net
#                                                                  (cn=limited: the same, with a 4-entry size limit)
#
# The servers need root (Samba's databases, ports 389/636): when not run as root, they are
# started and stopped through sudo; the command itself runs as the calling user. Each server
# binds only its own loopback address, so nothing else on the machine is touched; a server
# already listening on the wildcard address of port 389 or 636 would block them, and the start
# fails with its log.
set -euo pipefail
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
here=$(cd "$(dirname "$0")" && pwd)
root=$(mktemp -d /tmp/relay-audit-fixtures.XXXXXX)
samba_ip=127.0.0.10
incident_ip=127.0.0.11
slapd_ip=127.0.0.20
ds389_ip=127.0.0.30

cleanup() {
  as_root "$here/samba-fixture.sh" stop "$root/samba" || true
  as_root "$here/samba-incident.sh" stop "$root/samba-incident" || true
  as_root "$here/slapd-fixture.sh" stop "$root/slapd" || true
  as_root "$here/ds389-fixture.sh" stop "$root/ds389" || true
  as_root rm -rf "$root"
}
trap cleanup EXIT

"$here/make-test-ca.sh" "$root/ca" "$samba_ip" "$slapd_ip" "$ds389_ip" "$incident_ip"
as_root "$here/samba-fixture.sh" start "$root/samba" "$samba_ip" "$root/ca"
as_root "$here/samba-incident.sh" start "$root/samba-incident" "$incident_ip" "$root/ca"
as_root "$here/slapd-fixture.sh" start "$root/slapd" "$slapd_ip" "$root/ca"
as_root "$here/ds389-fixture.sh" start "$root/ds389" "$ds389_ip" "$root/ca"
umask 077
printf '%s' 'Fixture-Passw0rd!' > "$root/samba-password"
printf '%s' 'Fixture-Passw0rd!' > "$root/slapd-password"

export RELAY_AUDIT_FIXTURES="$root"
export RELAY_AUDIT_CA="$root/ca/ca.pem"
export RELAY_AUDIT_OTHER_CA="$root/ca/other-ca.pem"
export RELAY_AUDIT_SAMBA_IP="$samba_ip"
export RELAY_AUDIT_SAMBA_BIND_DN="svc.audit@corp.example.test"
export RELAY_AUDIT_SAMBA_PASSWORD_FILE="$root/samba-password"
# An identity that may not read bob.smith's userAccountControl and pwdLastSet (same password).
export RELAY_AUDIT_SAMBA_LIMITED_DN="bulk0500@corp.example.test"
export RELAY_AUDIT_SAMBA_BASE="DC=corp,DC=example,DC=test"
export RELAY_AUDIT_SAMBA_INCIDENT_IP="$incident_ip"
export RELAY_AUDIT_SAMBA_INCIDENT_TRAIL="$root/samba-incident/trail"
export RELAY_AUDIT_SLAPD_IP="$slapd_ip"
export RELAY_AUDIT_SLAPD_BIND_DN="cn=auditor,ou=system,dc=example,dc=org"
export RELAY_AUDIT_SLAPD_LIMITED_DN="cn=limited,ou=system,dc=example,dc=org"
export RELAY_AUDIT_SLAPD_PASSWORD_FILE="$root/slapd-password"
export RELAY_AUDIT_SLAPD_LDAPI="ldapi://$(printf '%s' "$root/slapd/ldapi" | sed 's|/|%2F|g')"
export RELAY_AUDIT_DS389_IP="$ds389_ip"
export RELAY_AUDIT_DS389_BIND_DN="cn=auditor,ou=system,dc=example,dc=net"
# The auditor's rights with a size limit of 4 entries (nsSizeLimit; same password).
export RELAY_AUDIT_DS389_LIMITED_DN="cn=limited,ou=system,dc=example,dc=net"
export RELAY_AUDIT_DS389_PASSWORD_FILE="$root/slapd-password"
export RELAY_AUDIT_SLAPD_PIDFILE="$root/slapd/slapd.pid"
umask 022
"$@"
