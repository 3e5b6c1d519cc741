#if canImport(Glibc)
import Glibc
#endif

/// A password held in memory the tool controls, zeroed when released.
///
/// Swift `String`s are copied and never wiped; this keeps the bytes in one allocation that is
/// cleared with `explicit_bzero` (which the compiler may not optimise away) once the bind is
/// done. It is deliberately not `CustomStringConvertible`: printing it shows nothing secret.
public final class Secret: CustomStringConvertible {
    private let storage: UnsafeMutableBufferPointer<UInt8>
    public let count: Int

    /// Copies `bytes` into wiped-on-release storage.
    public init(bytes: some Collection<UInt8>) {
        count = bytes.count
        storage = .allocate(capacity: max(count, 1))
        _ = storage.initialize(from: bytes)
    }

    deinit {
        explicit_bzero(storage.baseAddress!, storage.count)
        storage.deallocate()
    }

    public var isEmpty: Bool { count == 0 }

    /// Lends the bytes for the duration of `body` (e.g. to build a `berval`).
    public func withBytes<R>(_ body: (UnsafeMutableBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try body(UnsafeMutableBufferPointer(rebasing: storage[0..<count]))
    }

    public var description: String { "<secret>" }
}
