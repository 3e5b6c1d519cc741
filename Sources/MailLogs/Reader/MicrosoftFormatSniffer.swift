/// Recognises the Microsoft log formats by their header lines (`#Software`, `#Log-type`,
/// `#Fields`, a CSV header row), looking past a leading UTF-8 byte order mark and comments.
public struct MicrosoftFormatSniffer {
    /// Lines examined before deciding the file is not a Microsoft log.
    static let linesExamined = 40

    public private(set) var format: LogFormat?
    public private(set) var decided = false
    private var examined = 0

    public init() {}

    public mutating func examine(_ line: ByteLine) {
        guard !decided else { return }
        examined += 1
        if examined > Self.linesExamined { decided = true; return }
        var text = line
        if text.count >= 3, text[0] == 0xEF, text[1] == 0xBB, text[2] == 0xBF { text = text.dropFirst(3) }
        if text.hasPrefix("#Log-type: Message Tracking") || text.hasPrefix("#Fields: date-time,client-ip") {
            decide(.exchangeTracking)
        } else if text.hasPrefix("#Log-type: SMTP Receive Protocol") || text.hasPrefix("#Log-type: SMTP Send Protocol")
            || text.hasPrefix("#Fields: date-time,connector-id,session-id") {
            decide(.exchangeProtocol)
        } else if text.hasPrefix("#Software: Microsoft Internet Information Services") || text.hasPrefix("#Fields: date time c-ip") {
            decide(.iisSMTP)
        } else if text.hasPrefix("\"Received\",\"SenderAddress\"") || text.hasPrefix("Received,SenderAddress") {
            decide(.m365Trace)
        } else if text.hasPrefix("#") || text.isEmpty {
            return  // another header or comment line: keep looking
        } else {
            decided = true  // a record before any Microsoft header: not a Microsoft log
        }
    }

    private mutating func decide(_ format: LogFormat) {
        self.format = format
        decided = true
    }
}
