import RelayAuditCore
/// Which attribute a last-logon time came from, and so how far it can be trusted.
public enum LastLogonSource: String, Sendable {
    /// AD `lastLogon`: exact, but per domain controller (not replicated).
    case lastLogon
    /// AD `lastLogonTimestamp`: replicated, but lags the real logon by up to 14 days.
    case lastLogonTimestamp
    /// OpenLDAP 2.6 `olcLastBind`.
    case pwdLastSuccess
    /// OpenLDAP `slapo-lastbind`.
    case authTimestamp
    /// FreeIPA KDC bookkeeping (off by default).
    case krbLastSuccessfulAuth
    /// 389-ds Account Policy plugin (`alwaysRecordLogin`).
    case lastLoginTime
    /// Zimbra's `zimbraLastLogonTimestamp`: written at most every
    /// `zimbraLastLogonTimestampFrequency` (7 days by default).
    case zimbraLastLogonTimestamp

    /// True when the recorded time may be earlier than the real last logon.
    public var lags: Bool { self == .lastLogonTimestamp || self == .zimbraLastLogonTimestamp }
}
