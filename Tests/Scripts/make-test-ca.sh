#!/usr/bin/env bash
# Creates a throw-away CA and one server certificate per fixture address, for the TLS tests.
# Usage: make-test-ca.sh DIR IP...
# Writes DIR/ca.pem, DIR/ca-key.pem and DIR/<ip>.pem + DIR/<ip>-key.pem (SAN IP:<ip>).
# A second, unrelated CA (DIR/other-ca.pem) lets tests prove an untrusted certificate is refused.
set -euo pipefail
. "$(dirname "$0")/fixture-lib.sh"
require_packages make-test-ca openssl=openssl
dir=$1; shift
mkdir -p "$dir"
cd "$dir"
make_ca() {  # name
  openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=relay-audit test $1" \
    -keyout "$1-key.pem" -out "$1.pem" >/dev/null 2>&1
}
[ -f ca.pem ] || make_ca ca
[ -f other-ca.pem ] || make_ca other-ca
for ip in "$@"; do
  [ -f "$ip.pem" ] && continue
  openssl req -newkey rsa:2048 -nodes -subj "/CN=$ip" -keyout "$ip-key.pem" -out "$ip.csr" >/dev/null 2>&1
  printf 'subjectAltName=IP:%s,DNS:localhost\nextendedKeyUsage=serverAuth\n' "$ip" > "$ip.ext"
  openssl x509 -req -in "$ip.csr" -CA ca.pem -CAkey ca-key.pem -CAcreateserial -days 30 \
    -extfile "$ip.ext" -out "$ip.pem" >/dev/null 2>&1
  rm -f "$ip.csr" "$ip.ext"
  chmod 600 "$ip-key.pem"
done
