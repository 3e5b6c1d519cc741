/// A Postfix line decoded without any state: what `PostfixParser.apply` needs to do the joins.
///
/// Made by `PostfixParser.prepare` (on any thread: every value is an owned String, nothing
/// points into the line's buffer) and consumed in input order by `apply`.
struct PostfixLine: Sendable {
    /// A queue id as written and as a join key.
    struct Queued: Sendable {
        var id: String
        var key: LocalIDKey
    }

    struct Delivery: Sendable {
        var recipient: String
        var status: String
        /// Handed to a mailbox here (lmtp, local, virtual, a dovecot relay).
        var local: Bool
        var reason: String?
    }

    enum Kind: Sendable {
        /// Understood, nothing to do (other smtpd chatter, lines without a queue id).
        case ignored
        /// `connect from host[ip]`: a new smtpd connection for the line's pid.
        case connect(ip: String?)
        /// `disconnect from host[ip] … auth=S/T …`: the connection ends; `authFailed` is T - S,
        /// the AUTH commands that failed in it (0 when the line has no such counter).
        case disconnect(ip: String?, authFailed: Int)
        /// `QID: client=host[ip], sasl_method=…, sasl_username=…`.
        case client(Queued, ip: String?, user: String?, mechanism: String?)
        case authFailure(ip: String?, user: String?, mechanism: String?, reason: String)
        case relayDenied(ip: String?, from: String?, to: String?, localID: String?)
        /// qmgr's `QID: removed`: the message is complete.
        case removed(LocalIDKey)
        /// bounce's `QID: sender non-delivery notification: NDRID`.
        case bounce(Queued, ndrID: String, ndrKey: LocalIDKey?, reason: String)
        /// cleanup/qmgr `QID: from=<sender>, size=…` (not an expired message's).
        case sender(Queued, from: String, size: Int?)
        /// pickup's `QID: uid=… from=<sender>` (mail submitted on the server itself).
        case pickup(Queued, from: String)
        case delivery(Queued, Delivery)
        /// master's `daemon started -- version 3.7.11, configuration /etc/postfix`.
        case started(version: String)
    }

    var kind: Kind
    /// The program as written (`postfix/submission/smtpd`), for the events' appname.
    var appname: String
    /// The service its logins are made to (submission for `…/submission/smtpd`).
    var service: Service?
}

/// Program names as Strings, made once per distinct name: a log names a handful of daemons,
/// and a String per line for the same twenty bytes was an allocation per event.
///
/// Looked up by length and the first and last eight bytes (names of one length, such as
/// `postfix/smtp` and `postfix/qmgr`, differ there), then confirmed byte for byte: a byte
/// comparison per known name on every line cost more than it saved.
struct ProgramNames {
    private struct Known {
        var count: Int
        var head: UInt64
        var tail: UInt64
        var bytes: [UInt8]
        var name: String
        var service: Service?
    }

    private var known: [Known] = []

    mutating func string(_ program: ByteLine) -> String { entry(program).name }

    /// The program's name and the service of its logins, each made once per distinct name.
    mutating func entry(_ program: ByteLine) -> (name: String, service: Service?) {
        let (head, tail) = Self.words(program)
        for entry in known where entry.count == program.count && entry.head == head && entry.tail == tail {
            if entry.bytes.withUnsafeBytes({ ByteLine($0).equals(program) }) { return (entry.name, entry.service) }
        }
        let name = program.string
        let service = Service.forProgram(program)
        if known.count < 32 {
            known.append(Known(count: program.count, head: head, tail: tail, bytes: program.bytes, name: name, service: service))
        }
        return (name, service)
    }

    /// The first and last (up to) eight bytes as numbers.
    private static func words(_ bytes: ByteLine) -> (UInt64, UInt64) {
        guard let base = bytes.base, bytes.count > 0 else { return (0, 0) }
        if bytes.count >= 8 {
            return (base.loadUnaligned(as: UInt64.self), base.loadUnaligned(fromByteOffset: bytes.count - 8, as: UInt64.self))
        }
        var word: UInt64 = 0
        for i in 0..<bytes.count { word |= UInt64(bytes[i]) << (8 * UInt64(i)) }
        return (word, word)
    }
}
