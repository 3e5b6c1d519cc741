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
}
