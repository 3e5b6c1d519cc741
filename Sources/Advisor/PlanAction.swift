/// The id of what a plan step does (`disable-account`, `block-address`): the key of its
/// command templates in `Policies/commands.yaml` and the `action` of the JSON plan.
///
/// Each constant is declared next to the step that introduces it (Steps/), so a step and its
/// templates are tied by a name the compiler checks; loading a templates file checks the other
/// direction (every action a registered step uses has templates, and no template is for an
/// action no step uses).
public struct PlanAction: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public init(_ rawValue: String) { self.rawValue = rawValue }

    public var description: String { rawValue }

    public static func < (lhs: PlanAction, rhs: PlanAction) -> Bool { lhs.rawValue < rhs.rawValue }
}
