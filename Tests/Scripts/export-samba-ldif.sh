#!/usr/bin/env bash
# Exports an Active Directory (or the Samba fixture) to LDIF the way the README tells admins
# to: one paged ldapsearch with exactly the attributes relay-audit reads.
# Usage: export-samba-ldif.sh URL BIND_DN PASSWORD_FILE BASE > export.ldif
# (LDAPTLS_CACERT names the CA for ldaps://.)
set -euo pipefail
url=$1; binddn=$2; pwfile=$3; base=$4
ldapsearch -H "$url" -D "$binddn" -y "$pwfile" -E pr=500/noprompt -b "$base" \
  '(|(&(objectCategory=person)(objectClass=user))(objectClass=group)(objectClass=domainDNS)(objectClass=msDS-PasswordSettings))' \
  objectClass cn sAMAccountName userPrincipalName displayName objectSid userAccountControl \
  msDS-User-Account-Control-Computed pwdLastSet lastLogon lastLogonTimestamp accountExpires lockoutTime \
  badPwdCount whenCreated whenChanged adminCount memberOf primaryGroupID servicePrincipalName mail \
  proxyAddresses msDS-ResultantPSO userPassword unixUserPassword member maxPwdAge minPwdLength \
  lockoutThreshold lockoutDuration pwdProperties pwdHistoryLength msDS-MaximumPasswordAge \
  msDS-MinimumPasswordLength msDS-LockoutThreshold msDS-PasswordHistoryLength \
  msDS-PasswordComplexityEnabled msDS-PasswordReversibleEncryptionEnabled msDS-PasswordSettingsPrecedence
