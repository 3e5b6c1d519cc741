#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
public import RelayAuditCore

/// Splits an input into lines in large chunks, without loading the input whole and without
/// creating a `String` per line.
///
/// Lines are found with `memchr` in a reused buffer; the unfinished tail of a chunk moves to
/// the front for the next read. A line longer than `maximumLineLength` is cut: its first part
/// is delivered with `truncated` set and the rest skipped, so a 10 MB garbage line costs a
/// bounded amount of memory and is reported, not fatal.
public struct LineReader {
    public struct Line {
        /// The line's bytes without the line feed. Valid only during the callback.
        public var bytes: UnsafeRawBufferPointer
        /// 1-based line number.
        public var number: Int
        /// Byte offset of the line's first byte in the input.
        public var offset: Int64
        /// The line was longer than the maximum and has been cut.
        public var truncated: Bool
    }

    public var chunkSize: Int
    public var maximumLineLength: Int
    /// Read ahead on a second thread (decompression overlapped with parsing) for inputs that
    /// are compressed, of unknown size or larger than `readAheadThreshold`.
    public var readAhead: Bool
    static let readAheadThreshold: Int64 = 8 << 20

    public init(chunkSize: Int = 1 << 20, maximumLineLength: Int = 1 << 20, readAhead: Bool = false) {
        self.chunkSize = chunkSize
        self.maximumLineLength = maximumLineLength
        self.readAhead = readAhead
    }

    /// Calls `body` for every line of `file`, in order. A final line without a line feed is
    /// delivered too.
    public func forEachLine(
        in file: InputFile, _ body: (Line) throws(RelayAuditError) -> Void
    ) throws(RelayAuditError) {
        let capacity = max(chunkSize, maximumLineLength) + chunkSize
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: capacity, alignment: 16)
        defer { buffer.deallocate() }
        guard let base = buffer.baseAddress else { return }
        let prefetcher = readAhead && (file.isCompressed || (file.size ?? .max) > Self.readAheadThreshold)
            ? ChunkPrefetcher(file: file, chunkSize: chunkSize) : nil
        defer { prefetcher?.finish() }
        func read(_ target: UnsafeMutableRawBufferPointer) throws(RelayAuditError) -> Int {
            if let prefetcher { return try prefetcher.read(into: target) }
            return try file.read(into: target)
        }
        var filled = 0
        var lineNumber = 0
        var offset: Int64 = 0
        var skippingRestOfLongLine = false

        while true {
            let n = try read(UnsafeMutableRawBufferPointer(start: base + filled, count: min(chunkSize, capacity - filled)))
            let atEnd = n == 0
            filled += n
            var start = 0
            while start < filled {
                let remaining = filled - start
                guard let hit = memchr(base + start, 0x0A, remaining) else { break }
                let end = base.distance(to: UnsafeMutableRawPointer(hit))
                if skippingRestOfLongLine {
                    skippingRestOfLongLine = false
                } else {
                    lineNumber += 1
                    try body(Line(bytes: UnsafeRawBufferPointer(start: base + start, count: end - start),
                                  number: lineNumber, offset: offset, truncated: false))
                }
                offset += Int64(end - start + 1)
                start = end + 1
            }
            let tail = filled - start
            if atEnd {
                if tail > 0, !skippingRestOfLongLine {
                    lineNumber += 1
                    try body(Line(bytes: UnsafeRawBufferPointer(start: base + start, count: tail),
                                  number: lineNumber, offset: offset, truncated: false))
                }
                return
            }
            if tail >= maximumLineLength {
                // Deliver the first part of an overlong line once, then skip to its end.
                if !skippingRestOfLongLine {
                    lineNumber += 1
                    try body(Line(bytes: UnsafeRawBufferPointer(start: base + start, count: maximumLineLength),
                                  number: lineNumber, offset: offset, truncated: true))
                    skippingRestOfLongLine = true
                }
                offset += Int64(tail)
                filled = 0
                continue
            }
            if start > 0, tail > 0 { memmove(base, base + start, tail) }
            filled = tail
        }
    }
}
