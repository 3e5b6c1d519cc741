public import RelayAuditCore

/// One normalized event read from a mail log, in the interface's vocabulary.
///
/// Every string in it was written by the MTA about what a client typed: the SMTP AUTH
/// username, the envelope sender and recipients come from the spammer. Renderers escape them;
/// nothing here ever holds a password, a base64 AUTH payload or a raw log line.
public struct LogEvent: Sendable, Equatable {
    public enum Action: String, Sendable, CaseIterable {
        case authSuccess = "auth-success"
        case authFailure = "auth-failure"
        case messageAccepted = "message-accepted"
        case delivery
        case ndr
        case relayDenied = "relay-denied"
    }

    public var action: Action
    public var time: Instant
    /// `success` or `failure` (deliveries: failure when bounced).
    public var success: Bool
    /// The client address as written in the log.
    public var sourceIP: String?
    /// The SMTP AUTH identity as logged, or the attempted one on a failure when the log has it.
    public var user: String?
    /// Envelope sender; "" for the null sender.
    public var from: String?
    /// Recipients (message-accepted) or the recipient (delivery).
    public var to: [String]
    /// Queue id / message id / session id tying a message's lines together.
    public var localID: String?
    /// Index of the input file in the reader's file list.
    public var fileIndex: Int
    /// Byte offset of the line in the (decompressed) file.
    public var offset: Int64
    /// The daemon, e.g. `postfix/submission/smtpd`.
    public var appname: String?
    public var format: LogFormat

    // Extensions beyond the interface's fields.
    /// Attempts one line stands for (`auth failed, 2 attempts`, `count=5`).
    public var attempts: Int
    /// SASL mechanism.
    public var mechanism: String?
    /// Why an AUTH failed or a delivery ended, from a fixed vocabulary (never line text).
    public var reason: String?
    /// Delivery status: sent, deferred, bounced, expired.
    public var status: String?
    /// For an `ndr`: the message that caused it.
    public var originalID: String?
    /// For a delivery: handed to a local mailbox (lmtp, local, virtual), not sent out.
    public var localDelivery: Bool
    /// Message size in bytes, when logged.
    public var size: Int?

    public init(_ action: Action, time: Instant, format: LogFormat, fileIndex: Int = 0, offset: Int64 = 0) {
        self.action = action
        self.time = time
        self.format = format
        self.fileIndex = fileIndex
        self.offset = offset
        success = action == .authSuccess || action == .messageAccepted || action == .delivery
        to = []
        attempts = 1
        localDelivery = false
    }
}
