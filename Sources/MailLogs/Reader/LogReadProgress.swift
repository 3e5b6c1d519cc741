/// Told how far a long read has come, every 65,536 lines (a counter compare per line: nothing
/// on the hot path). The CLI draws a progress line from it when stderr is a terminal.
public protocol LogReadProgress: AnyObject {
    /// `bytesDone` counts finished files by size plus the current file's position (decompressed
    /// for `.gz`); `bytesTotal` is known only when every input is a plain file.
    func update(bytesDone: Int64, bytesTotal: Int64?, lines: Int)
    /// The read is over (or failed): erase what was drawn.
    func finish()
}
