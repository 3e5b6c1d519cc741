/// One identity's messages, SMTP AUTH successes and recipients per hour, as a sorted list of
/// the hours that had any.
///
/// Three hour-keyed dictionaries per identity were a quarter of the memory `logs` kept on a
/// busy server's log (each entry a hashed slot, each dictionary its own allocation). Lines
/// arrive in time order, so a new hour is almost always appended at the end: no hashing, and 24
/// bytes per active hour for all three counts.
public struct HourlyCounts: Sendable, Equatable {
    public struct Hour: Sendable, Equatable {
        /// Hours since the epoch (`time / 3600`).
        public var hour: Int64
        public var messages: UInt32 = 0
        public var auth: UInt32 = 0
        public var recipients: UInt32 = 0
    }

    public private(set) var hours: [Hour] = []

    public init() {}

    /// Adds to the counts of the hour holding `time`. Counts saturate rather than trap.
    public mutating func add(time: Int64, messages: Int = 0, auth: Int = 0, recipients: Int = 0) {
        let hour = time / 3600
        let index: Int
        if let last = hours.last, last.hour == hour {
            index = hours.count - 1
        } else if hours.last.map({ $0.hour < hour }) ?? true {
            hours.append(Hour(hour: hour))
            index = hours.count - 1
        } else {
            index = insertionIndex(hour)
            if index == hours.count || hours[index].hour != hour { hours.insert(Hour(hour: hour), at: index) }
        }
        hours[index].messages = Self.sum(hours[index].messages, messages)
        hours[index].auth = Self.sum(hours[index].auth, auth)
        hours[index].recipients = Self.sum(hours[index].recipients, recipients)
    }

    /// Adds `other`'s counts hour by hour.
    public mutating func merge(_ other: HourlyCounts) {
        guard !other.hours.isEmpty else { return }
        guard !hours.isEmpty else { self = other; return }
        var result: [Hour] = []
        result.reserveCapacity(hours.count + other.hours.count)
        var i = 0, j = 0
        while i < hours.count || j < other.hours.count {
            if j == other.hours.count || (i < hours.count && hours[i].hour < other.hours[j].hour) {
                result.append(hours[i]); i += 1
            } else if i == hours.count || other.hours[j].hour < hours[i].hour {
                result.append(other.hours[j]); j += 1
            } else {
                var hour = hours[i]
                hour.messages = Self.sum(hour.messages, Int(other.hours[j].messages))
                hour.auth = Self.sum(hour.auth, Int(other.hours[j].auth))
                hour.recipients = Self.sum(hour.recipients, Int(other.hours[j].recipients))
                result.append(hour)
                i += 1; j += 1
            }
        }
        hours = result
    }

    /// Hour → count for the hours where `count` is not zero.
    public func map(_ count: KeyPath<Hour, UInt32>) -> [Int: Int] {
        var result: [Int: Int] = [:]
        for hour in hours where hour[keyPath: count] > 0 { result[Int(hour.hour)] = Int(hour[keyPath: count]) }
        return result
    }

    private func insertionIndex(_ hour: Int64) -> Int {
        var low = 0, high = hours.count
        while low < high {
            let mid = (low + high) / 2
            if hours[mid].hour < hour { low = mid + 1 } else { high = mid }
        }
        return low
    }

    private static func sum(_ a: UInt32, _ b: Int) -> UInt32 {
        UInt32(clamping: Int(a) + max(0, min(b, Int(UInt32.max))))
    }
}
