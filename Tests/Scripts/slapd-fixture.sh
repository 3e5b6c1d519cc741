#!/usr/bin/env bash
# A real OpenLDAP slapd with the ppolicy and lastbind overlays on a loopback address, loaded offline with
# slapadd from slapd-populate.py's LDIF.
# Usage: slapd-fixture.sh start ROOT IP CA_DIR | slapd-fixture.sh stop ROOT
#
# Listens on ldap://IP:389 (StartTLS) and ldaps://IP:636 with the test CA's certificate, and
# on ldapi:// under ROOT. Bind identities: cn=admin (rootdn), cn=auditor (reads everything,
# including userPassword, writes nothing), cn=limited (a 20-entry size limit).
# A second tree, dc=zimbra,dc=test with cn=zimbra beside it, is a Zimbra directory on Zimbra's
# published schema (Tests/Fixtures/zimbra), loaded from zimbra-populate.py; the auditor reads it.
set -euo pipefail
cmd=$1; root=$2
here=$(cd "$(dirname "$0")" && pwd)
fixtures=$(cd "$here/../Fixtures" && pwd)
base="dc=example,dc=org"

. "$(dirname "$0")/fixture-lib.sh"
stop() { stop_daemon "$root/slapd.pid" slapd; }
fixture_command "$cmd" "$0 start ROOT IP CA_DIR | stop ROOT"
require_packages slapd-fixture slapd=slapd slapadd=slapd ldapsearch=ldap-utils python3=python3

ip=$3; ca=$4
stop
rm -rf "$root/db" "$root/db-zimbra" "$root/db-zimbra-config" "$root/slapd.conf" "$root/tls"
mkdir -p "$root/db" "$root/db-zimbra" "$root/db-zimbra-config" "$root/tls"
cp "$ca/ca.pem" "$ca/$ip.pem" "$ca/$ip-key.pem" "$root/tls/"
chmod 600 "$root/tls/$ip-key.pem"
rootpw=$(slappasswd -s 'Admin-Passw0rd!')

cat > "$root/slapd.conf" <<CONF
include /etc/ldap/schema/core.schema
include /etc/ldap/schema/cosine.schema
include /etc/ldap/schema/nis.schema
include /etc/ldap/schema/inetorgperson.schema
include $fixtures/zimbra/zimbra.schema
include $fixtures/zimbra/zimbra-attrs-since-2006.schema
modulepath /usr/lib/ldap
moduleload back_mdb
moduleload ppolicy
moduleload lastbind
pidfile $root/slapd.pid
argsfile $root/slapd.args
TLSCACertificateFile $root/tls/ca.pem
TLSCertificateFile $root/tls/$ip.pem
TLSCertificateKeyFile $root/tls/$ip-key.pem

# cn=config, readable by the auditor: the ppolicy overlay's settings (olcPPolicyHashCleartext
# is left off, as it is unless an admin turns it on).
database config
access to * by dn.exact="cn=auditor,ou=system,$base" read by * none

database mdb
maxsize 104857600
suffix "$base"
rootdn "cn=admin,$base"
rootpw $rootpw
directory $root/db
overlay ppolicy
ppolicy_default "cn=default,ou=policies,$base"
# slapo-lastbind (Debian ships it): authTimestamp on each successful bind, so staleness is
# measurable from the directory; slapadd writes the fixture's past values.
overlay lastbind
lastbind-precision 60

# Any local peer over ldapi:// is the auditor (SASL EXTERNAL test; the fixture is loopback-only).
authz-regexp "gidNumber=[0-9]+\\\\+uidNumber=[0-9]+,cn=peercred,cn=external,cn=auth" "cn=auditor,ou=system,$base"
access to attrs=userPassword
  by dn.exact="cn=auditor,ou=system,$base" read
  by self =xw
  by anonymous auth
  by * none
access to *
  by dn.exact="cn=auditor,ou=system,$base" read
  by dn.exact="cn=limited,ou=system,$base" read
  by users read
  by * none
limits dn.exact="cn=limited,ou=system,$base" size.soft=20 size.hard=20 size.prtotal=20

# Zimbra: the mail domain's accounts, and Zimbra's own tree (classes of service) beside it.
database mdb
maxsize 104857600
suffix "dc=zimbra,dc=test"
rootdn "cn=admin,dc=zimbra,dc=test"
directory $root/db-zimbra
access to * by dn.exact="cn=auditor,ou=system,$base" read by * none

database mdb
maxsize 10485760
suffix "cn=zimbra"
rootdn "cn=admin,cn=zimbra"
directory $root/db-zimbra-config
access to * by dn.exact="cn=auditor,ou=system,$base" read by * none
CONF

python3 "$here/slapd-populate.py" > "$root/fixture.ldif"
python3 "$here/zimbra-populate.py" accounts > "$root/zimbra.ldif"
python3 "$here/zimbra-populate.py" config > "$root/zimbra-config.ldif"
for load in "$base fixture" "dc=zimbra,dc=test zimbra" "cn=zimbra zimbra-config"; do
  suffix=${load% *}; file=${load##* }
  slapadd -q -f "$root/slapd.conf" -b "$suffix" -l "$root/$file.ldif" 2> "$root/slapadd.log" \
    || { tail -20 "$root/slapadd.log" >&2; exit 1; }
done
ldapi="ldapi://$(printf '%s' "$root/ldapi" | sed 's|/|%2F|g')"
slapd -f "$root/slapd.conf" -h "ldap://$ip:389/ ldaps://$ip:636/ $ldapi" 2> "$root/slapd.log" \
  || { tail -20 "$root/slapd.log" >&2; exit 1; }
wait_for_ldap "$ip" slapd
echo "slapd ready on $ip ($ldapi)"
