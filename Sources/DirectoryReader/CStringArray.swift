#if canImport(Glibc)
import Glibc
#endif

/// A NULL-terminated array of C strings (libldap's attribute lists), owned and freed here.
/// libldap reads up to the NULL; a missing terminator is undefined behaviour.
final class CStringArray {
    private var pointers: [UnsafeMutablePointer<CChar>?]

    init(_ strings: [String]) {
        pointers = strings.map { strdup($0) } + [nil]
    }

    deinit {
        for pointer in pointers { free(pointer) }
    }

    func withPointer<R>(_ body: (UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> R) -> R {
        pointers.withUnsafeMutableBufferPointer { body($0.baseAddress!) }
    }
}
