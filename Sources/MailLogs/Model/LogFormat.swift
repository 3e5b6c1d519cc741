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

    /// Formats whose lines arrive through syslog, one daemon per program name, and so can be
    /// mixed in one file (Debian's /var/log/mail.log holds Postfix and Dovecot).
    public var isSyslog: Bool {
        switch self {
        case .postfix, .sendmail, .dovecot, .courier, .vpopmail: true
        case .exim: true  // exim can log through syslog as well as to its mainlog
        default: false
        }
    }

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
        }
    }
}
