/// Recognises a file of one of the registered file formats by its first lines, looking past
/// a leading UTF-8 byte order mark, comments and header lines that do not decide.
public struct FileFormatSniffer {
    /// Lines examined before deciding the file is not of a file format.
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
        var keepLooking = false
        for reader in InputReaders.fileFormats {
            switch reader.sniff(text) {
            case let .format(format):
                self.format = format
                decided = true
                return
            case .keepLooking: keepLooking = true
            case .notMine: break
            }
        }
        // A record before any header: not a file of these formats (a syslog file).
        if !keepLooking { decided = true }
    }
}
