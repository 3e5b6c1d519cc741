/// Every client address and what it did, stored for a million addresses: a map from the
/// address to a position, and the activities in one array in order of first appearance.
///
/// A `SourceTable` keeps a value slot in every bucket of its hash table, and a
/// table is up to twice as large as its contents (and three times while it grows): for a
/// botnet's million addresses that is hundreds of megabytes of empty slots. Here the empty
/// buckets cost four bytes, and the array only what it holds. Iteration is in order of first
/// appearance, the same on every run.
public struct SourceTable: Sendable {
    private var positions: [String: Int32] = [:]
    public private(set) var addresses: [String] = []
    public private(set) var activities: [SourceActivity] = []

    public init() {}

    public var count: Int { addresses.count }
    public var isEmpty: Bool { addresses.isEmpty }

    public subscript(ip: String) -> SourceActivity? {
        positions[ip].map { activities[Int($0)] }
    }

    /// Changes the activity of `ip`, made empty first when the address is new.
    public mutating func update(_ ip: String, _ body: (inout SourceActivity) -> Void) {
        if let position = positions[ip] {
            body(&activities[Int(position)])
        } else {
            positions[ip] = Int32(addresses.count)
            addresses.append(ip)
            activities.append(SourceActivity())
            body(&activities[activities.count - 1])
        }
    }

    /// Changes the activity of `ip` when it is known.
    public mutating func modify(_ ip: String, _ body: (inout SourceActivity) -> Void) {
        if let position = positions[ip] { body(&activities[Int(position)]) }
    }

    /// Changes the activity at `position` (an index of `addresses`).
    public mutating func modify(at position: Int, _ body: (inout SourceActivity) -> Void) {
        body(&activities[position])
    }

    /// Every address and its activity, in order of first appearance.
    public func forEach(_ body: (String, SourceActivity) throws -> Void) rethrows {
        for index in addresses.indices { try body(addresses[index], activities[index]) }
    }
}

extension SourceTable {
    /// A table of the given addresses, for tests and tools.
    public init(_ entries: [(String, SourceActivity)]) {
        self.init()
        for (ip, activity) in entries { update(ip) { $0 = activity } }
    }
}

extension SourceTable: Sequence {
    /// Every (address, activity), in order of first appearance.
    public func makeIterator() -> Zip2Sequence<[String], [SourceActivity]>.Iterator {
        zip(addresses, activities).makeIterator()
    }
}
