#!/usr/bin/env bash
# Installs the Debian packages relay-audit needs.
#
#   install-deps.sh          to build and run it: the OpenLDAP client library, SASL, zlib,
#                            libcrypto and libxcrypt (the opt-in --weak-passwords check).
#                            Safe on a production mail server: no daemon is installed.
#   install-deps.sh --test   also what its tests need: a Samba AD DC, slapd and 389-ds (started only by
#                            Tests/Scripts/with-fixtures.sh, on loopback), the OpenLDAP tools,
#                            libfaketime (to backdate fixture accounts), openssl (test CA),
#                            fail2ban (its mail-log samples are a test corpus), headless Chromium
#                            (the HTML report is opened in it), perl (exiqgrep's regex dialect),
#                            python3-jsonschema (an independent check of the JSON Schema),
#                            python3-evtx (an independent reader of Windows event logs),
#                            python3-cryptography (the incident DC's Kerberos logins are
#                            encrypted with Samba's own kcrypto, which needs it),
#                            and what --package needs plus lintian and man-db (CI builds
#                            the package, checks it and installs it).
#   install-deps.sh --package  what Tests/Scripts/package.sh needs to build the .deb and the
#                            tarball: dpkg-dev (dpkg-shlibdeps) and binutils (strip).
# Swift itself is expected at /opt/swift or on PATH.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"

packages=(libldap2-dev libsasl2-dev zlib1g-dev libssl-dev libcrypt-dev)
packaging=(dpkg-dev binutils)
case "${1:-}" in
  "") ;;
  --package) packages+=("${packaging[@]}") ;;
  --test)
    packages+=("${packaging[@]}" lintian man-db)
    packages+=(ldap-utils slapd 389-ds-base libnss3-tools samba samba-ad-dc samba-ad-provision samba-vfs-modules samba-dsdb-modules python3-samba winbind krb5-user
               faketime libfaketime openssl fail2ban chromium fonts-dejavu-core perl python3-jsonschema python3-evtx python3-cryptography)
    ;;
  *) echo "usage: $0 [--test | --package]" >&2; exit 2 ;;
esac
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
echo "relay-audit: Debian packages installed (${packages[*]})"
