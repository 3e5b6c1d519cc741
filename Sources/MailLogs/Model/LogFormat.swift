/// The log formats `--format` names; `auto` detects one per file.
public enum LogFormat: String, Sendable, CaseIterable {
    case postfix
    case exim
    case sendmail
    case dovecot
    case courier
    case vpopmail
    case exchangeProtocol = "exchange-protocol"
    case exchangeTracking = "exchange-tracking"
    case iisSMTP = "iis-smtp"
    case m365Trace = "m365-trace"
    case nginxMail = "nginx-mail"
    /// Zimbra's mailboxd: audit.log and mailbox.log.
    case zimbra
    /// Windows event logs (`.evtx`): a domain controller's or an Exchange server's Security log.
    case windowsEvents = "windows-evtx"
    /// Windows events as XML text (`wevtutil qe /f:xml`, `Get-WinEvent … ToXml()`).
    case windowsXML = "windows-xml"
    /// A Samba AD DC's JSON audit logs (auth_json_audit, dsdb_*_json_audit).
    case sambaAudit = "samba-json"
    /// relay-audit's own events (`relay-audit events`, or a SIEM's export of them).
    case ecs

    /// Position in `allCases`, for counters kept in arrays.
    public var index: Int {
        switch self {
        case .postfix: 0
        case .exim: 1
        case .sendmail: 2
        case .dovecot: 3
        case .courier: 4
        case .vpopmail: 5
        case .exchangeProtocol: 6
        case .exchangeTracking: 7
        case .iisSMTP: 8
        case .m365Trace: 9
        case .nginxMail: 10
        case .zimbra: 11
        case .windowsEvents: 12
        case .windowsXML: 13
        case .sambaAudit: 14
        case .ecs: 15
        }
    }
}
