import Foundation
import Testing
import PunchcardStatements
import PunchcardStore
import PunchcardSupport

@Suite struct SurveyImportTests {
    private let members = """
        member_id,name,joined_on
        M1,Ada,2025-01-01
        M2,Bo,2025-02-01
        """

    private func answers(_ fixture: StoreFixture) throws -> [String] {
        var lines: [String] = []
        try fixture.store.forEachMemberWithSurveys(through: CalendarDate(year: 9999, month: 12, day: 31)!) { _, answers in
            lines += answers.map { "\($0.memberID) \($0.answeredOn) \($0.score) \($0.comment ?? "-")" }
        }
        return lines
    }

    @Test func importsAnswersOnceAndReadsThemBackInMemberOrder() throws {
        let fixture = try StoreFixture()
        let surveys = """
            member_id,answered_on,score,comment
            M2,2026-03-01,9,"Great, really"
            M1,2026-01-05,6,
            M1,2026-04-05,10,
            """
        let first = try fixture.store.importCSV(members: fixture.file("members.csv", members),
                                                surveys: fixture.file("surveys.csv", surveys))
        #expect(first.surveysAdded == 3 && first.surveysAlreadyPresent == 0)
        let again = try fixture.store.importCSV(surveys: fixture.file("surveys.csv", surveys))
        #expect(again.surveysAdded == 0 && again.surveysAlreadyPresent == 3)
        #expect(again.changedNothing)
        #expect(try answers(fixture) == ["M1 2026-01-05 6 -", "M1 2026-04-05 10 -", "M2 2026-03-01 9 Great, really"])
    }

    @Test func badAnswersAreRefusedWithFileLineAndFieldAndChangeNothing() throws {
        let fixture = try StoreFixture()
        try fixture.store.importCSV(members: fixture.file("members.csv", members),
                                    surveys: fixture.file("surveys.csv", "member_id,answered_on,score\nM1,2026-01-05,6\n"))
        let bad = """
            member_id,answered_on,score,comment
            M1,2026-02-30,5,
            NOBODY,2026-01-01,5,
            M2,2026-01-01,11,
            M2,2026-01-02,-1,
            M2,2026-01-03,7.5,
            M2,2026-01-04,,
            M1,2026-01-05,7,
            M2,2026-06-01,8,
            M2,2026-06-01,9,
            M2,2026-07-01,8,fine
            """
        var messages: [String] = []
        do {
            try fixture.store.importCSV(surveys: fixture.file("surveys.csv", bad))
        } catch let list as DiagnosticList {
            messages = list.diagnostics.map(\.description)
        }
        #expect(messages.count == 8)
        #expect(messages[0].hasPrefix("surveys.csv:2:2: answered_on:"))
        #expect(messages[1].hasPrefix("surveys.csv:3:1: member_id: \"NOBODY\""))
        #expect(messages[2] == "surveys.csv:4:3: score: \"11\" is not a whole number from 0 to 10")
        #expect(messages[3].hasPrefix("surveys.csv:5:3: score:"))
        #expect(messages[4].hasPrefix("surveys.csv:6:3: score:"))
        #expect(messages[5].hasPrefix("surveys.csv:7:3: score:"))
        #expect(messages[6].hasPrefix("surveys.csv:8:2: answered_on: \"M1\"'s answer of 2026-01-05 is already stored with different content (score: stored 6, file 7)"))
        #expect(messages[7].hasPrefix("surveys.csv:10:2: answered_on: \"M2\" already answered on 2026-06-01 at line 9"))
        // Nothing of the refused file was kept, not even its valid last line.
        #expect(try answers(fixture) == ["M1 2026-01-05 6 -"])
    }
}
