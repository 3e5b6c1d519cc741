import MailLogs
import Policy
public import RelayAuditCore

/// `password-spray`: many addresses each failing to log in a few times, across the usernames
/// the attacker could guess: a botnet that keeps every address under every per-address
/// threshold (fail2ban's, the MTA's, this tool's own `failure-flood`).
///
/// Which failures count: those with a username the address never got into, not typos it
/// corrected at once; failures naming no one from an address that never logged in. Those
/// addresses are swept in time order; a pause longer than `gap_hours` with no such failure ends
/// a campaign, so one try an hour for ten days is one campaign. Within one stretch of time,
/// addresses are linked by the usernames and networks they share, and told apart only when two
/// linked groups each work through a list of their own (`min_shared_usernames` names tried by
/// several of their addresses, and nine in ten of their tries on such names) over hours of
/// their own: two botnets on the same night, one with invented names and one with the staff's,
/// starting or ending hours apart, are two campaigns; one botnet handing each of its networks a
/// slice of its list is one, and so are a spray of random names (which share none) and a
/// sparse low-and-slow spray.
///
/// Cost: one pass over the addresses, a sort of those that failed, and a union-find over
/// them: linear but for the sort, and bounded by the addresses, not the lines.
public struct PasswordSprayCampaignDetector: CampaignDetector {
    public let id = SignalID.passwordSprayCampaign
    public init() {}

    /// An address with guesses: its position in the `SourceTable`, its first and last guess
    /// (`CompactInstant` seconds). Twelve bytes, for a million of them.
    struct Candidate {
        var position: Int32
        var first: UInt32
        var last: UInt32
    }

    public func detect(_ context: CampaignContext) -> [Campaign] {
        let minimum = max(2, Int(context.parameter("min_addresses", default: 20)))
        let gap = Int64(context.parameter("gap_hours", default: 6) * 3600)
        let minimumShared = max(1, Int(context.parameter("min_shared_usernames", default: 5)))
        var candidates: [Candidate] = []
        for (position, source) in context.sources.activities.enumerated() where source.authFailure > 0 {
            var first = CompactInstant.distantFuture, last = CompactInstant.distantPast
            Self.forEachGuess(source) { _, entry in
                first = min(first, CompactInstant(entry.first))
                last = max(last, CompactInstant(entry.last))
            }
            if source.tries.untracked > 0 || (source.unnamedFailures > 0 && source.successes.isEmpty) {
                first = min(first, CompactInstant(source.firstSeen))
                last = max(last, CompactInstant(source.lastSeen))
            }
            if first <= last { candidates.append(Candidate(position: Int32(position), first: first.raw, last: last.raw)) }
        }
        candidates.sort { ($0.first, $0.position) < ($1.first, $1.position) }

        // Sweep the moments of the guesses (each username's first and last try per address),
        // not the addresses' spans: one address that tried in March and again in November must
        // not make March to November one campaign. An address belongs to the stretch of its
        // first guess.
        var points: [(time: UInt32, candidate: Int32)] = []
        points.reserveCapacity(candidates.count * 2)
        for (index, candidate) in candidates.enumerated() {
            points.append((candidate.first, Int32(index)))
            if candidate.last != candidate.first { points.append((candidate.last, Int32(index))) }
        }
        points.sort { ($0.time, $0.candidate) < ($1.time, $1.candidate) }
        var stretchOf = [Int32](repeating: -1, count: candidates.count)
        var windows: [(first: Int64, last: Int64)] = []
        for point in points {
            let time = Int64(point.time)
            if let window = windows.last, time - window.last <= gap {
                windows[windows.count - 1].last = time
            } else {
                windows.append((time, time))
            }
            if stretchOf[Int(point.candidate)] < 0 { stretchOf[Int(point.candidate)] = Int32(windows.count - 1) }
        }
        points = []
        var stretches = [[Int]](repeating: [], count: windows.count)
        for (index, stretch) in stretchOf.enumerated() { stretches[Int(stretch)].append(index) }

        var groups: [(members: [Int], window: (first: Int64, last: Int64))] = []
        for (index, members) in stretches.enumerated() where members.count >= minimum {
            for group in split(candidates, members, context.sources, minimum: minimum, minimumShared: minimumShared) {
                groups.append((group, windows[index]))
            }
        }
        let campaigns = groups.map { summarize($0.members.map { candidates[$0].position }, within: $0.window, context) }
            .sorted { ($0.first, $0.addressCount) < ($1.first, $1.addressCount) }
        var numbered: [Campaign] = []
        for (index, var campaign) in campaigns.enumerated() {
            campaign.number = index + 1
            numbered.append(campaign)
        }
        return Self.findEntries(numbered, context)
    }

    /// The failures of `source` that are guesses: not typos corrected at once and, unless
    /// `includingOwn` (for an address already known to be guessing), not names it logged in as
    /// itself (an owner's device failing with its own name is no spray).
    static func forEachGuess(_ source: SourceActivity, includingOwn: Bool = false, _ body: (UInt64, FailedTries.Entry) -> Void) {
        let own: Set<UInt64> = includingOwn || source.successes.isEmpty ? [] : source.successHashes
        source.tries.forEach { hash, entry in
            if !entry.corrected, !own.contains(hash) { body(hash, entry) }
        }
    }

    /// Splits one stretch of time into campaigns, only where the split is clear. Addresses are
    /// linked when they tried the same username or sit in the same network (/24, /64): one
    /// botnet's hosts share both. A linked group is a campaign of its own when it has at
    /// least `minimum` addresses and works through a list: at least `minimumShared` usernames
    /// that several of its addresses tried, taking nine in ten of its tries. Everything else (groups held together by one name, sprays
    /// of random names that share none) joins the one such group when there is one, and makes
    /// a campaign of its own otherwise: a campaign is fragmented only when two lists prove it.
    func split(_ candidates: [Candidate], _ members: [Int], _ sources: SourceTable, minimum: Int,
               minimumShared: Int) -> [[Int]] {
        // Union-find over positions in `members`.
        var parent = Array(members.indices)
        func find(_ x: Int) -> Int {
            var x = x
            while parent[x] != x {
                parent[x] = parent[parent[x]]
                x = parent[x]
            }
            return x
        }
        func union(_ a: Int, _ b: Int) {
            let (ra, rb) = (find(a), find(b))
            if ra != rb { parent[max(ra, rb)] = min(ra, rb) }
        }
        var owner: [UInt64: Int32] = [:]
        var reused: Set<UInt64> = []
        var networkOwner: [NetworkKey: Int] = [:]
        for position in members.indices {
            let row = Int(candidates[members[position]].position)
            if let network = NetworkKey.of(sources.addresses[row]) {
                if let other = networkOwner[network] { union(position, other) } else { networkOwner[network] = position }
            }
            Self.forEachGuess(sources.activities[row]) { hash, _ in
                if let other = owner[hash] {
                    union(position, Int(other))
                    reused.insert(hash)
                } else {
                    owner[hash] = Int32(position)
                }
            }
        }
        var groupsByRoot: [Int: [Int]] = [:]
        for position in members.indices { groupsByRoot[find(position), default: []].append(members[position]) }
        var shared: [Int: Int] = [:]
        for hash in reused { shared[find(Int(owner[hash]!)), default: 0] += 1 }
        // How much of a group's guessing went to names several of its addresses tried: a list
        // worked through is nearly all of it; a sparse sample of one big list (one try an hour
        // over ten days) falls apart into groups that only look separate, and is far below.
        var guesses: [Int: (all: Int, onShared: Int)] = [:]
        for position in members.indices {
            let root = find(position)
            Self.forEachGuess(sources.activities[Int(candidates[members[position]].position)]) { hash, _ in
                guesses[root, default: (0, 0)].all += 1
                if reused.contains(hash) { guesses[root, default: (0, 0)].onShared += 1 }
            }
        }
        var lists: [[Int]] = []
        var rest: [Int] = []
        for root in groupsByRoot.keys.sorted() {
            let group = groupsByRoot[root]!
            let tried = guesses[root, default: (0, 0)]
            if group.count >= minimum, shared[root, default: 0] >= minimumShared, tried.onShared * 10 >= tried.all * 9 {
                lists.append(group)
            } else {
                rest += group
            }
        }
        lists = mergeConcurrent(lists, candidates)
        switch lists.count {
        case 0: return rest.count >= minimum ? [rest] : []
        case 1: return [(lists[0] + rest).sorted()]
        default: return rest.count >= minimum ? lists + [rest] : lists
        }
    }

    /// Lists worked through over the same hours are one campaign handing out slices of its
    /// list to its hosts, not several: groups stay apart only when their start or their end
    /// differ by an hour and a tenth of their joint span or more.
    func mergeConcurrent(_ lists: [[Int]], _ candidates: [Candidate]) -> [[Int]] {
        guard lists.count > 1 else { return lists }
        let spans = lists.map { group in
            (first: Int64(group.map { candidates[$0].first }.min()!), last: Int64(group.map { candidates[$0].last }.max()!), group: group)
        }.sorted { ($0.first, $0.last) < ($1.first, $1.last) }
        var merged: [(first: Int64, last: Int64, group: [Int])] = []
        for span in spans {
            if let previous = merged.last {
                let tolerance = max(3_600, (max(previous.last, span.last) - min(previous.first, span.first)) / 10)
                if abs(span.first - previous.first) < tolerance, abs(span.last - previous.last) < tolerance {
                    merged[merged.count - 1] = (min(previous.first, span.first), max(previous.last, span.last), previous.group + span.group)
                    continue
                }
            }
            merged.append(span)
        }
        return merged.map(\.group)
    }

    /// Counts one campaign's failures, networks, usernames, reasons and services.
    func summarize(_ positions: [Int32], within window: (first: Int64, last: Int64), _ context: CampaignContext) -> Campaign {
        var first = Instant.distantFuture, last = Instant.distantPast
        var failures = 0
        var networks: [NetworkKey: (addresses: Int, failures: Int)] = [:]
        var wide: Set<NetworkKey> = []
        var tried: [UInt64: CampaignTries] = [:]
        var overflow = HyperLogLog()
        var reasonCounts = [Int](repeating: 0, count: FailureReason.allCases.count)
        var serviceCounts = [Int](repeating: 0, count: Service.allCases.count)
        for position in positions {
            let ip = context.sources.addresses[Int(position)]
            let source = context.sources.activities[Int(position)]
            var mine = 0
            Self.forEachGuess(source, includingOwn: true) { hash, entry in
                mine += Int(entry.failures)
                first = min(first, entry.first)
                last = max(last, entry.last)
                if let index = tried.index(forKey: hash) {
                    tried.values[index].failures &+= Int32(clamping: entry.failures)
                    tried.values[index].addresses &+= 1
                    tried.values[index].first = min(tried.values[index].first, entry.first)
                } else if tried.count < FailedUsernames.capacity {
                    tried[hash] = CampaignTries(failures: Int32(clamping: entry.failures), addresses: 1, first: entry.first)
                } else {
                    overflow.add(hash)
                }
            }
            if source.successes.isEmpty { mine += source.unnamedFailures }
            if mine == 0 || source.tries.untracked > 0 {
                first = min(first, source.firstSeen)
                last = max(last, source.lastSeen)
            }
            failures += max(mine, 1)
            if let network = NetworkKey.of(ip) {
                networks[network, default: (0, 0)].addresses += 1
                networks[network, default: (0, 0)].failures += max(mine, 1)
                if network.family == 6, let slash48 = NetworkKey.of(ip, v6Length: 48) { wide.insert(slash48) }
            }
            for reason in FailureReason.allCases where source.failureReasons & (1 << UInt8(reason.rawValue)) != 0 { reasonCounts[reason.rawValue] += 1 }
            for (index, _) in Service.allCases.enumerated() where source.failedServices & (1 << UInt16(index)) != 0 { serviceCounts[index] += 1 }
        }
        // The stretch's own bounds: a member's guesses outside it belong to another stretch.
        first = Instant(seconds: max(first.seconds, window.first))
        last = Instant(seconds: min(last.seconds, window.last))
        let networkList = networks.map { CampaignNetwork(network: $0.key, addresses: $0.value.addresses, failures: $0.value.failures) }
            .sorted { ($0.addresses, $1.network) > ($1.addresses, $0.network) }
        let v4 = networkList.filter { $0.network.family == 4 }.count
        let loggedIn = Set(context.accountOf.keys.map(LoginHash.of))
        var top = TopK<(hash: UInt64, tries: CampaignTries)>(100) {
            ($0.tries.failures, $0.tries.addresses, $1.hash) < ($1.tries.failures, $1.tries.addresses, $0.hash)
        }
        for (hash, tries) in tried { top.add((hash, tries)) }
        let topUsernames = top.sorted.map { item in
            CampaignUsername(name: context.failedUsernames.byHash[item.hash]?.spelling ?? "?", failures: Int(item.tries.failures),
                             addresses: Int(item.tries.addresses), loggedIn: loggedIn.contains(item.hash))
        }
        var sample = positions.prefix(Campaign.sampleLimit).map { context.sources.addresses[Int($0)] }
        sample.sort()
        var campaign = Campaign(id: id, number: 0, first: first, last: last, failures: failures, addressCount: positions.count, networks: networkList,
                        networkCounts: (v4, networkList.count - v4, wide.count), usernameCount: tried.count + overflow.estimate,
                        usernamesEstimated: !overflow.isEmpty, topUsernames: Array(topUsernames),
                        reasons: FailureReason.allCases.map { ($0.name, reasonCounts[$0.rawValue]) }.filter { $0.1 > 0 }.sorted { $0.1 > $1.1 },
                        services: Service.allCases.enumerated().map { ($1, serviceCounts[$0]) }.filter { $0.1 > 0 }.sorted { $0.1 > $1.1 },
                        entered: [], addressSample: sample, tried: tried)
        campaign.memberPositions = positions
        var accounts = Set<String>()
        for (key, account) in context.accountOf where tried[LoginHash.of(key)] != nil { accounts.insert(account) }
        campaign.accountsTried = accounts.sorted()
        for hash in tried.keys {
            guard let spelling = context.failedUsernames.byHash[hash]?.spelling else { continue }
            campaign.bareNamesTried.insert(LoginHash.of(Self.bareName(spelling)))
        }
        return campaign
    }
}

extension PasswordSprayCampaignDetector {
    /// `alice` for `alice`, `CORP\alice` and `alice@corp.example`, lower-cased.
    public static func bareName(_ login: String) -> String {
        var name = Substring(login.lowercased())
        if let slash = name.lastIndex(of: "\\") { name = name[name.index(after: slash)...] }
        if let at = name.lastIndex(of: "@") { name = name[..<at] }
        return name.isEmpty ? login.lowercased() : String(name)
    }
}

extension SignalID {
    /// The campaign detector's id, and its finding's rule in `audit`.
    public static let passwordSprayCampaign = SignalID("password-spray")
}
