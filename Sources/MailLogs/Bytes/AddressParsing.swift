/// Pulls client addresses out of the forms MTAs write: `host[192.0.2.7]`, `[IPv6:2001:db8::1]`,
/// `rip=192.0.2.7`, `::ffff:192.0.2.7`.
enum AddressParsing {
    /// The address inside the brackets that open at `open`; nil if it does not look like one.
    static func bracketed(_ line: ByteLine, open: Int) -> String? {
        guard open < line.count, line[open] == UInt8(ascii: "["),
              let close = line.firstIndex(of: UInt8(ascii: "]"), from: open + 1) else { return nil }
        return address(line.slice(open + 1, close))
    }

    /// `bytes` as an address: digits, hex, dots and colons only; `IPv6:` and `::ffff:`
    /// prefixes removed.
    static func address(_ bytes: ByteLine) -> String? {
        var value = bytes
        if value.hasPrefixIgnoringCase("IPv6:") { value = value.dropFirst(5) }
        if value.hasPrefixIgnoringCase("::ffff:"), value.dropFirst(7).firstIndex(of: UInt8(ascii: ":")) == nil {
            value = value.dropFirst(7)
        }
        guard value.count >= 2, value.count <= 45 else { return nil }
        var sawDigit = false
        for i in 0..<value.count {
            let c = value[i]
            switch c {
            case 0x30...0x39: sawDigit = true
            case 0x61...0x66, 0x41...0x46, UInt8(ascii: "."), UInt8(ascii: ":"): break
            default: return nil
            }
        }
        return sawDigit ? value.string : nil
    }

    /// The address after `key` (`rip=`, `rhost=`), up to a comma or space.
    static func keyed(_ line: ByteLine, _ key: StaticString, from: Int = 0) -> String? {
        guard let value = line.value(after: key, until: UInt8(ascii: ","), from: from) else { return nil }
        let end = value.firstIndex(of: 0x20) ?? value.count
        return address(value.prefix(end))
    }
}
