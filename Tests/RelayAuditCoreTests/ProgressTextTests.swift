import RelayAuditCore
import Testing

struct ProgressTextTests {
    @Test func plainFilesShowHowFarAndHowLong() {
        #expect(ProgressText.line(bytesDone: 512_000_000, bytesTotal: 1_024_000_000, lines: 4_100_000, seconds: 2)
            == "relay-audit: 512 MB of 1.0 GB (50%) · 4.1 M lines · 2.0 M lines/s · ETA 0:02")
        #expect(ProgressText.line(bytesDone: 10_000_000_000, bytesTotal: 40_000_000_000, lines: 65_536, seconds: 100)
            == "relay-audit: 10.0 GB of 40.0 GB (25%) · 66 k lines · 655 lines/s · ETA 5:00")
    }

    @Test func compressedOrPipedInputHasNoTotal() {
        #expect(ProgressText.line(bytesDone: 300_000, bytesTotal: nil, lines: 900, seconds: 0)
            == "relay-audit: 300 kB read · 900 lines")
    }
}
