/// The range option of an attribute description returned by Active Directory for large
/// multi-valued attributes: `member;range=0-1499`, and `member;range=1500-*` on the last chunk.
struct AttributeRange: Equatable {
    var baseName: String
    var low: Int
    /// nil when the range ends in `*` (the last chunk).
    var high: Int?

    init?(attributeDescription: String) {
        // Nearly every attribute has no option: skip the split for those.
        guard attributeDescription.utf8.contains(UInt8(ascii: ";")) else { return nil }
        let parts = attributeDescription.split(separator: ";")
        guard parts.count >= 2 else { return nil }
        for option in parts.dropFirst() where option.lowercased().hasPrefix("range=") {
            let bounds = option.dropFirst("range=".count).split(separator: "-", maxSplits: 1)
            guard bounds.count == 2, let low = Int(bounds[0]) else { return nil }
            if bounds[1] == "*" {
                high = nil
            } else if let value = Int(bounds[1]), value >= low {
                high = value
            } else {
                return nil
            }
            self.low = low
            baseName = String(parts[0])
            return
        }
        return nil
    }

    var isLast: Bool { high == nil }
    /// Where the next chunk starts, or nil after the last one.
    var nextStart: Int? { high.map { $0 + 1 } }
}
