/// Every reader relay-audit knows: the registry the log reader, `--format` and the format
/// detection are built from. The order is the order of trial.
public enum InputReaders {
    /// One daemon's lines each, routed by syslog program name. A bare line (no syslog header)
    /// is offered to the readers that read bare lines, in this order.
    public static let lineFormats: [any LineFormatReader.Type] = [
        PostfixParser.self,
        EximParser.self,
        CourierParser.self,
        VpopmailParser.self,
        SendmailParser.self,
        DovecotParser.self,
        NginxMailParser.self,
        ZimbraParser.self,
    ]

    /// Files recognised by their first lines.
    public static let fileFormats: [any FileFormatReader.Type] = [
        MicrosoftLogParser.self,
        ECSEventReader.self,
        WindowsXMLReader.self,
        SambaAuditReader.self,
    ]

    /// Binary files with a reader of their own, recognised by their signature before any line
    /// is read: Windows event logs (`EVTXFileReader`).
    public static let binaryFormats: [LogFormat] = [.windowsEvents]

    /// Whether `format` is a line format (routed line by line, so several can share a file).
    public static func isLineFormat(_ format: LogFormat) -> Bool { lineFormats.contains { $0.format == format } }

    /// The file-format reader of `format`, when it is a file format.
    static func fileReader(for format: LogFormat) -> Int? { fileFormats.firstIndex { $0.formats.contains(format) } }
}
