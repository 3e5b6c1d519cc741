import RelayAuditCore

/// A line decoded as far as it can be without the reader's state (`LogStream.prepare`).
///
/// The views point into the buffer the line was read into, which must outlive the value until
/// `LogStream.apply` has consumed it; the Postfix part owns its Strings.
struct PreparedLine {
    enum Kind {
        /// Not decoded here (a journal record): `apply` feeds the whole line.
        case whole
        /// A syslog line for a parser that reads its message in `apply`.
        case syslog
        /// A Postfix line, decoded to its values.
        case postfix(PostfixLine)
        /// A line cut at the maximum length: counted, not parsed.
        case overlong
    }

    var offset: Int64
    /// When the line has a timestamp.
    var time: Instant?
    var pid: Int?
    var program: ByteLine?
    /// The message after the syslog header (the whole line for `.whole`).
    var message: ByteLine
    var kind: Kind

    var isOverlong: Bool {
        if case .overlong = kind { return true }
        return false
    }
}
