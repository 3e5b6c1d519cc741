import RelayAuditCore
import Testing

struct AddressRangeTests {
    @Test func anAddressIsARangeOfOne() throws {
        let range = try #require(AddressRange("127.0.0.1"))
        #expect(range.contains("127.0.0.1"))
        #expect(!range.contains("127.0.0.2"))
        #expect(range.contains("::ffff:127.0.0.1"), "dual-stack daemons log IPv4 clients as mapped IPv6")
    }

    @Test func ipv6IsComparedAsANumber() throws {
        let loopback = try #require(AddressRange("::1"))
        #expect(loopback.contains("0:0:0:0:0:0:0:1"))
        #expect(!loopback.contains("::2"))
        let net = try #require(AddressRange("2001:db8:1::/48"))
        #expect(net.contains("2001:db8:1:ffff::25"))
        #expect(!net.contains("2001:db8:2::25"))
        #expect(net.contains("2001:db8:1::25%eth0"))
    }

    @Test func cidrRangesHoldTheirNetwork() throws {
        let net = try #require(AddressRange("10.20.0.0/16"))
        #expect(net.contains("10.20.255.1"))
        #expect(!net.contains("10.21.0.1"))
        #expect(!net.contains("2001:db8::1"), "families never match")
        #expect(try #require(AddressRange("0.0.0.0/0")).contains("203.0.113.9"))
    }

    @Test func notAnAddressIsNil() {
        for text in ["mail.corp", "10.0.0.0/33", "::1/129", "1.2.3", "1.2.3.256", "1:2:3:4:5:6:7:8:9", "1::2::3", "", "10.0.0.1/", "١.٢.٣.٤"] {
            #expect(AddressRange(text) == nil, "\(text)")
        }
    }

    /// The one address parser (policy ranges, campaign networks): dotted quads strictly, IPv6
    /// with `::` and an IPv4 tail, a zone ignored; a mapped address unmapped only on request.
    @Test func addressesParseStrictly() throws {
        #expect(IPAddress("192.0.2.1")?.low == 0xC000_0201)
        #expect(IPAddress("192.0.2.1%eth0")?.family == 4)
        for text in ["+1.2.3.4", "1.2.3.4.5", "1..2.3", "256.1.1.1", "1.2.3.", ".1.2.3", "1.2.3.4 ", "1234.1.1.1", "::g", ":::", "1:2:3:4:5:6:7"] {
            #expect(IPAddress(text) == nil, "\(text)")
        }
        let mapped = try #require(IPAddress("::ffff:192.0.2.1"))
        #expect(mapped.family == 6)
        #expect(mapped.unmapped == IPAddress("192.0.2.1"))
        #expect(IPAddress("2001:db8::1")?.unmapped.family == 6)
        #expect(IPAddress("2001:db8::1")?.high == 0x2001_0DB8_0000_0000)
        #expect(IPAddress("2001:db8::1")?.low == 1)
    }
}
