import PunchcardSupport
import Testing

@Suite struct PlaceholderTests {
    @Test func placeholdersAreFilledAndOtherBracesKept() {
        let values = ["points": "۱٬۲۰۰", "tier": "<Gold>", "x": "{points}"]
        #expect("{points} to {tier}".fillingPlaceholders(values) == "۱٬۲۰۰ to <Gold>")
        #expect("no braces".fillingPlaceholders(values) == "no braces")
        #expect("{unknown} {points}".fillingPlaceholders(values) == "{unknown} ۱٬۲۰۰")
        #expect("{x}".fillingPlaceholders(values) == "{points}") // a value is not filled again
        #expect("open { only".fillingPlaceholders(values) == "open { only")
        #expect("{a{points}".fillingPlaceholders(values) == "{a{points}")
        #expect("}{points}{".fillingPlaceholders(values) == "}۱٬۲۰۰{")
        #expect("امتیاز {points}".fillingPlaceholders(values) == "امتیاز ۱٬۲۰۰")
        #expect("".fillingPlaceholders(values) == "")
    }
}
