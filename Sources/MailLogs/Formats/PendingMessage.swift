import RelayAuditCore
/// A message being assembled from its lines until its last line (or expiry) says it is done.
struct PendingMessage {
    var localID: String
    var firstTime: Instant
    var lastTime: Instant
    var fileIndex: Int
    var offset: Int64
    var clientIP: String?
    var user: String?
    var appname: String?
    /// nil until the line naming the envelope sender arrives.
    var from: String?
    var size: Int?
    var recipients: [String] = []
    /// The same recipients as a set once there are many: a spam run names dozens per message,
    /// and checking each new one against the list was quadratic.
    private var recipientSet: Set<String>?
    /// This message is a non-delivery notification for `ndrFor`.
    var ndrFor: String?

    init(localID: String, time: Instant, fileIndex: Int, offset: Int64) {
        self.localID = localID
        firstTime = time
        lastTime = time
        self.fileIndex = fileIndex
        self.offset = offset
    }

    mutating func addRecipient(_ recipient: String) {
        if recipientSet == nil, recipients.count < 8 {
            if !recipients.contains(recipient) { recipients.append(recipient) }
            return
        }
        if recipientSet == nil { recipientSet = Set(recipients) }
        if recipientSet!.insert(recipient).inserted { recipients.append(recipient) }
    }

    /// The `message-accepted` event for this message.
    func acceptedEvent(format: LogFormat) -> LogEvent {
        var event = LogEvent(.messageAccepted, time: firstTime, format: format, fileIndex: fileIndex, offset: offset)
        event.sourceIP = clientIP
        event.user = user
        event.from = from
        event.to = recipients
        event.localID = localID
        event.appname = appname
        event.size = size
        event.originalID = ndrFor
        return event
    }
}

/// Pending messages by id, with expiry: memory follows the messages in flight, not the log.
struct PendingMessages {
    private(set) var byID: [LocalIDKey: PendingMessage] = [:]

    subscript(key: LocalIDKey) -> PendingMessage? {
        get { byID[key] }
        set { byID[key] = newValue }
    }

    /// Removes and returns the message for `key` (one lookup, no copy).
    mutating func remove(_ key: LocalIDKey) -> PendingMessage? { byID.removeValue(forKey: key) }

    /// Runs `body` on the message for `key` in place (created if needed), touched at the line's time.
    /// One lookup for a known message, and the message is never copied out and back: that
    /// copy (retaining and releasing each of its Strings) was most of the cost of a join.
    @discardableResult
    mutating func update<R>(_ key: LocalIDKey, id: ByteLine, _ context: LineContext, _ body: (inout PendingMessage) -> R) -> R {
        update(key, id: id.string, context, body)
    }

    /// `update` with the id already a String (prepared on another thread).
    @discardableResult
    mutating func update<R>(_ key: LocalIDKey, id: @autoclosure () -> String, _ context: LineContext, _ body: (inout PendingMessage) -> R) -> R {
        var index = byID.index(forKey: key)
        if index == nil {
            byID[key] = PendingMessage(localID: id(), time: context.time, fileIndex: context.fileIndex, offset: context.offset)
            index = byID.index(forKey: key)
        }
        return modify(&byID.values[index!]) { message in
            message.lastTime = max(message.lastTime, context.time)
            return body(&message)
        }
    }

    private func modify<R>(_ message: inout PendingMessage, _ body: (inout PendingMessage) -> R) -> R { body(&message) }

    /// Removes and returns the messages last touched before `time`, oldest first.
    mutating func removeStale(before time: Instant) -> [PendingMessage] {
        let stale = byID.filter { $0.value.lastTime < time }
        for key in stale.keys { byID[key] = nil }
        return stale.values.sorted { ($0.firstTime, $0.offset) < ($1.firstTime, $1.offset) }
    }

    /// Removes and returns all messages, oldest first.
    mutating func removeAll() -> [PendingMessage] {
        defer { byID = [:] }
        return byID.values.sorted { ($0.fileIndex, $0.firstTime, $0.offset) < ($1.fileIndex, $1.firstTime, $1.offset) }
    }
}
