import Testing
import PunchcardSupport

@Suite struct PlaceholderTests {
    @Test func fillsKnownPlaceholdersAndKeepsOtherBraces() {
        #expect("{points} points to {tier}".fillingPlaceholders(["points": "۱۲۰", "tier": "Gold"]) == "۱۲۰ points to Gold")
        #expect("{unknown} {points}".fillingPlaceholders(["points": "5"]) == "{unknown} 5")
        #expect("no braces".fillingPlaceholders(["x": "y"]) == "no braces")
        #expect("open { only".fillingPlaceholders([:]) == "open { only")
        #expect("{a}{a}".fillingPlaceholders(["a": "{a}"]) == "{a}{a}") // values are not filled again
    }
}
