/// The attributes each mapper reads, requested by name from a live directory.
///
/// Only what the rules need is fetched. Operational and constructed attributes
/// (`msDS-User-Account-Control-Computed`, `pwdChangedTime`, `createTimestamp`) are never
/// returned unless named, so they must all be listed here; an LDIF export made with the same
/// list (README) reads identically.
public enum RequestedAttributes {
    public static let activeDirectoryAccount = [
        "objectClass", "cn", "sAMAccountName", "userPrincipalName", "displayName", "objectSid", "userAccountControl",
        "msDS-User-Account-Control-Computed", "pwdLastSet", "lastLogon", "lastLogonTimestamp", "accountExpires",
        "lockoutTime", "badPwdCount", "whenCreated", "whenChanged", "adminCount", "memberOf", "primaryGroupID",
        "servicePrincipalName", "mail", "proxyAddresses", "msDS-ResultantPSO", "userPassword", "unixUserPassword",
        "member",
        // domain head and fine-grained policies share the search
        "maxPwdAge", "minPwdLength", "lockoutThreshold", "lockoutDuration", "pwdProperties", "pwdHistoryLength",
        "msDS-MaximumPasswordAge", "msDS-MinimumPasswordLength", "msDS-LockoutThreshold", "msDS-PasswordHistoryLength",
        "msDS-PasswordComplexityEnabled", "msDS-PasswordReversibleEncryptionEnabled", "msDS-PasswordSettingsPrecedence",
    ]

    /// Users, groups, the domain head and fine-grained password policies.
    public static let activeDirectoryFilter =
        "(|(&(objectCategory=person)(objectClass=user))(objectClass=group)(objectClass=domainDNS)(objectClass=msDS-PasswordSettings))"

    public static let ldapAccount = [
        "objectClass", "uid", "cn", "displayName", "mail", "mailAlternateAddress", "mailLocalAddress", "userPassword",
        "memberOf", "member", "uniqueMember", "memberUid",
        "createTimestamp", "modifyTimestamp",
        // ppolicy operational attributes and policy entries
        "pwdChangedTime", "pwdAccountLockedTime", "pwdFailureTime", "pwdReset", "pwdGraceUseTime", "pwdPolicySubentry",
        "pwdLastSuccess", "authTimestamp",
        "pwdMaxAge", "pwdMinLength", "pwdLockout", "pwdMaxFailure", "pwdInHistory",
        // shadowAccount
        "shadowLastChange", "shadowMax", "shadowExpire", "shadowInactive",
        // 389-ds and FreeIPA
        "nsAccountLock", "passwordExpirationTime", "pwdUpdateTime", "passwordRetryCount", "accountUnlockTime", "lastLoginTime",
        "krbLastPwdChange", "krbPasswordExpiration", "krbLastSuccessfulAuth",
        "krbLoginFailedCount", "krbPrincipalExpiration", "ipaUniqueID",
        // FreeIPA's Kerberos password policies
        "krbMaxPwdLife", "krbPwdMinLength", "krbPwdMaxFailure", "krbPwdHistoryLength",
    ] + ds389Policy + ZimbraMapper.attributes

    /// 389-ds password policy attributes, of local `passwordPolicy` entries and of cn=config.
    public static let ds389Policy = [
        "passwordExp", "passwordMaxAge", "passwordMinLength", "passwordLockout", "passwordMaxFailure", "passwordHistory",
        "passwordInHistory", "passwordStorageScheme", "passwordCheckSyntax", "nsslapd-pwpolicy-local",
    ]

    /// 389-ds returns `ldapSubEntry` entries (its local password policies) only to a filter
    /// that names that class.
    public static let ldapFilter =
        "(|(objectClass=posixAccount)(objectClass=inetOrgPerson)(objectClass=shadowAccount)(objectClass=account)"
        + "(objectClass=person)(objectClass=groupOfNames)(objectClass=groupOfUniqueNames)(objectClass=posixGroup)"
        + "(objectClass=pwdPolicy)(objectClass=passwordPolicy)(objectClass=ldapSubEntry)(objectClass=krbPwdPolicy)"
        + "(objectClass=zimbraAccount)(objectClass=zimbraDomain))"
}
