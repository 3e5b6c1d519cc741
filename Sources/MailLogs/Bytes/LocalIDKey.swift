/// A queue or message id held inline (up to 24 bytes), so joining the lines of a message costs
/// no allocation per line. Postfix short (10–12 hex) and long (~15) queue ids, Exim's 16- and
/// 23-character message ids and Sendmail's 14–15-character ids all fit.
public struct LocalIDKey: Hashable, Sendable {
    private var a: UInt64 = 0
    private var b: UInt64 = 0
    private var c: UInt64 = 0
    private var length: UInt8 = 0

    public init?(_ bytes: ByteLine) {
        guard bytes.count > 0, bytes.count <= 24 else { return nil }
        for i in 0..<bytes.count {
            let byte = UInt64(bytes[i])
            switch i {
            case 0..<8: a |= byte << (8 * UInt64(i))
            case 8..<16: b |= byte << (8 * UInt64(i - 8))
            default: c |= byte << (8 * UInt64(i - 16))
            }
        }
        length = UInt8(bytes.count)
    }

    public init?(_ string: String) {
        var copy = string
        guard let key = copy.withUTF8({ LocalIDKey(ByteLine(UnsafeRawBufferPointer($0))) }) else { return nil }
        self = key
    }

    public var string: String {
        var bytes: [UInt8] = []
        for i in 0..<Int(length) {
            let word = i < 8 ? a : (i < 16 ? b : c)
            bytes.append(UInt8(truncatingIfNeeded: word >> (8 * UInt64(i % 8))))
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
