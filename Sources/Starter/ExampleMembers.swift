import Foundation
import PunchcardLocalization
import PunchcardSupport

/// `punchcard init --example`: made-up members in the site's languages and a year of their ledger
/// up to yesterday — purchases, welcome bonuses, referrals and rewards — so that the first build
/// shows real statements. The same choices and day give the same files (a fixed-seed generator).
enum ExampleMembers {
    static let membersHeader = "member_id,name,email,locale,joined_on,referred_by,status"
    static let ledgerHeader = "txn_id,member_id,posted_on,kind,points,amount,description"
    static let count = 48

    /// SplitMix64: small, fast and the same on every machine.
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        /// Uniform in `range`.
        mutating func int(_ range: ClosedRange<Int>) -> Int {
            range.lowerBound + Int(next() % UInt64(range.upperBound - range.lowerBound + 1))
        }
        mutating func chance(_ percent: Int) -> Bool { int(1...100) <= percent }
    }

    /// Amounts in the currency's everyday unit: rials are counted in tens of thousands.
    static func spendUnit(_ currency: String) -> Int { currency == "IRR" ? 10_000 : currency == "IQD" || currency == "LBP" ? 1_000 : 1 }

    static func generate(_ choices: StarterChoices, today: CalendarDate) -> (members: String, ledger: String) {
        var random = Random(state: 0x5EED_C0FF_EE00_0031)
        let yesterday = today.adding(days: -1)
        let windowStart = today.adding(days: -365)
        let unit = spendUnit(choices.currency)
        var members = [membersHeader]
        var rows: [(day: CalendarDate, member: String, kind: String, points: Int, amount: String, description: String)] = []
        var joined: [String: CalendarDate] = [:]
        // Descriptions as a till exports them: in the program's first language
        // (content/descriptions.yml translates them for the others).
        let till = StarterTexts.forLanguage(Language.code(of: choices.languages[0]))
        for number in 1...count {
            let id = String(format: "M%04d", number)
            // The default language for most members, the others for the rest.
            let tag = choices.languages.count == 1 || random.chance(60) ? choices.languages[0]
                : choices.languages[random.int(1...(choices.languages.count - 1))]
            let texts = StarterTexts.forLanguage(Language.code(of: tag))
            let name = texts.givenNames[random.int(0...(texts.givenNames.count - 1))] + " "
                + texts.familyNames[random.int(0...(texts.familyNames.count - 1))]
            // A third joined during the year, the rest up to three years before.
            let joinedOn = random.chance(33) ? windowStart.adding(days: random.int(0...330)) : today.adding(days: -random.int(366...1095))
            joined[id] = joinedOn
            let referrer = number > 5 && random.chance(15) ? String(format: "M%04d", random.int(1...(number - 1))) : ""
            let status = number == 7 ? "closed" : "active"
            members.append("\(id),\(csv(name)),m\(number)@example.com,\(tag),\(joinedOn),\(referrer),\(status)")

            var balance = 0
            if joinedOn >= windowStart {
                rows.append((joinedOn, id, "bonus", 200, "", till.welcomeBonus))
                balance += 200
                if !referrer.isEmpty, let referrerJoined = joined[referrer], referrerJoined <= joinedOn {
                    rows.append((joinedOn, id, "referral", StarterSite.referralBonus, "", ""))
                    rows.append((joinedOn, referrer, "referral", StarterSite.referralBonus, "", ""))
                    balance += StarterSite.referralBonus
                }
            }
            // Closed accounts stop before the last months; the rest buy all year.
            let last = number == 7 ? today.adding(days: -120) : yesterday
            let first = max(joinedOn, windowStart)
            guard first <= last else { continue }
            let span = last.daysSinceEpoch - first.daysSinceEpoch
            let purchases = random.int(2...(random.chance(20) ? 60 : 18))
            var days = (0..<purchases).map { _ in first.adding(days: random.int(0...span)) }
            days.sort()
            for day in days {
                let spend = random.int(3...80)
                let points = spend * 10
                rows.append((day, id, "earn", points, String(spend * unit), till.purchases[random.int(0...1)]))
                balance += points
                if balance >= 1500, random.chance(25) {
                    let cost = random.chance(50) ? 500 : 1500
                    rows.append((day, id, "redeem", -cost, "", till.reward))
                    balance -= cost
                }
            }
        }
        // Days in order; a member's rows keep the order they were made in.
        let ordered = rows.enumerated().sorted { ($0.element.day, $0.offset) < ($1.element.day, $1.offset) }
        var ledger = [ledgerHeader]
        for (index, row) in ordered.map(\.element).enumerated() {
            ledger.append(String(format: "T%06d", index + 1) + ",\(row.member),\(row.day),\(row.kind),\(row.points),\(row.amount),\(csv(row.description))")
        }
        return (members.joined(separator: "\n") + "\n", ledger.joined(separator: "\n") + "\n")
    }

    static func csv(_ text: String) -> String {
        text.contains(where: { ",\"\n".contains($0) }) ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }
}
