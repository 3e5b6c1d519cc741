#!/usr/bin/env bash
# Installs the Debian packages relay-audit needs to build and to run its tests:
# the OpenLDAP client library and tools, a Samba AD DC, slapd, libfaketime (to backdate
# fixture accounts), openssl (test CA), and fail2ban (its mail-log samples are a test corpus).
# Swift itself is expected at /opt/swift or on PATH.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends \
  libldap2-dev libsasl2-dev zlib1g-dev ldap-utils slapd \
  samba samba-dsdb-modules python3-samba winbind krb5-user \
  faketime libfaketime openssl fail2ban >/dev/null
echo "relay-audit: Debian packages installed"
