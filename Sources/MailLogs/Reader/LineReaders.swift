import RelayAuditCore

/// The line-format readers of `InputReaders.lineFormats`, one instance each for the whole run
/// (joins carry over from file to file), with the routing of a line to its reader.
///
/// Postfix is held as its concrete type besides the others: it is the one format whose lines
/// are decoded ahead on worker threads (`PostfixParser.prepare`) and applied here in order,
/// and the commonest, so its lines skip the dynamic dispatch the others go through.
struct LineReaders {
    var postfix = PostfixParser()
    /// The other registered readers, in registry order.
    private var others: [any LineFormatReader]
    /// Every registered reader in registry order: Postfix's place, or an index into `others`.
    private let slots: [Slot]
    /// The readers offered bare lines (those that read them, and that --format allows), in order.
    private let bareSlots: [Slot]
    /// Whether --format allows each of `others`.
    private let othersAllowed: [Bool]
    /// `--format`: only this format's lines are read; the others count as unrecognized.
    let only: LogFormat?

    enum Slot { case postfix, other(Int) }

    init(only: LogFormat?) {
        self.only = only
        var others: [any LineFormatReader] = []
        slots = InputReaders.lineFormats.map { type in
            if Self.isPostfixType(type) { return .postfix }
            others.append(type.init())
            return .other(others.count - 1)
        }
        self.others = others
        let allowed = { (format: LogFormat) in only == nil || only == format }
        var bareSlots: [Slot] = []
        for (index, type) in InputReaders.lineFormats.enumerated() where type.readsBareLines && allowed(type.format) {
            bareSlots.append(slots[index])
        }
        self.bareSlots = bareSlots
        othersAllowed = others.map { allowed(type(of: $0).format) }
    }

    static func isPostfixType(_ type: any LineFormatReader.Type) -> Bool { ObjectIdentifier(type) == ObjectIdentifier(PostfixParser.self) }

    /// The reader that claims a syslog program name, by registry order.
    func route(_ program: ByteLine) -> Slot? {
        for (index, type) in InputReaders.lineFormats.enumerated() where type.claims(program: program) { return slots[index] }
        return nil
    }

    /// Lines the Postfix reader reads, decoded ahead when the reader runs workers.
    static func isPostfix(_ program: ByteLine, only: LogFormat?) -> Bool {
        PostfixParser.claims(program: program) && (only == nil || only == .postfix)
    }

    func allows(_ format: LogFormat) -> Bool { only == nil || only == format }

    /// Reads a line by its program's reader; a bare line (no syslog program) by the first
    /// reader of bare lines that understands it.
    mutating func parse(_ message: ByteLine, _ context: LineContext, _ sink: inout EventBuffer) -> LineVerdict {
        guard let program = context.program else {
            for slot in bareSlots where parse(slot, message, context, &sink) == .understood { return .understood }
            return .unrecognized
        }
        guard let slot = route(program) else { return .unrecognized }
        return parse(slot, message, context, &sink)
    }

    private mutating func parse(_ slot: Slot, _ message: ByteLine, _ context: LineContext, _ sink: inout EventBuffer) -> LineVerdict {
        switch slot {
        case .postfix:
            return allows(.postfix) ? postfix.parse(message, context, into: &sink) : .unrecognized
        case let .other(index):
            return othersAllowed[index] ? others[index].parse(message, context, into: &sink) : .unrecognized
        }
    }

    /// Expires the reader registered at `index` in `InputReaders.lineFormats`.
    mutating func expire(reader index: Int, now: Instant, windows: JoinWindows, into sink: inout EventBuffer) {
        switch slots[index] {
        case .postfix: postfix.expire(now: now, windows: windows, into: &sink)
        case let .other(other): others[other].expire(now: now, windows: windows, into: &sink)
        }
    }

    /// Every line reader's server versions.
    var serverSoftware: [ServerSoftware] { postfix.serverSoftware + others.flatMap(\.serverSoftware) }

    mutating func finish(into sink: inout EventBuffer) {
        for slot in slots {
            switch slot {
            case .postfix: postfix.finish(into: &sink)
            case let .other(other): others[other].finish(into: &sink)
            }
        }
    }
}
