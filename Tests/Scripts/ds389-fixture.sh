#!/usr/bin/env bash
# A real 389 Directory Server (Debian 389-ds-base) on a loopback address, created with
# dscreate and loaded offline (ns-slapd ldif2db) from ds389-populate.py's LDIF.
# Usage: ds389-fixture.sh start ROOT IP CA_DIR | ds389-fixture.sh stop ROOT
#
# Listens on ldap://IP:389 (StartTLS) and ldaps://IP:636 with the test CA's certificate,
# imported into the instance's NSS database as Server-Cert. Bind identities: cn=Directory Manager and cn=auditor,ou=system
# (reads accounts, their password state and cn=config's password policy; writes nothing).
# 389-ds keeps an instance at fixed paths (/etc/dirsrv/slapd-NAME, /var/lib/dirsrv/slapd-NAME,
# /var/log/dirsrv/slapd-NAME); this instance is named relayaudit and removed by `stop`.
# Without systemd (containers, CI), dscreate's calls to systemctl go to a stand-in under ROOT
# that runs ns-slapd in the foreground (daemonizing reopens /dev/null as the dirsrv user).
set -euo pipefail
cmd=$1; root=$2
name=relayaudit
base="dc=example,dc=net"
here=$(cd "$(dirname "$0")" && pwd)
pidfile=/run/dirsrv/slapd-$name.pid

. "$(dirname "$0")/fixture-lib.sh"
stop() {
  stop_daemon "$pidfile" ns-slapd
  rm -rf "/etc/dirsrv/slapd-$name" "/var/lib/dirsrv/slapd-$name" "/var/log/dirsrv/slapd-$name" \
         "/run/lock/dirsrv/slapd-$name" "/dev/shm/slapd-$name"
}
fixture_command "$cmd" "$0 start ROOT IP CA_DIR | stop ROOT"
require_packages ds389-fixture ns-slapd=389-ds-base dscreate=python3-lib389 certutil=libnss3-tools \
  openssl=openssl ldapsearch=ldap-utils

ip=$3; ca=$4
stop
mkdir -p "$root/bin"
cat > "$root/bin/systemctl" <<SHIM
#!/usr/bin/env bash
# systemctl stand-in for dscreate: start|stop|restart|is-active dirsrv@NAME.
action=""; for a in "\$@"; do case "\$a" in -*) ;; *) [ -z "\$action" ] && action=\$a ;; esac; done
running() { [ -f "$pidfile" ] && [ -d "/proc/\$(cat "$pidfile")" ]; }
stop() { running || return 0; kill "\$(cat "$pidfile")"; for _ in \$(seq 300); do running || return 0; sleep 0.1; done; return 1; }
case "\$action" in
start|restart)
  [ "\$action" = restart ] && stop
  running && exit 0
  mkdir -p /run/dirsrv "/run/lock/dirsrv/slapd-$name"
  chown dirsrv:dirsrv /run/dirsrv "/run/lock/dirsrv/slapd-$name"
  setsid /usr/sbin/ns-slapd -D "/etc/dirsrv/slapd-$name" -i "$pidfile" -d 0 >> "$root/ns-slapd.log" 2>&1 < /dev/null &
  for _ in \$(seq 300); do running && exit 0; sleep 0.1; done; exit 1 ;;
stop) stop ;;
is-active|status) running ;;
*) exit 0 ;;
esac
SHIM
chmod +x "$root/bin/systemctl"
export PATH="$root/bin:$PATH"

# Created on a spare port: before its listen address is set, the server binds every address,
# and port 389 is already taken on the other fixtures' addresses.
cat > "$root/instance.inf" <<INF
[general]
full_machine_name = ds.example.test
start = True
systemd = False
selinux = False
strict_host_checking = False
[slapd]
instance_name = $name
port = 38389
secure_port = 38636
root_password = Admin-Passw0rd!
self_sign_cert = False
[backend-userroot]
sample_entries = no
suffix = $base
create_suffix_entry = False
INF
dscreate from-file "$root/instance.inf" > "$root/dscreate.log" 2>&1 || { tail -20 "$root/dscreate.log" >&2; exit 1; }
systemctl stop "dirsrv@$name"

# Listen on IP:389 only; the auditor may read the global password policy, which is made
# typical of an old install: new passwords stored as {SSHA}, no expiry, no lockout (the
# defaults), no syntax check (so no minimum length).
config=/etc/dirsrv/slapd-$name/dse.ldif
python3 - "$config" "$ip" <<'PY'
import sys
path, ip = sys.argv[1], sys.argv[2]
text = open(path).read()
head, sep, rest = text.partition("dn: cn=config\n")
entry, sep2, tail = rest.partition("\n\n")
lines = [l for l in entry.split("\n") if not l.lower().startswith(("nsslapd-port:", "nsslapd-listenhost:", "passwordstoragescheme:"))]
lines = [l for l in lines if not l.lower().startswith(("nsslapd-security:", "nsslapd-secureport:", "nsslapd-securelistenhost:"))]
# The secure port has its own listen address; left unset it takes every address, port 636 included.
lines += ["nsslapd-port: 389", "nsslapd-listenhost: " + ip, "nsslapd-security: on", "nsslapd-securePort: 636",
          "nsslapd-securelistenhost: " + ip,
          "passwordStorageScheme: SSHA",
          'aci: (targetattr="objectClass || passwordExp || passwordMaxAge || passwordMinLength || passwordCheckSyntax || passwordLockout || passwordMaxFailure || passwordHistory || passwordInHistory || passwordStorageScheme || nsslapd-pwpolicy-local")(version 3.0; acl "relay-audit auditor reads the password policy"; allow (read, search, compare) userdn="ldap:///cn=auditor,ou=system,dc=example,dc=net";)']
open(path, "w").write(head + sep + "\n".join(lines) + sep2 + tail)
PY

# TLS: the test CA's certificate for IP, under the nickname cn=RSA,cn=encryption names.
nss="sql:/etc/dirsrv/slapd-$name"
openssl pkcs12 -export -in "$ca/$ip.pem" -inkey "$ca/$ip-key.pem" -name Server-Cert -passout pass: -out "$root/server.p12"
pk12util -i "$root/server.p12" -d "$nss" -k "/etc/dirsrv/slapd-$name/pwdfile.txt" -W '' > "$root/pk12util.log" 2>&1 \
  || { cat "$root/pk12util.log" >&2; exit 1; }
certutil -A -d "$nss" -f "/etc/dirsrv/slapd-$name/pwdfile.txt" -n "relay-audit test CA" -t "CT,," -a -i "$ca/ca.pem"
chown dirsrv "/etc/dirsrv/slapd-$name"/*.db

ldif=/var/lib/dirsrv/slapd-$name/ldif/fixture.ldif
/usr/bin/python3 "$here/ds389-populate.py" > "$ldif"
chown dirsrv:dirsrv "$ldif"
/usr/sbin/ns-slapd ldif2db -D "/etc/dirsrv/slapd-$name" -n userRoot -i "$ldif" > "$root/import.log" 2>&1 \
  || { tail -20 "$root/import.log" >&2; exit 1; }
systemctl start "dirsrv@$name" || { tail -n 20 "$root/ns-slapd.log" "/var/log/dirsrv/slapd-$name/errors" >&2; exit 1; }
wait_for_ldap "$ip" 389-ds
echo "389-ds ready on $ip"
