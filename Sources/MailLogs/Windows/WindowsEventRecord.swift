public import RelayAuditCore
import Foundation

/// One Windows event, as the System and EventData parts of its XML state it: what every
/// Windows event log source (an `.evtx` file, `wevtutil qe /f:xml`) gives the mapper.
public struct WindowsEventRecord: Sendable {
    public var eventID: Int
    public var recordID: UInt64
    public var time: Instant
    /// The host that wrote it (`<Computer>`).
    public var computer: String?
    public var provider: String?
    public var channel: String?
    /// `<EventData><Data Name="…">value</Data>`, by name (unnamed values get `#1`, `#2` …).
    public var data: [String: String]
    /// Where the record starts in its chunk (for the event's `log.offset`).
    public var chunkOffset = 0

    public init(eventID: Int, recordID: UInt64, time: Instant, computer: String? = nil, provider: String? = nil, channel: String? = nil,
                data: [String: String] = [:]) {
        self.eventID = eventID
        self.recordID = recordID
        self.time = time
        self.computer = computer
        self.provider = provider
        self.channel = channel
        self.data = data
    }

    /// A data value, nil when absent, empty or Windows' "no value" dash.
    public func value(_ name: String) -> String? {
        guard let value = data[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty, value != "-" else { return nil }
        return value
    }

    /// Built from a record's XML tree.
    init?(_ event: XMLElement, recordID fallback: UInt64, time fallbackTime: Instant?) {
        guard let system = event.child("System"), let id = system.child("EventID").flatMap({ Int($0.text.trimmingCharacters(in: .whitespaces)) })
        else { return nil }
        eventID = id
        recordID = system.child("EventRecordID").flatMap { UInt64($0.text) } ?? fallback
        let created = system.child("TimeCreated")?.attribute("SystemTime").flatMap { CivilTime.parseISO8601($0) }
        guard let stamp = created ?? fallbackTime else { return nil }
        time = stamp
        computer = system.child("Computer")?.text
        provider = system.child("Provider")?.attribute("Name")
        channel = system.child("Channel")?.text
        var data: [String: String] = [:]
        for container in event.children where container.name == "EventData" || container.name == "UserData" {
            var unnamed = 0
            for item in container.name == "UserData" ? container.children.flatMap(\.children) : container.children {
                let name: String
                if let named = item.attribute("Name") {
                    name = named
                } else if item.name == "Data" {
                    unnamed += 1
                    name = "#\(unnamed)"
                } else {
                    name = item.name
                }
                data[name] = item.text
            }
        }
        self.data = data
    }
}

