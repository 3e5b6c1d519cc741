/// A JSON value whose objects keep their key order.
///
/// Reports are read by people as well as by SIEM pipelines; a fixed key order (the one the
/// interface document shows) makes diffs between two runs readable, which `JSONEncoder`'s
/// hash ordering would not.
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])
    /// An array made one element at a time while it is written: a report on a hundred thousand
    /// addresses or accounts is never held as a tree (it was several times the size of its text).
    case lazyArray(LazyJSONArray)

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case let (.lazyArray(a), _): .array(a.materialized) == rhs
        case let (_, .lazyArray(b)): lhs == .array(b.materialized)
        case (.null, .null): true
        case let (.bool(a), .bool(b)): a == b
        case let (.int(a), .int(b)): a == b
        case let (.double(a), .double(b)): a == b
        case let (.string(a), .string(b)): a == b
        case let (.array(a), .array(b)): a == b
        case let (.object(a), .object(b)):
            a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: false
        }
    }

    /// The value for `key` when this is an object.
    public subscript(key: String) -> JSONValue? {
        guard case let .object(pairs) = self else { return nil }
        return pairs.first { $0.0 == key }?.1
    }

    /// `value` or JSON null.
    public static func optional(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
    /// `value` or JSON null.
    public static func optional(_ value: Int?) -> JSONValue { value.map(JSONValue.int) ?? .null }
    /// `value` or JSON null.
    public static func optional(_ value: Bool?) -> JSONValue { value.map(JSONValue.bool) ?? .null }
    /// An array of strings.
    public static func strings(_ values: [String]) -> JSONValue { .array(values.map(JSONValue.string)) }
}

/// The elements of a `JSONValue.lazyArray`: how many, and how to make each.
public struct LazyJSONArray: Sendable {
    public let count: Int
    public let element: @Sendable (Int) -> JSONValue

    public init(count: Int, element: @escaping @Sendable (Int) -> JSONValue) {
        self.count = count
        self.element = element
    }

    /// `items.map(transform)`, made lazily.
    public init<Item: Sendable>(_ items: [Item], _ transform: @escaping @Sendable (Item) -> JSONValue) {
        self.init(count: items.count) { transform(items[$0]) }
    }

    public var materialized: [JSONValue] { (0..<count).map(element) }
}
