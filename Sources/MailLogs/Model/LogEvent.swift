public import RelayAuditCore

/// One normalized event read from the evidence (a mail log, a protocol log, a directory's
/// audit trail), in the interface's vocabulary.
///
/// Every string in it was written by a server about what a client typed: the SMTP AUTH
/// username, the envelope sender and recipients come from the spammer, and the name of an
/// account an intruder created is theirs too. Renderers escape them; nothing here ever holds
/// a password, a base64 AUTH payload or a raw log line.
public struct LogEvent: Sendable, Equatable {
    public enum Action: String, Sendable, CaseIterable {
        case authSuccess = "auth-success"
        case authFailure = "auth-failure"
        case messageAccepted = "message-accepted"
        case delivery
        case ndr
        case relayDenied = "relay-denied"
        // Directory changes (a DC's audit trail): `user` acted on `change.target`.
        case accountCreated = "account-created"
        case accountEnabled = "account-enabled"
        case accountDisabled = "account-disabled"
        case accountDeleted = "account-deleted"
        case accountChanged = "account-changed"
        case accountRenamed = "account-renamed"
        case accountLocked = "account-locked"
        case accountUnlocked = "account-unlocked"
        case passwordChanged = "password-changed"
        case passwordReset = "password-reset"
        case memberAdded = "group-member-added"
        case memberRemoved = "group-member-removed"

        /// What kind of evidence the action is.
        public var kind: Kind {
            switch self {
            case .authSuccess, .authFailure: .authentication
            case .messageAccepted: .message
            case .delivery: .delivery
            case .ndr: .ndr
            case .relayDenied: .relayDenial
            default: .directoryChange
            }
        }
    }

    /// The kinds of evidence: who authenticated, what was sent and what became of it, and
    /// what changed in the directory.
    public enum Kind: String, Sendable, CaseIterable {
        case authentication, message, delivery, ndr, relayDenial = "relay-denial", directoryChange = "directory-change"
    }

    public var kind: Kind { action.kind }

    public var action: Action
    public var time: Instant
    /// `success` or `failure` (deliveries: failure when bounced).
    public var success: Bool
    /// The client address as written in the log.
    public var sourceIP: String?
    /// The server's own address the client connected to, when the line names it (Dovecot's
    /// `lip=`; ECS `server.ip`). Equal to `sourceIP`, it shows the server logging in to itself
    /// on a client's behalf (saslauthd's rimap, a webmail or proxy on the same host).
    public var serverIP: String?
    /// The SMTP AUTH identity as logged, or the attempted one on a failure when the log has it;
    /// for a directory change, the account that made it (the actor).
    public var user: String?
    /// The service an authentication was made to (nil: the line does not say).
    public var service: Service?
    /// For a directory change: the account or group acted on, and how.
    public var change: DirectoryChange?
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
    /// For an event of a Windows event log: its id, host and logon details (ECS `event.code`,
    /// `host.name`, `winlog.*`); nil for everything else.
    public var windows: WindowsEventContext?

    public init(_ action: Action, time: Instant, format: LogFormat, fileIndex: Int = 0, offset: Int64 = 0) {
        self.action = action
        self.time = time
        self.format = format
        self.fileIndex = fileIndex
        self.offset = offset
        success = action != .authFailure && action != .ndr && action != .relayDenied
        to = []
        attempts = 1
        localDelivery = false
    }
}
