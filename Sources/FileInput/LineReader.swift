#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CByteSearch
public import RelayAuditCore

/// Splits an input into lines in large chunks, without loading the input whole and without
/// creating a `String` per line.
///
/// Lines are found with `memchr` in a reused buffer; the unfinished tail of a chunk moves to
/// the front for the next read. A line longer than `maximumLineLength` is cut: its first part
/// is delivered with `truncated` set and the rest skipped, so a 10 MB garbage line costs a
/// bounded amount of memory and is reported, not fatal. Whether a line is cut depends on its
/// length only, never on where the reads happened to fall.
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
        var lineNumber = 0
        try forEachBlock(in: file) { block throws(RelayAuditError) in
            try block.forEachLine { bytes, offset, truncated throws(RelayAuditError) in
                lineNumber += 1
                try body(Line(bytes: bytes, number: lineNumber, offset: offset, truncated: truncated))
            }
        }
    }

    /// Calls `body` for runs of whole lines, in order: each block ends at a line feed (or at
    /// the end of the input), so blocks can be split into lines independently of each other,
    /// on other threads (`forEachLine` and the parallel reader cut the input the same way).
    public func forEachBlock(
        in file: InputFile, _ body: (LineBlock) throws(RelayAuditError) -> Void
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
        var offset: Int64 = 0
        var skippingRestOfLongLine = false

        while true {
            let n = try read(UnsafeMutableRawBufferPointer(start: base + filled, count: min(chunkSize, capacity - filled)))
            let atEnd = n == 0
            filled += n
            var start = 0
            if skippingRestOfLongLine, let hit = memchr(base, 0x0A, filled) {
                // The line feed that ends a cut line: the rest of it is not delivered.
                start = base.distance(to: UnsafeMutableRawPointer(hit)) + 1
                offset += Int64(start)
                skippingRestOfLongLine = false
            }
            // Only the bytes just read can hold a line feed: the tail before them had none.
            let fresh = max(start, filled - n)
            if !skippingRestOfLongLine, fresh < filled, let last = cbs_memrchr(base + fresh, 0x0A, filled - fresh) {
                let end = base.distance(to: UnsafeMutableRawPointer(mutating: last)) + 1
                try body(LineBlock(bytes: UnsafeRawBufferPointer(start: base + start, count: end - start), offset: offset, truncated: false,
                                   maximumLineLength: maximumLineLength))
                offset += Int64(end - start)
                start = end
            }
            let tail = filled - start
            if atEnd {
                if tail > 0, !skippingRestOfLongLine {
                    try body(LineBlock(bytes: UnsafeRawBufferPointer(start: base + start, count: tail), offset: offset, truncated: false,
                                       maximumLineLength: maximumLineLength))
                }
                return
            }
            if tail > maximumLineLength {
                // Deliver the first part of an overlong line once, then skip to its end.
                if !skippingRestOfLongLine {
                    try body(LineBlock(bytes: UnsafeRawBufferPointer(start: base + start, count: maximumLineLength), offset: offset, truncated: true,
                                       maximumLineLength: maximumLineLength))
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

/// Whole lines of an input, as `LineReader.forEachBlock` cuts them.
public struct LineBlock {
    /// The lines with their line feeds; the input's last line may lack one. Valid only during
    /// the callback.
    public var bytes: UnsafeRawBufferPointer
    /// Byte offset of the block's first byte in the input.
    public var offset: Int64
    /// The block is the first part of one overlong line (no line feed in it).
    public var truncated: Bool
    /// Lines longer than this are cut to it and flagged.
    public var maximumLineLength: Int

    public init(bytes: UnsafeRawBufferPointer, offset: Int64, truncated: Bool, maximumLineLength: Int) {
        self.bytes = bytes
        self.offset = offset
        self.truncated = truncated
        self.maximumLineLength = maximumLineLength
    }

    /// Calls `body` with each line's bytes (without its line feed), its offset, and whether it
    /// was cut.
    public func forEachLine<E: Error>(_ body: (UnsafeRawBufferPointer, Int64, Bool) throws(E) -> Void) throws(E) {
        guard let base = bytes.baseAddress else { return }
        if truncated {
            try body(bytes, offset, true)
            return
        }
        var start = 0
        while start < bytes.count {
            let line: Int
            if let hit = memchr(base + start, 0x0A, bytes.count - start) {
                line = base.distance(to: UnsafeRawPointer(hit)) - start
            } else {
                line = bytes.count - start
            }
            let cut = line > maximumLineLength
            try body(UnsafeRawBufferPointer(start: base + start, count: cut ? maximumLineLength : line), offset + Int64(start), cut)
            start += line + 1
        }
    }
}
