#if canImport(Glibc)
import Glibc
#endif
import FileInput
import RelayAuditCore

/// The parallel half of the reader: blocks of whole lines are copied out of the read buffer and
/// decoded on worker threads (`LogStream.prepare`: syslog header, time, Postfix fields and
/// Strings); the lines come back to the reading thread in input order, where `LogStream.apply`
/// does the joins. Joins, connection state and expiry therefore see exactly the sequence the
/// one-thread reader sees, whatever the block edges: the output is the same byte for byte.
enum PreparedBlocks {
    /// A block's lines, decoded, and the buffer their views point into.
    struct Block: @unchecked Sendable {
        // The buffer is written by the reading thread before the job is submitted, read by the
        // job, and reused only after the reading thread has applied every line.
        var buffer: UnsafeMutableRawBufferPointer
        /// Bytes of the buffer the block fills.
        var count: Int
        var offset: Int64
        var truncated: Bool
        var maximumLineLength: Int
        /// The decoded lines, moved out one by one as they are applied: iterating an array
        /// would copy each line (a retain per String) and release it all again with the array.
        var lines: UnsafeMutablePointer<PreparedLine>?
        var lineCount = 0
    }

    static func read(_ file: InputFile, with reader: LineReader, workers: Int, clock: LogClock, only: LogFormat?,
                     _ body: (consuming PreparedLine) throws(RelayAuditError) -> Void) throws(RelayAuditError) {
        let queue = OrderedWorkers<Block>(workers: workers, window: 2 * workers + 2)
        var spare: [UnsafeMutableRawBufferPointer] = []
        defer {
            for block in queue.finish() {
                block.lines?.deinitialize(count: block.lineCount)
                block.lines?.deallocate()
                block.buffer.deallocate()
            }
            for buffer in spare { buffer.deallocate() }
        }
        func apply(_ block: Block) throws(RelayAuditError) {
            var next = 0
            defer {
                // Lines not applied (an error stopped the reader) are released here.
                block.lines?.advanced(by: next).deinitialize(count: block.lineCount - next)
                block.lines?.deallocate()
                spare.append(block.buffer)
            }
            guard let lines = block.lines else { return }
            while next < block.lineCount {
                let line = (lines + next).move()
                next += 1
                try body(line)
            }
        }
        try reader.forEachBlock(in: file) { block throws(RelayAuditError) in
            if queue.pending == queue.window { try apply(queue.next()) }
            // A spare buffer when it is large enough (a block can outgrow the read size when a
            // long line straddles two reads), else a new one.
            var reused = spare.popLast()
            if let small = reused, small.count < block.bytes.count {
                small.deallocate()
                reused = nil
            }
            let buffer = reused ?? .allocate(byteCount: max(block.bytes.count, reader.chunkSize), alignment: 16)
            if let source = block.bytes.baseAddress { memcpy(buffer.baseAddress!, source, block.bytes.count) }
            let job = Block(buffer: buffer, count: block.bytes.count, offset: block.offset, truncated: block.truncated,
                            maximumLineLength: block.maximumLineLength)
            queue.submit {
                var prepared = job
                (prepared.lines, prepared.lineCount) = prepare(UnsafeRawBufferPointer(start: job.buffer.baseAddress, count: job.count),
                                                               offset: job.offset, truncated: job.truncated,
                                                               maximumLineLength: job.maximumLineLength, clock: clock, only: only)
                return prepared
            }
        }
        while queue.pending > 0 { try apply(queue.next()) }
    }

    /// Decodes every line of one block (a worker's job) into storage the caller deallocates.
    static func prepare(_ bytes: UnsafeRawBufferPointer, offset: Int64, truncated: Bool, maximumLineLength: Int, clock: LogClock,
                        only: LogFormat?) -> (UnsafeMutablePointer<PreparedLine>?, Int) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return (nil, 0) }
        // One line per line feed, plus a last line without one.
        var capacity = 1
        var position = 0
        while position < bytes.count, let hit = memchr(base + position, 0x0A, bytes.count - position) {
            capacity += 1
            position = base.distance(to: UnsafeRawPointer(hit)) + 1
        }
        let lines = UnsafeMutablePointer<PreparedLine>.allocate(capacity: capacity)
        var count = 0
        var clock = clock
        var names = ProgramNames()
        LineBlock(bytes: bytes, offset: offset, truncated: truncated, maximumLineLength: maximumLineLength).forEachLine { line, lineOffset, cut in
            let prepared = cut
                ? PreparedLine(offset: lineOffset, time: nil, pid: nil, program: nil, message: ByteLine(line), kind: .overlong)
                : LogStream.prepare(ByteLine(line), offset: lineOffset, clock: &clock, names: &names, only: only)
            (lines + count).initialize(to: prepared)
            count += 1
        }
        return (lines, count)
    }
}
