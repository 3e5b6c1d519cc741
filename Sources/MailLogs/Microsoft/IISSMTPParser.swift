import RelayAuditCore
import Foundation

/// IIS SMTP service / Exchange 2000–2003 SMTP virtual server logs, W3C extended format
/// (`SMTPSVC1\exYYMMDD.log`): one line per SMTP command, `date time c-ip cs-username …
/// cs-method cs-uri-stem cs-uri-query sc-status …` by the `#Fields:` header, times in UTC.
///
/// There is no session column: a session is rebuilt from the client address, from `HELO`/
/// `EHLO` to `QUIT`. `cs-username` is the HELO/EHLO argument for an anonymous client. For an
/// `AUTH` line, `235` is a success and `535` a failure; the account appears in `cs-username`
/// on the session's later lines when IIS logs it (Microsoft KB 895853's relay triage reads it
/// there), otherwise the success is counted without a name. No public sample carries an
/// `AUTH` line: the fixtures that do are built from this description.
struct IISSMTPParser {
    struct Session {
        var helo: String?
        var authenticated = false
        var successEmitted = false
        var authTime = Instant(seconds: 0)
        var user: String?
        var from: String?
        var recipients: [String] = []
        var lastSeen: Instant
    }

    private var sessions: [String: Session] = [:]
    /// The time of the last record read.
    private(set) var lastTime: Instant?

    mutating func parse<S: EventSink>(_ fields: [String], _ layout: FieldLayout, fileIndex: Int, offset: Int64, into sink: inout S) -> LineVerdict {
        guard fields.count == layout.count, let date = layout.value("date", in: fields), let clock = layout.value("time", in: fields),
              let time = MicrosoftTime.iso8601(date + "T" + clock), let ip = layout.value("c-ip", in: fields),
              let method = layout.value("cs-method", in: fields)?.uppercased()
        else { return .unrecognized }
        lastTime = time
        let site = layout.value("s-sitename", in: fields) ?? ""
        let key = ip + "|" + site
        let username = layout.value("cs-username", in: fields)
        let query = layout.value("cs-uri-query", in: fields) ?? ""
        let status = Int(layout.value("sc-status", in: fields) ?? "") ?? 0
        func newEvent(_ action: LogEvent.Action, at stamp: Instant = time) -> LogEvent {
            var e = LogEvent(action, time: stamp, format: .iisSMTP, fileIndex: fileIndex, offset: offset)
            if action.kind == .authentication { e.service = .smtp }
            e.appname = site.isEmpty ? "smtpsvc" : site.lowercased()
            e.sourceIP = ip
            return e
        }
        if sessions[key] == nil { sessions[key] = Session(lastSeen: time) }
        sessions[key]!.lastSeen = time
        // The account, once logged: a cs-username that is not the HELO argument.
        if sessions[key]!.authenticated, sessions[key]!.user == nil, let username, username != sessions[key]!.helo {
            sessions[key]!.user = username
        }
        if sessions[key]!.authenticated, !sessions[key]!.successEmitted, sessions[key]!.user != nil {
            emitSuccess(key, into: &sink, fileIndex: fileIndex, offset: offset)
        }

        switch method {
        case "HELO", "EHLO":
            let helo = query.hasPrefix("+") ? String(query.dropFirst()) : query
            closeSession(key, into: &sink, fileIndex: fileIndex, offset: offset)
            sessions[key] = Session(helo: helo.isEmpty ? username : helo, lastSeen: time)
        case "AUTH":
            if status == 235 {
                sessions[key]!.authenticated = true
                sessions[key]!.authTime = time
                if let username, username != sessions[key]!.helo { sessions[key]!.user = username }
                if sessions[key]!.user != nil { emitSuccess(key, into: &sink, fileIndex: fileIndex, offset: offset) }
            } else if status >= 500 || status == 454 {
                var failure = newEvent(.authFailure)
                failure.mechanism = query.trimmingPlus.split(separator: " ").first.map { String($0).uppercased() }
                failure.reason = "authentication failed"
                sink.consume(failure)
            }
        case "MAIL":
            if status == 250 {
                sessions[key]!.from = smtpPathArgument(query) ?? ""
                sessions[key]!.recipients = []
            }
        case "RCPT":
            if status == 250 || status == 251, let recipient = smtpPathArgument(query) { sessions[key]!.recipients.append(recipient) }
        case "DATA":
            if status == 250 {
                var accepted = newEvent(.messageAccepted)
                accepted.user = sessions[key]!.authenticated ? sessions[key]!.user : nil
                accepted.from = sessions[key]!.from
                accepted.to = sessions[key]!.recipients
                accepted.localID = smtpPathArgument(query.trimmingPlus) ?? (query.isEmpty ? nil : query.trimmingPlus)
                sink.consume(accepted)
                sessions[key]!.from = nil
                sessions[key]!.recipients = []
            }
        case "QUIT":
            closeSession(key, into: &sink, fileIndex: fileIndex, offset: offset)
        default:
            break  // RSET, NOOP, STARTTLS, TURN, `xxxx` (a command IIS did not recognise): no evidence
        }
        return .understood
    }

    private mutating func emitSuccess<S: EventSink>(_ key: String, into sink: inout S, fileIndex: Int, offset: Int64) {
        guard let session = sessions[key] else { return }
        var success = LogEvent(.authSuccess, time: session.authTime, format: .iisSMTP, fileIndex: fileIndex, offset: offset)
        success.service = .smtp
        success.sourceIP = String(key.prefix { $0 != "|" })
        success.user = session.user
        success.appname = "smtpsvc"
        sink.consume(success)
        sessions[key]!.successEmitted = true
    }

    /// An authenticated session that never showed its account still counts as an AUTH.
    private mutating func closeSession<S: EventSink>(_ key: String, into sink: inout S, fileIndex: Int, offset: Int64) {
        if let session = sessions[key], session.authenticated, !session.successEmitted {
            emitSuccess(key, into: &sink, fileIndex: fileIndex, offset: offset)
        }
        sessions[key] = nil
    }

    /// Sessions idle since before `time` are closed, oldest first.
    mutating func expire<S: EventSink>(before time: Instant, into sink: inout S) {
        let stale = sessions.filter { $0.value.lastSeen < time }.sorted { ($0.value.lastSeen, $0.key) < ($1.value.lastSeen, $1.key) }
        for (key, _) in stale {
            closeSession(key, into: &sink, fileIndex: 0, offset: 0)
        }
    }
}

extension String {
    /// W3C logs write spaces inside a field as `+`.
    var trimmingPlus: String {
        var text = Substring(self)
        while text.first == "+" { text = text.dropFirst() }
        return text.replacingOccurrences(of: "+", with: " ")
    }
}
