import RelayAuditCore
import Foundation

/// Exchange 2007–2019 message tracking logs (`MSGTRK*.LOG`), by field name (2010 and 2013+
/// layouts differ).
///
/// The tracking log has no authenticated user: a `RECEIVE` from `SMTP` names its protocol-log
/// session in `source-context` (`session-id;time;sequence`), so when the protocol log was read
/// first the message is already counted there with its user, and only its internal id is
/// remembered for the deliveries and NDRs that follow. A `RECEIVE` from `STOREDRIVER` is a
/// mailbox submitting (Outlook, OWA): its sender is the mailbox. `SEND`/`DELIVER` are
/// deliveries, `FAIL` a bounce, `DSN` the non-delivery notification.
struct ExchangeTrackingParser {
    /// internal-message-id and message-id → the identity that sent it, for later events.
    private var senders: [String: (user: String?, time: Instant)] = [:]
    /// The time of the last record read.
    private(set) var lastTime: Instant?

    mutating func parse<S: EventSink>(_ fields: [String], _ layout: FieldLayout, authenticatedSessions: [String: (user: String, time: Instant)],
                                      fileIndex: Int, offset: Int64, into sink: inout S) -> LineVerdict {
        guard let stamp = layout.value("date-time", in: fields), let time = MicrosoftTime.iso8601(stamp),
              let eventID = layout.value("event-id", in: fields)
        else { return .unrecognized }
        lastTime = time
        let source = layout.value("source", in: fields) ?? ""
        let internalID = layout.value("internal-message-id", in: fields)
        let messageID = layout.value("message-id", in: fields)
        let recipients = (layout.value("recipient-address", in: fields) ?? "").split(separator: ";").map(String.init)
        let clientIP = layout.value("original-client-ip", in: fields) ?? layout.value("client-ip", in: fields)
        func newEvent(_ action: LogEvent.Action) -> LogEvent {
            var e = LogEvent(action, time: time, format: .exchangeTracking, fileIndex: fileIndex, offset: offset)
            e.appname = "exchange/" + source.lowercased()
            e.localID = internalID ?? messageID
            return e
        }
        func remember(_ user: String?) {
            if let internalID { senders["i:" + internalID] = (user, time) }
            if let messageID { senders["m:" + messageID] = (user, time) }
        }
        func sender() -> String? {
            (internalID.flatMap { senders["i:" + $0] } ?? messageID.flatMap { senders["m:" + $0] })?.user
        }

        switch eventID {
        case "RECEIVE", "SUBMIT":
            guard eventID == "RECEIVE" else { return .understood }  // SUBMIT: the mailbox hands over; RECEIVE follows
            let session = layout.value("source-context", in: fields)?.split(separator: ";").first.map(String.init)
            if source == "SMTP", let session, let known = authenticatedSessions[session] {
                remember(known.user)  // counted from the protocol log already
                return .understood
            }
            var accepted = newEvent(.messageAccepted)
            accepted.sourceIP = clientIP
            accepted.from = layout.value("sender-address", in: fields) ?? layout.value("return-path", in: fields) ?? ""
            accepted.to = recipients
            if source == "STOREDRIVER" { accepted.user = layout.value("sender-address", in: fields) }
            remember(accepted.user)
            sink.consume(accepted)
        case "SEND", "DELIVER", "FAIL":
            for recipient in recipients {
                var delivery = newEvent(.delivery)
                delivery.user = sender()
                delivery.to = [recipient]
                delivery.localDelivery = eventID == "DELIVER"
                delivery.status = eventID == "FAIL" ? "bounced" : "sent"
                delivery.success = eventID != "FAIL"
                sink.consume(delivery)
            }
        case "DSN":
            // The NDR's `reference` names the message it reports on.
            let original = layout.value("reference", in: fields)
            var ndr = newEvent(.ndr)
            ndr.originalID = original
            ndr.user = original.flatMap { senders["m:" + $0]?.user } ?? sender()
            ndr.to = recipients
            sink.consume(ndr)
        default:
            break  // EXPAND, RESOLVE, REDIRECT, TRANSFER, DEFER, NOTIFYMAPI, …: no evidence
        }
        return .understood
    }

    mutating func expire(before time: Instant) {
        senders = senders.filter { $0.value.time >= time }
    }
}
