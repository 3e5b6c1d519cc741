import RelayAuditCore
/// Routes each line to the parser of the daemon that wrote it, so one file can mix daemons
/// (Debian's /var/log/mail.log holds Postfix and Dovecot lines). `only` restricts routing to
/// one format (`--format`); lines of other daemons then count as unrecognized.
struct ParserSet {
    var postfix = PostfixParser()
    var exim = EximParser()
    var sendmail = SendmailParser()
    var dovecot = DovecotParser()
    var courier = CourierParser()
    var vpopmail = VpopmailParser()
    let only: LogFormat?

    init(only: LogFormat?) { self.only = only }

    mutating func parse<S: EventSink>(_ message: ByteLine, _ context: LineContext, _ sink: inout S) -> LineVerdict {
        guard let program = context.program else {
            // No syslog program: Exim's mainlog, or Dovecot's own log file.
            if allows(.exim), exim.parse(message, context, into: &sink) == .understood { return .understood }
            if allows(.dovecot) { return dovecot.parse(message, context, into: &sink) }
            return .unrecognized
        }
        if program.hasPrefix("postfix") { return allows(.postfix) ? postfix.parse(message, context, into: &sink) : .unrecognized }
        if program.hasPrefix("exim") { return allows(.exim) ? exim.parse(message, context, into: &sink) : .unrecognized }
        if program.hasPrefix("courier") { return allows(.courier) ? courier.parse(message, context, into: &sink) : .unrecognized }
        if program.equals("vpopmail") { return allows(.vpopmail) ? vpopmail.parse(message, context, into: &sink) : .unrecognized }
        if program.hasPrefix("sm-") || program.equals("sendmail") {
            return allows(.sendmail) ? sendmail.parse(message, context, into: &sink) : .unrecognized
        }
        if DovecotParser.isDovecotProcess(program) { return allows(.dovecot) ? dovecot.parse(message, context, into: &sink) : .unrecognized }
        return .unrecognized
    }

    func allows(_ format: LogFormat) -> Bool { only == nil || only == format }

    mutating func expire<S: EventSink>(before time: Instant, into sink: inout S) {
        postfix.expire(before: time, into: &sink)
        exim.expire(before: time, into: &sink)
        sendmail.expire(before: time, into: &sink)
    }

    mutating func finish<S: EventSink>(into sink: inout S) {
        postfix.finish(into: &sink)
        exim.finish(into: &sink)
        sendmail.finish(into: &sink)
    }
}
