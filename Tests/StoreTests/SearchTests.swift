import Foundation
import Testing
import PunchcardStore
import PunchcardPostgres
@testable import PunchcardLocalization

@Suite struct SearchTests {
    @Test func staffSearchMatchesWhatACounterTypes() throws {
        let fixture = try StoreFixture()
        try fixture.importCSV(members: """
            member_id,name,locale,joined_on
            M00012,José Álvarez,es-MX,2024-01-01
            M00013,علي كريمي,fa-IR,2024-01-01
            M00014,فاطمة الزهراء,ar-SA,2024-01-01
            M00015,محمد‌رضا,fa-IR,2024-01-01
            M00016,Joseph Smith,en-US,2024-01-01

            """)
        func found(_ query: String) throws -> [String] {
            try fixture.store.searchMembers(query, limit: 50, offset: 0).members.map(\.memberID)
        }
        #expect(try found("jose") == ["M00012", "M00016"])
        #expect(try found("ALVAREZ") == ["M00012"])
        #expect(try found("علی کریمی") == ["M00013"])   // Persian yeh and keheh find Arabic ones
        #expect(try found("فاطمه") == ["M00014"])        // heh finds teh marbuta
        #expect(try found("محمدرضا") == ["M00015"])      // without the zero-width non-joiner
        #expect(try found("M۰۰۰۱۵") == ["M00015"])       // Persian digits
        #expect(try found("م٠٠٠") == [])
        #expect(try found("٠٠٠١٣") == ["M00013"])        // Arabic-Indic digits
        #expect(try fixture.store.searchMembers("jose", limit: 50, offset: 0).total == 2)
    }

    /// A store of generated members (names in three scripts with accents, hostile characters,
    /// e-mail addresses, phone numbers), searched by the index and by reading every member, for
    /// queries cut from what is stored and typed in other forms: the two must agree, page by page.
    @Test func theIndexFindsWhatAScanFinds() throws {
        let fixture = try StoreFixture()
        var random = SeededGenerator(seed: 28)
        let first = ["José", "Zoë", "Ana", "Chloé", "Müller", "O'Neil", "حسین", "علی", "فاطمة", "زهرا", "محمد‌رضا", "يوسف",
                     "نورة", "Émilie", "100%_off", "Back\\slash", "\"Quoted\""]
        let last = ["Kowalski", "Álvarez", "Smith", "احمدی", "رضایی", "الحربي", "القحطاني", "کریمی", "كريمي", "Nguyễn"]
        var csv = "member_id,name,email,phone,joined_on\n"
        var stored: [(name: String, email: String, phone: String, id: String)] = []
        for index in 1...1_500 {
            let id = "M\(String(format: "%06d", index))"
            let name = "\(first.randomElement(using: &random)!) \(last.randomElement(using: &random)!)"
            let email = index % 5 == 0 ? "" : "member\(index)@\(["example.com", "post.example", "mail.example"].randomElement(using: &random)!)"
            let phone = index % 3 == 0 ? "+98912\(String(format: "%07d", Int.random(in: 0..<10_000_000, using: &random)))" : ""
            stored.append((name, email, phone, id))
            func quoted(_ text: String) -> String { "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
            csv += "\(id),\(quoted(name)),\(email),\(phone),2024-01-01\n"
        }
        try fixture.importCSV(members: csv)

        var queries = ["", " ", "a", "M0", "00", "%", "_", "\\", "\"", "e.c", "@", "+98", "۹۱۲", "٩١٢", "nobody-at-all", "JOSE",
                       "kowal", "الحربى", "ali", "ی", "ک", "رضا", "zoe", "nguyen", "100%", "%_o", "sla", "m0001", "M000150", "@post"]
        for _ in 0..<70 {
            let member = stored.randomElement(using: &random)!
            let field = [member.name, member.email, member.phone, member.id].filter { !$0.isEmpty }.randomElement(using: &random)!
            let characters = Array(field)
            let start = Int.random(in: 0..<characters.count, using: &random)
            let length = Int.random(in: 1...min(8, characters.count - start), using: &random)
            queries.append(String(characters[start..<(start + length)]))
        }
        // On PostgreSQL a search first walks the first texts (all of this small store's): once
        // more with a short walk, so that the trigram index's path is held to the scan too.
        for probe in TestStores.onPostgres ? [PostgresStore.searchProbeRows, 100] : [0] {
        if TestStores.onPostgres { PostgresStore.searchProbeRows = probe }
        defer { if TestStores.onPostgres { PostgresStore.searchProbeRows = 10_000 } }
        for query in queries {
            let scanned = try fixture.store.searchMembersByScan(query, limit: Int.max, offset: 0)
            #expect(scanned.total == scanned.members.count)
            for (limit, offset) in [(50, 0), (7, 3), (0, 0), (50, 1_200)] {
                let indexed = try fixture.store.searchMembers(query, limit: limit, offset: offset)
                // Matches are counted up to the limit; an empty query (everyone) is counted whole.
                if scanned.total > MemberSearchPage.countLimit, !query.trimmingCharacters(in: .whitespaces).isEmpty {
                    #expect(indexed.totalIsLowerBound && indexed.total == MemberSearchPage.countLimit, "\(query)")
                } else {
                    #expect(!indexed.totalIsLowerBound && indexed.total == scanned.total, "\(query): total \(indexed.total) ≠ \(scanned.total)")
                }
                #expect(indexed.members.map(\.memberID) == scanned.members.dropFirst(offset).prefix(limit).map(\.memberID),
                        "\(query) \(limit)/\(offset)")
            }
        }
        }
        // A query of its own: every member with a phone is found by the digits staff read out.
        let withPhone = stored.first { !$0.phone.isEmpty }!
        #expect(try fixture.store.searchMembers(String(withPhone.phone.suffix(7)), limit: 50, offset: 0).members
            .contains { $0.memberID == withPhone.id })
    }

    @Test func everyImportKeepsTheIndexUpToDate() throws {
        let fixture = try StoreFixture()
        try fixture.importCSV(members: "member_id,name,email,joined_on\nA1,Old Name,old@example.com,2024-01-01\n")
        #expect(try fixture.store.searchMembers("old name", limit: 10, offset: 0).total == 1)
        try fixture.importCSV(members: "member_id,name,email,phone,joined_on\nA1,Parisa New,new@example.com,+989121112233,2024-01-01\n")
        #expect(try fixture.store.searchMembers("old name", limit: 10, offset: 0).total == 0)
        #expect(try fixture.store.searchMembers("old@", limit: 10, offset: 0).total == 0)
        #expect(try fixture.store.searchMembers("parisa", limit: 10, offset: 0).total == 1)
        #expect(try fixture.store.searchMembers("new@example", limit: 10, offset: 0).total == 1)
        #expect(try fixture.store.searchMembers("1112233", limit: 10, offset: 0).total == 1)
        // A failed import changes nothing the index holds either.
        #expect(throws: (any Error).self) {
            try fixture.importCSV(members: "member_id,name,joined_on\nA1,Changed Again,2024-01-01\nA2,,2024-01-01\n")
        }
        #expect(try fixture.store.searchMembers("changed", limit: 10, offset: 0).total == 0)
        #expect(try fixture.store.searchMembers("parisa", limit: 10, offset: 0).total == 1)
    }
}

/// A small deterministic random number generator (SplitMix64): the same store on every run.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E3779B97F4A7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
        z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
        return z ^ (z >> 31)
    }
}

@Suite struct SearchFoldingTableTests {
    /// The fast folding (scalar by scalar from a table) must be Foundation's folding exactly.
    @Test func theTableFoldsAsFoundationDoes() {
        var alphabet: [Unicode.Scalar] = []
        for range in SearchFolding.tableRanges { for value in range { if let scalar = Unicode.Scalar(value) { alphabet.append(scalar) } } }
        var random = SeededGenerator(seed: 7)
        var texts = ["José Álvarez", "آرش‌ ۱۲۳ أحمد إبراهيم ؤ ئ ة ۀ ك ي ى", "ÅÆØßĳŉſ", "m.ali+x@Example.COM", "+98 (912) 123-4567",
                     "مُحَمَّد", "اَ", "ﻻ", "ÿŸ", "Ǆ"]
        for _ in 0..<3_000 {
            texts.append(String(String.UnicodeScalarView((0..<Int.random(in: 1...12, using: &random)).map { _ in
                alphabet.randomElement(using: &random)!
            })))
        }
        for text in texts {
            let fast = SearchFolding.foldedByTable(text)
            if let fast { #expect(fast == SearchFolding.foldedByFoundation(text), "\(text.unicodeScalars.map { String($0.value, radix: 16) })") }
        }
        #expect(SearchFolding.foldedByTable("José") != nil)
        #expect(SearchFolding.foldedByTable("e\u{301}") == nil) // a combining accent: folded whole
    }
}
