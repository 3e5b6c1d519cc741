import LogAnalysis
import MailLogs
import Policy
import RelayAuditCore
import Testing
import TestSupport

/// `password-spray` campaigns, with the attacks they must find and the look-alikes they must
/// leave alone (the generated end-to-end scenarios are in IntegrationTests/SprayScenarioTests).
struct PasswordSprayCampaignTests {
    /// A botnet: `count` addresses in /24 networks of `perNetwork`, numbered from `first`.
    func bots(_ count: Int, perNetwork: Int = 10, first: Int = 0, prefix: String = "45") -> [String] {
        (0..<count).map { index in
            let n = first + index
            return "\(prefix).\(n / perNetwork / 256 % 256).\(n / perNetwork % 256).\(n % perNetwork + 1)"
        }
    }

    @Test func everyCampaignDetectorHasAPolicySetting() {
        for detector in CampaignDetectors.all {
            #expect(RuleHarness.policy.campaigns[detector.id.rawValue] != nil, "\(detector.id) is missing from Policies/default.yaml campaigns")
        }
    }

    @Test func oneTryPerAddressAcrossTheStaffThenALoginFromTheSprayersRangeIsACampaignAndASuspiciousAccount() throws {
        var s = LogScript()
        let staff = (0..<50).map { "user\($0)" }
        for name in staff { s.login(name, from: "198.51.100.7") }
        for (index, ip) in bots(5000).enumerated() { s.fail(staff[index % staff.count], from: ip) }
        s.login("user7", from: "45.0.3.250")  // a new host in one of the botnet's /24s
        let analysis = s.analyze()
        let campaign = try #require(analysis.campaigns.first)
        #expect(analysis.campaigns.count == 1)
        #expect(campaign.addressCount == 5000)
        #expect(campaign.failures == 5000)
        #expect(campaign.networkCounts.v4Slash24 == 500)
        #expect(campaign.usernameCount == 50)
        #expect(campaign.topUsernames.allSatisfy { $0.loggedIn })
        let entry = try #require(campaign.entered.first)
        #expect(campaign.entered.count == 1)
        #expect(entry.account == "user7")
        #expect(entry.memberNetwork && !entry.memberAddress)
        #expect(entry.failuresOnAccount == 100)
        let user7 = try #require(analysis.accounts.first { $0.user == "user7" })
        #expect(user7.verdict == .suspicious)
        #expect(user7.signals.map(\.id) == [.campaignSuccess])
        #expect(analysis.accounts.filter { $0.verdict != .clean }.count == 1)
        #expect(analysis.campaignMembersFolded == 5000, "members are reported by the campaign, not one by one")
        #expect(!analysis.sources.contains { $0.ip.hasPrefix("45.") && $0.ip != "45.0.3.250" })
    }

    @Test func aLoginFromOneOfTheCampaignsOwnAddressesIsTheStrongestTie() throws {
        var s = LogScript()
        for (index, ip) in bots(40).enumerated() {
            s.fail("user\(index)", from: ip)
            if index == 0 { s.fail("carol", from: ip) }
        }
        s.login("carol", from: bots(40)[0], after: 7_200)
        let entry = try #require(s.analyze().campaigns.first?.entered.first)
        #expect(entry.memberAddress)
        #expect(entry.how.contains("one of the campaign's addresses"))
    }

    @Test func fewerAddressesThanTheMinimumAreNoCampaign() {
        var s = LogScript()
        for (index, ip) in bots(19).enumerated() { s.fail("user\(index)", from: ip) }
        #expect(s.analyze().campaigns.isEmpty)
        var more = LogScript()
        for (index, ip) in bots(20).enumerated() { more.fail("user\(index)", from: ip) }
        #expect(more.analyze().campaigns.count == 1)
    }

    @Test func oneTryAnHourForTenDaysIsOneCampaignAndAPauseLongerThanTheGapEndsIt() {
        var s = LogScript()
        for (hour, ip) in bots(240, perNetwork: 2).enumerated() {
            s.time = Instant(seconds: 1_795_000_000 + Int64(hour) * 3_600)
            s.fail("name\(hour % 150)", from: ip)
        }
        #expect(s.analyze().campaigns.count == 1)
        // The same again after a week's pause: a second campaign.
        for (hour, ip) in bots(30, perNetwork: 2, prefix: "77").enumerated() {
            s.time = Instant(seconds: 1_795_000_000 + 17 * 86_400 + Int64(hour) * 3_600)
            s.fail("name\(hour)", from: ip)
        }
        let campaigns = s.analyze().campaigns
        #expect(campaigns.map(\.addressCount) == [240, 30])
        #expect(campaigns.map(\.number) == [1, 2])
    }

    @Test func twoBotnetsWithTheirOwnListsOnTheSameNightAreTwoCampaigns() {
        var s = LogScript()
        let invented = (0..<60).map { "guess\($0)" }
        let staff = (0..<40).map { "staff\($0)" }
        let a = bots(600, perNetwork: 20), b = bots(400, perNetwork: 20, prefix: "91")
        // One from 21:00 for eight hours, the other from 23:00 for ten.
        let night = Instant(seconds: 1_795_000_000)
        for index in 0..<600 {
            s.time = night.adding(seconds: Int64(index) * 48)
            s.fail(invented[index % 60], from: a[index])
        }
        for index in 0..<400 {
            s.time = night.adding(seconds: 7_200 + Int64(index) * 90)
            s.fail(staff[index % 40], from: b[index])
        }
        let campaigns = s.analyze().campaigns
        #expect(campaigns.count == 2)
        #expect(Set(campaigns.map(\.addressCount)) == [600, 400])
        #expect(Set(campaigns.map(\.usernameCount)) == [60, 40])
    }

    @Test func oneBotnetHandingEachNetworkASliceOfItsListIsOneCampaign() {
        var s = LogScript()
        // Network k's ten hosts try names 10k…10k+9 of a 200-name list, all over the same hours.
        for (index, ip) in bots(2000).enumerated() { s.fail("name\((index / 10) % 20 * 10 + index % 10)", from: ip) }
        #expect(s.analyze().campaigns.count == 1)
    }

    @Test func aSprayOfRandomNamesSharingNoneIsOneCampaign() {
        var s = LogScript()
        for (index, ip) in bots(3000, perNetwork: 250).enumerated() { s.fail("r\(index * 7919 % 100_003)x", from: ip) }
        let campaigns = s.analyze().campaigns
        #expect(campaigns.count == 1)
        #expect(campaigns.first?.usernameCount == 3000)
    }

    @Test func theBenignLookAlikesMakeNoCampaign() {
        var s = LogScript()
        // A carrier NAT: forty users behind one address, each mistyping once and getting it right.
        for index in 0..<40 {
            s.fail("user\(index)", from: "203.0.113.77")
            s.login("user\(index)", from: "203.0.113.77", after: 10)
        }
        // Typos corrected at once from forty homes.
        for index in 0..<40 {
            s.fail("user\(index)", from: "192.0.2.\(index + 1)")
            s.login("user\(index)", from: "192.0.2.\(index + 1)", after: 20)
        }
        // A phone with an old password, retrying from its owner's home for days.
        s.login("user3", from: "198.51.100.33")
        for _ in 0..<300 { s.fail("user3", from: "198.51.100.33") }
        s.login("user3", from: "198.51.100.33")
        // A traveller in a new country every day.
        for (day, ip) in ["81.2.69.142", "89.160.20.112", "175.16.199.5", "216.160.83.56"].enumerated() {
            s.login("user5", from: ip, after: Int64(day + 1) * 86_400)
        }
        let analysis = s.analyze()
        #expect(analysis.campaigns.isEmpty)
        #expect(analysis.accounts.allSatisfy { $0.verdict == .clean })
        #expect(analysis.sources.allSatisfy { $0.verdict == .clean })
    }

    @Test func aLoginFromANetworkMerelyNewToTheAccountIsListedButCountsOnlyWhenThePolicySaysSo() throws {
        var s = LogScript()
        s.login("dave", from: "198.51.100.7")
        for (index, ip) in bots(30).enumerated() { s.fail(index == 0 ? "dave" : "user\(index)", from: ip) }
        s.login("dave", from: "203.0.113.200")
        let analysis = s.analyze()
        let entry = try #require(analysis.campaigns.first?.entered.first)
        #expect(!entry.memberAddress && !entry.memberNetwork)
        #expect(analysis.accounts.first { $0.user == "dave" }?.verdict == .clean)
        var policy = RuleHarness.policy
        policy.campaigns["password-spray"]?.parameters["suspect_new_networks"] = 1
        #expect(s.analyze(policy).accounts.first { $0.user == "dave" }?.verdict == .suspicious)
    }
}
