/// A parsed policy file: YAML reduced to scalars, lists and ordered mappings, each with the
/// line and column it came from so every error can point at the exact place.
public indirect enum PolicyNode: Sendable {
    case scalar(String, Location)
    case list([PolicyNode], Location)
    case map([(key: String, keyLocation: Location, value: PolicyNode)], Location)

    /// Where a node starts in its file (1-based; 0 when unknown).
    public struct Location: Sendable, Equatable {
        public var line: Int
        public var column: Int
        public static let unknown = Location(line: 0, column: 0)
    }

    public var location: Location {
        switch self {
        case let .scalar(_, l), let .list(_, l), let .map(_, l): l
        }
    }

    /// The node under `key` when this is a mapping.
    public subscript(key: String) -> PolicyNode? {
        guard case let .map(pairs, _) = self else { return nil }
        return pairs.first { $0.key == key }?.value
    }

    /// A short name of the node's shape for error messages.
    var shapeName: String {
        switch self {
        case .scalar: "a single value"
        case .list: "a list"
        case .map: "a mapping"
        }
    }
}
