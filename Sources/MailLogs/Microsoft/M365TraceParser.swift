import RelayAuditCore
/// Microsoft 365 message trace exports (`Get-MessageTrace | Export-Csv`, the admin center's
/// download): `Received,SenderAddress,RecipientAddress,Subject,Status,ToIP,FromIP,Size,
/// MessageId,MessageTraceId`, one row per recipient, by the header row's names.
///
/// A trace has no SMTP AUTH identity: Exchange Online lets an authenticated client send only
/// as its own mailbox or one it has Send-As rights on, so `SenderAddress` stands for the
/// account, and `FromIP` is the client that submitted: each message also stands for an
/// authentication of that mailbox from that address. Rows of one `MessageId` are one message.
/// `Received` follows the exporting machine's locale; day/month order is learned from the
/// first unambiguous date, and an ambiguous one before that is an error naming the line.
struct M365TraceParser {
    struct Message {
        var time: Instant
        var sender: String
        var ip: String?
        var recipients: [String]
        var fileIndex: Int
        var offset: Int64
    }

    private var messages: [String: Message] = [:]
    private var order: MicrosoftTime.DateOrder?
    /// The time of the last record read.
    private(set) var lastTime: Instant?

    enum Outcome { case understood, unrecognized, ambiguousDate(String) }

    mutating func parse<S: EventSink>(_ fields: [String], _ layout: FieldLayout, fileIndex: Int, offset: Int64, into sink: inout S) -> Outcome {
        guard let received = layout.value("received", in: fields) else { return .unrecognized }
        let time: Instant
        switch MicrosoftTime.m365(received, order: &order) {
        case let .time(t):
            time = t
            lastTime = t
        case .ambiguous: return .ambiguousDate(received)
        case .invalid: return .unrecognized
        }
        let sender = layout.value("senderaddress", in: fields) ?? ""
        let recipient = layout.value("recipientaddress", in: fields)
        let ip = layout.value("fromip", in: fields)
        let status = (layout.value("status", in: fields) ?? "").lowercased()
        let id = layout.value("messageid", in: fields) ?? layout.value("messagetraceid", in: fields) ?? "\(fileIndex):\(offset)"
        if messages[id] == nil {
            messages[id] = Message(time: time, sender: sender, ip: ip, recipients: [], fileIndex: fileIndex, offset: offset)
        }
        if let recipient {
            messages[id]!.recipients.append(recipient)
            var delivery = LogEvent(.delivery, time: time, format: .m365Trace, fileIndex: fileIndex, offset: offset)
            delivery.appname = "exchange-online"
            delivery.user = sender.isEmpty ? nil : sender
            delivery.to = [recipient]
            delivery.localID = id
            let failed = status == "failed" || status.contains("filteredasspam") || status == "quarantined"
            delivery.status = failed ? "bounced" : (status == "pending" || status == "getting status" ? "deferred" : "sent")
            delivery.success = !failed
            sink.consume(delivery)
        }
        return .understood
    }

    /// Messages are written once all their rows are read: at the end of the input.
    mutating func finish<S: EventSink>(into sink: inout S) {
        for (id, message) in messages.sorted(by: { ($0.value.time, $0.key) < ($1.value.time, $1.key) }) {
            if let ip = message.ip, !message.sender.isEmpty {
                // Exchange Online took the message from `FromIP` as this mailbox: the client
                // authenticated as it. The trace has no AUTH record of its own.
                var implied = LogEvent(.authSuccess, time: message.time, format: .m365Trace, fileIndex: message.fileIndex, offset: message.offset)
                implied.service = .smtp
                implied.appname = "exchange-online"
                implied.user = message.sender
                implied.sourceIP = ip
                implied.mechanism = "implied by the message trace"
                sink.consume(implied)
            }
            var accepted = LogEvent(.messageAccepted, time: message.time, format: .m365Trace, fileIndex: message.fileIndex, offset: message.offset)
            accepted.appname = "exchange-online"
            accepted.user = message.sender.isEmpty ? nil : message.sender
            accepted.from = message.sender
            accepted.sourceIP = message.ip
            accepted.to = message.recipients
            accepted.localID = id
            sink.consume(accepted)
        }
        messages = [:]
    }
}
