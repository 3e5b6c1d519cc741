/// Recognises the Microsoft log formats by their headers, so a file of one is named, not
/// silently counted as unrecognized lines.
enum MicrosoftFormatSniffer {
    static func format(ofFirstLine line: ByteLine) -> LogFormat? {
        var text = line
        if text.hasPrefix("\u{FEFF}") { text = text.dropFirst(3) }
        if text.hasPrefix("#Software: Microsoft Exchange") || text.hasPrefix("#Log-type: Message Tracking") { return .exchangeTracking }
        if text.hasPrefix("#Software: Microsoft Internet Information Services") { return .iisSMTP }
        if text.hasPrefix("#Fields: date-time,connector-id,session-id") { return .exchangeProtocol }
        if text.hasPrefix("#Fields: date-time,client-ip") { return .exchangeTracking }
        if text.hasPrefix("\"Received\",\"SenderAddress\"") || text.hasPrefix("Received,SenderAddress") || text.hasPrefix("\"date_time_utc\"") {
            return .m365Trace
        }
        return nil
    }
}
