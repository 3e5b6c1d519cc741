/// What a Windows event adds to the normalized event: the event id and the host that wrote it,
/// and for a logon its type and the process that asked for it (`MSExchangeFrontEndTransport`
/// for Exchange's SMTP AUTH). Held by reference: only Windows events carry one.
public final class WindowsEventContext: Sendable {
    public let eventCode: Int
    public let recordID: UInt64
    public let host: String?
    /// `LogonType` of 4624/4625 (3 network, 8 network cleartext, 10 remote interactive).
    public let logonType: Int?
    /// The process that requested the logon, its file name only.
    public let process: String?

    public init(eventCode: Int, recordID: UInt64, host: String?, logonType: Int? = nil, process: String? = nil) {
        self.eventCode = eventCode
        self.recordID = recordID
        self.host = host
        self.logonType = logonType
        self.process = process
    }
}

extension WindowsEventContext: Equatable {
    public static func == (lhs: WindowsEventContext, rhs: WindowsEventContext) -> Bool {
        (lhs.eventCode, lhs.recordID, lhs.host, lhs.logonType, lhs.process) == (rhs.eventCode, rhs.recordID, rhs.host, rhs.logonType, rhs.process)
    }
}
