import RelayAuditCore
import Foundation

/// Exchange 2007–2019 SMTP Receive protocol logs (`RECV*.LOG`):
/// `date-time,connector-id,session-id,sequence-number,local-endpoint,remote-endpoint,event,data,context`.
///
/// One SMTP session is the lines sharing a session-id (and client endpoint: masked logs repeat
/// `0000000000000000`). Event `*` with context `authenticated` names the identity as Exchange
/// logs it (`CORP\user` or a UPN); a `535`/`504 5.7.x` reply after `AUTH`, or a disconnect
/// after `AUTH` without that record, is a failure without a user (Exchange never logs the name
/// tried). `MAIL FROM`, `RCPT TO` and `250 2.6.0 … Queued mail for delivery` make a message;
/// `550 5.7.1 Unable to relay` / `5.7.54` is a relay refused.
struct ExchangeProtocolParser {
    struct Session {
        var ip: String?
        var connector: String
        var authMechanism: String?
        var authPending = false
        var user: String?
        var from: String?
        var recipients: [String] = []
        var lastRecipient: String?
        var lastSeen: Instant
        /// `Set Session Permissions` granted to the client.
        var permissions: String?
        /// The session's `+` (connect) record was read: its AUTH command, if any, was too.
        var seenFromStart = false
    }

    private(set) var sessions: [String: Session] = [:]
    /// session-id → the identity it authenticated as, for the message tracking log's
    /// `source-context` (bounded: entries expire with their sessions' day).
    private(set) var authenticatedSessions: [String: (user: String, time: Instant)] = [:]
    /// Connectors that granted an unauthenticated client SMTPAcceptAnyRecipient: an open relay.
    private(set) var openRelayConnectors: [String: String] = [:]

    /// The time of the last record read.
    private(set) var lastTime: Instant?

    mutating func parse<S: EventSink>(_ fields: [String], _ layout: FieldLayout, fileIndex: Int, offset: Int64, into sink: inout S) -> LineVerdict {
        guard let stamp = layout.value("date-time", in: fields), let time = MicrosoftTime.iso8601(stamp),
              let event = layout.raw("event", in: fields)
        else { return .unrecognized }
        lastTime = time
        let sessionID = layout.value("session-id", in: fields) ?? ""
        let remote = layout.value("remote-endpoint", in: fields) ?? ""
        let key = sessionID + "|" + remote
        let data = layout.value("data", in: fields) ?? ""
        let context = layout.value("context", in: fields) ?? ""
        let connector = layout.value("connector-id", in: fields)?.trimmingCharacters(in: .whitespaces) ?? ""
        func newEvent(_ action: LogEvent.Action) -> LogEvent {
            var e = LogEvent(action, time: time, format: .exchangeProtocol, fileIndex: fileIndex, offset: offset)
            if action.kind == .authentication { e.service = .smtp }
            e.appname = connector.isEmpty ? "exchange" : "exchange/" + connector
            e.sourceIP = sessions[key]?.ip ?? endpointAddress(remote)
            e.localID = sessionID.isEmpty ? nil : sessionID
            return e
        }
        if sessions[key] == nil {
            sessions[key] = Session(ip: endpointAddress(remote), connector: connector, lastSeen: time)
        }
        sessions[key]!.lastSeen = time

        switch event {
        case "+":
            sessions[key] = Session(ip: endpointAddress(remote), connector: connector, lastSeen: time, seenFromStart: true)
        case "-":
            if let session = sessions.removeValue(forKey: key), session.authPending {
                var failure = newEvent(.authFailure)
                failure.sourceIP = session.ip
                failure.mechanism = session.authMechanism
                failure.reason = "disconnected during AUTH"
                sink.consume(failure)
            }
        case "*":
            if context == "authenticated", !data.isEmpty {
                sessions[key]!.user = data
                sessions[key]!.authPending = false
                authenticatedSessions[sessionID] = (data, time)
                var success = newEvent(.authSuccess)
                success.user = data
                success.mechanism = sessions[key]!.authMechanism
                sink.consume(success)
            } else if context == "Set Session Permissions" {
                sessions[key]!.permissions = data
                // After AUTH, Exchange logs the authenticated client's wider permissions before the
                // `authenticated` record: only a session that never tried AUTH shows anonymous rights.
                let anonymous = sessions[key]!.user == nil && sessions[key]!.authMechanism == nil && !sessions[key]!.authPending
                if anonymous, data.split(separator: " ").contains("SMTPAcceptAnyRecipient"), openRelayConnectors[connector] == nil {
                    openRelayConnectors[connector] = sessions[key]!.ip ?? ""
                }
            }
        case "<":
            let upper = data.uppercased()
            if upper.hasPrefix("AUTH ") || upper == "AUTH" {
                // Only the mechanism: an AUTH PLAIN initial response carries the password.
                sessions[key]!.authMechanism = upper.split(separator: " ").dropFirst().first.map(String.init)
                sessions[key]!.authPending = true
            } else if upper.hasPrefix("MAIL FROM:") {
                sessions[key]!.from = smtpPathArgument(data) ?? ""
                sessions[key]!.recipients = []
            } else if upper.hasPrefix("RCPT TO:") {
                sessions[key]!.lastRecipient = smtpPathArgument(data)
            }
        case ">":
            let reply = data
            // A 535 answers nothing but AUTH (RFC 4954): in a session whose start is not in the
            // input (the log rotated at 10 MB, or one file was given alone) it is a failure
            // even though its AUTH command was not read.
            let midSession = !sessions[key]!.seenFromStart && reply.hasPrefix("535 5.7")
            if sessions[key]!.authPending || midSession, reply.hasPrefix("535") || reply.hasPrefix("504 5.7") || reply.hasPrefix("454 4.7") {
                sessions[key]!.authPending = false
                var failure = newEvent(.authFailure)
                failure.mechanism = sessions[key]!.authMechanism
                failure.reason = reply.hasPrefix("504") ? "mechanism not offered" : "authentication failed"
                sink.consume(failure)
            } else if reply.hasPrefix("235") {
                sessions[key]!.authPending = false
            } else if let recipient = sessions[key]!.lastRecipient, reply.hasPrefix("250 2.1.5") {
                sessions[key]!.recipients.append(recipient)
                sessions[key]!.lastRecipient = nil
            } else if let recipient = sessions[key]!.lastRecipient, reply.hasPrefix("5") || reply.hasPrefix("4") {
                sessions[key]!.lastRecipient = nil
                if reply.contains("5.7.1 Unable to relay") || reply.contains("5.7.54") {
                    var denied = newEvent(.relayDenied)
                    denied.user = sessions[key]!.user
                    denied.to = [recipient]
                    denied.from = sessions[key]!.from
                    denied.success = false
                    sink.consume(denied)
                }
            } else if reply.hasPrefix("250 2.6.0"), reply.hasSuffix("Queued mail for delivery") || reply.contains("Queued mail for delivery") {
                var accepted = newEvent(.messageAccepted)
                accepted.user = sessions[key]!.user
                accepted.from = sessions[key]!.from
                accepted.to = sessions[key]!.recipients
                sink.consume(accepted)
                sessions[key]!.from = nil
                sessions[key]!.recipients = []
            }
        default:
            // Exchange writes an empty event for some `receiving message` records.
            break
        }
        return .understood
    }

    /// Sessions idle since before `time` are closed as if disconnected (a log rotated
    /// mid-session), oldest first: an AUTH left pending is then a failure at its own time.
    /// `authenticatedSessions` stays: the tracking logs, read after every protocol log, look
    /// sessions up in it whatever their age.
    mutating func expire<S: EventSink>(before time: Instant, into sink: inout S) {
        let stale = sessions.filter { $0.value.lastSeen < time }.sorted { ($0.value.lastSeen, $0.key) < ($1.value.lastSeen, $1.key) }
        for (key, session) in stale {
            sessions[key] = nil
            if session.authPending {
                var failure = LogEvent(.authFailure, time: session.lastSeen, format: .exchangeProtocol)
                failure.service = .smtp
                failure.sourceIP = session.ip
                failure.appname = "exchange/" + session.connector
                failure.reason = "disconnected during AUTH"
                sink.consume(failure)
            }
        }
    }
}
