import RelayAuditCore

/// Reads an `.evtx` file chunk by chunk (64 KiB at a time, never the whole file): the file
/// header, then each chunk's records, in file order. A chunk whose signature is damaged is
/// skipped and named in `warnings`; so is each record that cannot be read.
public struct EVTXFileReader {
    public static let signature: [UInt8] = Array("ElfFile\u{0}".utf8)
    static let headerSize = 4096

    /// What was skipped, each with where (chunk number, record) and why.
    public private(set) var warnings: [String] = []
    public private(set) var records = 0

    public init() {}

    /// Whether `bytes` (a file's first bytes) begin an `.evtx` file.
    public static func isEVTX(_ bytes: some Collection<UInt8>) -> Bool { Array(bytes.prefix(8)) == signature }

    /// Reads the file through `read` (fills the buffer, returns the byte count, 0 at the end),
    /// calling `body` with each record and its byte offset in the file.
    public mutating func read<E: Error>(_ read: (inout [UInt8]) throws(E) -> Int,
                                        _ body: (WindowsEventRecord, Int64) throws(E) -> Void) throws(E) {
        var header = [UInt8](repeating: 0, count: Self.headerSize)
        guard try Self.fill(&header, read) == Self.headerSize, Self.isEVTX(header) else {
            warnings.append("not a Windows event log (no ElfFile header)")
            return
        }
        var chunkNumber = 0
        while true {
            var bytes = [UInt8](repeating: 0, count: EVTXChunk.size)
            let count = try Self.fill(&bytes, read)
            if count == 0 { break }
            defer { chunkNumber += 1 }
            guard count == EVTXChunk.size else {
                warnings.append("chunk \(chunkNumber): the file ends inside it (\(count) of \(EVTXChunk.size) bytes); skipped")
                break
            }
            guard let chunk = EVTXChunk(bytes) else {
                if bytes.contains(where: { $0 != 0 }) { warnings.append("chunk \(chunkNumber): no chunk signature (damaged); skipped, the next chunks are read") }
                continue
            }
            if chunk.isEmpty { continue }
            var damaged: [String] = []
            let base = Int64(Self.headerSize) + Int64(chunkNumber) * Int64(EVTXChunk.size)
            for record in chunk.records(damaged: &damaged) {
                records += 1
                try body(record, base + Int64(record.chunkOffset))
            }
            warnings += damaged.map { "chunk \(chunkNumber): \($0)" }
        }
    }

    /// Reads until `buffer` is full or the input ends; the byte count.
    static func fill<E: Error>(_ buffer: inout [UInt8], _ read: (inout [UInt8]) throws(E) -> Int) throws(E) -> Int {
        var filled = 0
        var piece = [UInt8](repeating: 0, count: buffer.count)
        while filled < buffer.count {
            piece.removeAll(keepingCapacity: true)
            piece.append(contentsOf: repeatElement(0, count: buffer.count - filled))
            let n = try read(&piece)
            if n <= 0 { break }
            buffer.replaceSubrange(filled..<(filled + n), with: piece[0..<n])
            filled += n
        }
        return filled
    }
}
