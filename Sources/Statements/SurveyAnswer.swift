import PunchcardSupport

/// One answer to the "how likely are you to recommend us" survey (0–10), imported from surveys.csv.
/// A member answers at most once a day: answers are keyed by member and day.
public struct SurveyAnswer: Sendable, Hashable {
    public var memberID: String
    public var answeredOn: CalendarDate
    public var score: Int
    public var comment: String?

    public static let scores = 0...10

    public init(memberID: String, answeredOn: CalendarDate, score: Int, comment: String? = nil) {
        self.memberID = memberID
        self.answeredOn = answeredOn
        self.score = score
        self.comment = comment
    }

    /// Net Promoter Score's three groups: promoters answer 9–10, passives 7–8, detractors 0–6.
    public enum Group: Sendable, Hashable { case promoter, passive, detractor }

    public var group: Group {
        switch score {
        case 9...: return .promoter
        case 7...8: return .passive
        default: return .detractor
        }
    }
}
