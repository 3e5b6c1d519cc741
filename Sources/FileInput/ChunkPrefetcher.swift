import Dispatch
#if canImport(Glibc)
import Glibc
#endif
import RelayAuditCore

/// Reads an input ahead on its own thread, so that decompressing a rotated `.gz` log (or the
/// kernel's copy of a plain one) overlaps with parsing instead of taking turns with it.
///
/// A few fixed buffers circulate between the reading thread and the caller: memory is bounded
/// by `depth × chunkSize`, whatever the input's size. Chunks come out in input order; a read
/// error reaches the caller at the point in the input where it happened.
final class ChunkPrefetcher: @unchecked Sendable {
    // Shared state is handed over through the semaphores: a slot is written by the reader
    // only between `free.wait()` and `filled.signal()`, and read by the caller only between
    // `filled.wait()` and `free.signal()`.
    private let file: InputFile
    private let slots: [UnsafeMutableRawBufferPointer]
    private var lengths: [Int]
    private var failures: [RelayAuditError?]
    private let free: DispatchSemaphore
    private let filled = DispatchSemaphore(value: 0)
    /// Signalled after each chunk the reader hands over: tests wait on it to know the reader has
    /// filled every buffer (and so waits for one), instead of sleeping and hoping it has.
    let produced = DispatchSemaphore(value: 0)
    private let done = DispatchGroup()
    private let stateLock = NSLockLike()
    private var cancelled = false
    /// The caller's position: the slot to take next, and how much of the current one is used.
    private var next = 0
    private var current: Int?
    private var consumed = 0
    private var ended = false

    /// How many buffers circulate.
    var depth: Int { slots.count }

    init(file: InputFile, chunkSize: Int, depth: Int = 4) {
        self.file = file
        slots = (0..<depth).map { _ in UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16) }
        lengths = Array(repeating: 0, count: depth)
        failures = Array(repeating: nil, count: depth)
        free = DispatchSemaphore(value: depth)
        done.enter()
        DispatchQueue(label: "relay-audit.read-ahead").async { [self] in produce() }
    }

    /// Stops the reading thread and waits until it has let go of the file and the buffers.
    /// Must be called once the caller is done, whether or not the input was read to its end.
    func finish() {
        stateLock.withLock { cancelled = true }
        // Wake the reader if it waits for a slot. One more signal than there are slots: the
        // reader may take one after its last chunk, and libdispatch traps when a semaphore is
        // released below the value it was made with.
        for _ in 0...slots.count { free.signal() }
        done.wait()
    }

    deinit {
        for slot in slots { slot.deallocate() }
    }

    private func produce() {
        defer { done.leave() }
        var index = 0
        while true {
            free.wait()
            if stateLock.withLock({ cancelled }) { return }
            let slot = index % slots.count
            do {
                lengths[slot] = try file.read(into: slots[slot])
            } catch {
                lengths[slot] = 0
                failures[slot] = error
            }
            let last = lengths[slot] == 0
            filled.signal()
            produced.signal()
            if last { return }
            index += 1
        }
    }

    /// Copies up to `buffer.count` bytes of the input into `buffer`; 0 at its end. Throws the
    /// read error where it occurred.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(RelayAuditError) -> Int {
        guard !ended, let base = buffer.baseAddress else { return 0 }
        var copied = 0
        while copied < buffer.count {
            if current == nil {
                // Do not wait for the next chunk once something was copied: parse what is here.
                if copied > 0 { break }
                filled.wait()
                current = next % slots.count
                next += 1
                consumed = 0
            }
            let slot = current!
            if let failure = failures[slot] {
                ended = true
                throw failure
            }
            if lengths[slot] == 0 {
                ended = true
                break
            }
            let n = min(lengths[slot] - consumed, buffer.count - copied)
            memcpy(base + copied, slots[slot].baseAddress! + consumed, n)
            copied += n
            consumed += n
            if consumed == lengths[slot] {
                current = nil
                free.signal()
            }
        }
        return copied
    }
}

/// A mutex without Foundation (this module uses only the C library and Dispatch).
private final class NSLockLike: @unchecked Sendable {
    private var mutex = pthread_mutex_t()
    init() { pthread_mutex_init(&mutex, nil) }
    deinit { pthread_mutex_destroy(&mutex) }
    func withLock<T>(_ body: () -> T) -> T {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        return body()
    }
}
