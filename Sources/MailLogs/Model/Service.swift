/// The service an authentication was made to: what the password was tried against.
///
/// It decides what an authentication proves. SMTP AUTH (`smtp`, `submission`) is how a spammer
/// relays, so it is the evidence the account signals judge; a mailbox login (`imap`, `pop`,
/// `sieve`, `web`) proves the password works but sends nothing; a domain controller's Kerberos,
/// NTLM or LDAP logon is neither, and never counts as SMTP AUTH. Readers set it from what
/// the line says (the daemon, the protocol log, the Windows logon type); nil when the line
/// cannot tell (Dovecot's `auth` process serves SMTP and IMAP alike), which counts as SMTP.
public enum Service: String, Sendable, CaseIterable {
    case smtp
    case submission
    case imap
    case pop = "pop3"
    case sieve
    case web
    case kerberos
    case ntlm
    case ldap

    /// The protocol as ECS's `network.protocol` names it (lower case): submission is SMTP on
    /// another port, webmail is HTTP.
    public var networkProtocol: String {
        switch self {
        case .smtp, .submission: "smtp"
        case .imap: "imap"
        case .pop: "pop3"
        case .sieve: "managesieve"
        case .web: "http"
        case .kerberos: "kerberos"
        case .ntlm: "ntlm"
        case .ldap: "ldap"
        }
    }

    /// A login to read mail: proves the password, relays nothing.
    public var isMailbox: Bool {
        switch self {
        case .imap, .pop, .sieve, .web: true
        default: false
        }
    }

    /// A domain controller's own logon (Kerberos, NTLM, LDAP bind), not a mail service.
    public var isDirectory: Bool {
        switch self {
        case .kerberos, .ntlm, .ldap: true
        default: false
        }
    }

    /// The service of a mail daemon's logins, from its syslog program name: Dovecot's
    /// `imap-login`, `pop3-login`, `managesieve-login`, `submission-login`; Courier's
    /// `courierpop3login`, `imaplogin`, `courieresmtpd`; vpopmail's `vchkpw-pop3`, `-imap`,
    /// `-webmail`, `-smtp`; Postfix's `…/submission/smtpd` and `…/smtps/smtpd` (ports 587 and
    /// 465) and `…/smtpd`; Exim and Sendmail. nil for a process that serves several.
    public static func forProgram(_ program: ByteLine) -> Service? {
        if program.hasPrefix("imap") || program.hasSuffix("imaplogin") || program.hasSuffix("-imap") { return .imap }
        if program.hasPrefix("pop3") || program.hasSuffix("pop3login") || program.hasSuffix("-pop3") { return .pop }
        if program.hasPrefix("managesieve") { return .sieve }
        if program.hasSuffix("-webmail") { return .web }
        if program.hasPrefix("submission") || program.find("/submission/") != nil || program.find("/smtps/") != nil { return .submission }
        if program.hasSuffix("smtpd") || program.hasSuffix("-smtp") || program.hasPrefix("exim") || program.hasPrefix("sm-")
            || program.equals("sendmail") {
            return .smtp
        }
        return nil
    }

    /// `forProgram` for a name already made a String.
    public static func forProgram(_ program: String) -> Service? {
        var name = program
        return name.withUTF8 { forProgram(ByteLine(UnsafeRawBufferPointer($0))) }
    }
}
