#!/usr/bin/env bash
# A real Samba AD DC on a loopback address, provisioned and populated from nothing.
# Usage: samba-fixture.sh start ROOT IP CA_DIR [SERVICES] | samba-fixture.sh stop ROOT
#
# Needs root (Samba's databases and ports). Provisioning runs under libfaketime 2000 days in
# the past so the built-in accounts (Administrator, Guest, krbtgt) are old, as in a real
# domain; see samba-populate.py for the accounts. Only the LDAP service runs (SERVICES, e.g.
# "ldap kdc" for the incident DC that also takes Kerberos logins), in one process, bound to IP
# alone (interfaces = IP/8 makes Samba create a fake interface for it).
set -euo pipefail
cmd=$1; root=$2
dc="$root/dc"
faketime_lib=$(ls /usr/lib/*/faketime/libfaketime.so.1 2>/dev/null | head -n1)

. "$(dirname "$0")/fixture-lib.sh"
stop() { stop_daemon "$dc/run/samba.pid" samba; }
fixture_command "$cmd" "$0 start ROOT IP CA_DIR [SERVICES] | stop ROOT"
require_packages samba-fixture samba=samba samba-tool=samba-common-bin \
  /usr/lib/python3/dist-packages/samba/__init__.py=python3-samba \
  "/usr/share/samba/setup/ad-schema/*"=samba-ad-provision \
  "/usr/lib/*/samba/vfs/acl_xattr.so"=samba-vfs-modules \
  "/usr/lib/*/samba/ldb/samba_dsdb.so"=samba-dsdb-modules \
  "/usr/lib/*/faketime/libfaketime.so.1"=libfaketime ldapsearch=ldap-utils

ip=$3; ca=$4; services=${5:-ldap}
stop
rm -rf "$dc"
mkdir -p "$dc/run" "$dc/log"
: > "$root/empty.conf"
LD_PRELOAD="$faketime_lib" FAKETIME="-2000d" LDB_MODULES_DISABLE_DEEPBIND=1 \
samba-tool domain provision -s "$root/empty.conf" --targetdir="$dc" \
  --realm=CORP.EXAMPLE.TEST --domain=CORP --server-role=dc --dns-backend=SAMBA_INTERNAL \
  --adminpass='Adm1n-Passw0rd!' --host-name=DC1 --host-ip="$ip" \
  --option="interfaces = $ip/8" --option="bind interfaces only = yes" \
  --option="pid directory = $dc/run" --option="ncalrpc dir = $dc/run/ncalrpc" \
  --option="winbindd socket directory = $dc/run/winbindd" \
  --option="ntp signd socket directory = $dc/run/ntp_signd" \
  --option="log file = $dc/log/samba.log" --option="usershare path = $dc/usershares" \
  --option="smb passwd file = $dc/private/smbpasswd" \
  --option="disable netbios = yes" --option="smb ports = 445" > "$root/provision.log" 2>&1 \
  || { tail -20 "$root/provision.log" >&2; exit 1; }

# TLS with the test CA (IP SAN), LDAP only, no DNS forwarder copied from resolv.conf.
sed -i '/dns forwarder = /d' "$dc/etc/smb.conf"
mkdir -p "$dc/private/fixture-tls"
cp "$ca/$ip.pem" "$ca/$ip-key.pem" "$ca/ca.pem" "$dc/private/fixture-tls/"
chmod 600 "$dc/private/fixture-tls/$ip-key.pem"
sed -i "/^\[global\]/a\\
\\ttls enabled = yes\\
\\ttls keyfile = $dc/private/fixture-tls/$ip-key.pem\\
\\ttls certfile = $dc/private/fixture-tls/$ip.pem\\
\\ttls cafile = $dc/private/fixture-tls/ca.pem\\
\\tserver services = $services\\
\\tlog level = 1 auth_json_audit:3@$dc/log/auth.json dsdb_json_audit:5@$dc/log/dsdb.json dsdb_password_json_audit:5@$dc/log/password.json dsdb_group_json_audit:5@$dc/log/group.json" "$dc/etc/smb.conf"

LD_PRELOAD="$faketime_lib" FAKETIME="+0" FAKETIME_NO_CACHE=1 LDB_MODULES_DISABLE_DEEPBIND=1 \
  /usr/bin/python3 "$(dirname "$0")/samba-populate.py" "$dc" > "$root/populate.log" 2>&1 \
  || { tail -20 "$root/populate.log" >&2; exit 1; }

samba -s "$dc/etc/smb.conf" -M single -D
wait_for_ldap "$ip" "samba (see $dc/log)"

# Lock locked.user out with real failed binds (threshold 5), as a spray would.
for _ in 1 2 3 4 5 6; do
  LDAPTLS_CACERT="$ca/ca.pem" ldapwhoami -x -H "ldaps://$ip" -D "locked.user@corp.example.test" -w wrong-password >/dev/null 2>&1 || true
done
echo "samba AD DC ready on $ip"
