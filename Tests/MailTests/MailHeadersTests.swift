import Foundation
import PunchcardSupport
import Testing
@testable import PunchcardMail

/// Decodes a header's value as a mail reader does (RFC 2047): unfolds it, decodes its
/// encoded-words, and drops the space between two adjacent encoded-words.
func decodedHeader(_ field: String) -> String {
    let unfolded = field.replacingOccurrences(of: "\r\n ", with: " ")
    let value = String(unfolded[unfolded.index(after: unfolded.firstIndex(of: ":")!)...]).trimmingWhitespace()
    var result = ""
    var previousWasEncoded = false
    for word in value.split(separator: " ") {
        if word.hasPrefix("=?UTF-8?B?"), word.hasSuffix("?="), let data = Data(base64Encoded: String(word.dropFirst(10).dropLast(2))) {
            if !result.isEmpty, !previousWasEncoded { result += " " }
            result += String(decoding: data, as: UTF8.self)
            previousWasEncoded = true
        } else {
            if !result.isEmpty { result += " " }
            result += word
            previousWasEncoded = false
        }
    }
    return result
}

@Suite struct MailHeadersTests {
    @Test(arguments: [
        "José Kowalski", "حسین محمدی", "محمد العلي", "Zoë Ångström-Øster", "李小龍", "👩🏽‍🍳 Chef", "Σωκράτης",
        String(repeating: "خیلی‌طولانی ", count: 20),
    ])
    func namesInEveryScriptRoundTrip(_ name: String) {
        let field = MailHeaders.address("To", Mailbox(name: name, address: MailAddress("a@example.com")!))
        for line in field.components(separatedBy: "\r\n") {
            #expect(line.utf8.count <= MailHeaders.lineLimit, "line too long: \(line)")
            #expect(line.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }, "not ASCII: \(line)")
        }
        let unfolded = field.replacingOccurrences(of: "\r\n ", with: " ")
        #expect(unfolded.hasSuffix(" <a@example.com>"))
        let words = unfolded.dropFirst("To: ".count).dropLast(" <a@example.com>".count)
        let decoded = words.split(separator: " ").map { word -> String in
            if word.hasPrefix("=?UTF-8?B?") {
                return String(decoding: Data(base64Encoded: String(word.dropFirst(10).dropLast(2)))!, as: UTF8.self)
            }
            return String(word)
        }
        let ascii = name.utf8.allSatisfy { $0 < 0x80 }
        #expect((ascii ? decoded.joined(separator: " ") : decoded.joined()) == MailHeaders.sanitized(name))
    }

    @Test func aLineBreakInANameCannotStartAHeader() {
        for name in ["Eve\r\nBcc: victim@example.com", "Eve\nBcc: victim@example.com", "Eve\rX-Evil: 1", "Eve\u{2028}X: 1", "Eve\u{0}Null"] {
            let field = MailHeaders.address("To", Mailbox(name: name, address: MailAddress("eve@example.com")!))
            let lines = field.components(separatedBy: "\r\n")
            #expect(lines.dropFirst().allSatisfy { $0.hasPrefix(" ") }, "a continuation line does not start with a space: \(field)")
            #expect(!field.contains("\n" + "Bcc"))
            #expect(!field.unicodeScalars.contains { $0.value < 0x20 && $0 != "\r" && $0 != "\n" })
            #expect(field.utf8.filter { $0 == 10 }.count == lines.count - 1)
        }
    }

    @Test func quotesAndSpecialsAreQuotedNotParsed() {
        let field = MailHeaders.address("To", Mailbox(name: "O\"Brien, Pat <x@evil.example>", address: MailAddress("pat@example.com")!))
        #expect(field == "To: \"O\\\"Brien, Pat <x@evil.example>\" <pat@example.com>")
        #expect(MailHeaders.address("From", Mailbox(name: "Saffron Rewards", address: MailAddress("r@saffron.example")!))
                == "From: Saffron Rewards <r@saffron.example>")
        #expect(MailHeaders.address("To", Mailbox(name: "", address: MailAddress("r@x.example")!)) == "To: <r@x.example>")
    }

    @Test func longSubjectsAreFoldedBetweenWords() {
        let subject = Array(repeating: "statement", count: 30).joined(separator: " ")
        let field = MailHeaders.unstructured("Subject", subject)
        let lines = field.components(separatedBy: "\r\n")
        #expect(lines.count > 1)
        #expect(lines.allSatisfy { $0.utf8.count <= MailHeaders.lineLimit })
        #expect(field.replacingOccurrences(of: "\r\n ", with: " ") == "Subject: " + subject)
        // One word longer than a line cannot be folded: it is encoded, in pieces.
        let long = MailHeaders.unstructured("Subject", String(repeating: "x", count: 300))
        #expect(long.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= MailHeaders.lineLimit })
        #expect(decodedHeader(long).replacingOccurrences(of: " ", with: "") == String(repeating: "x", count: 300))
    }

    @Test func encodedWordsNeverSplitACharacter() {
        let text = String(repeating: "۱۲۳ آبان 😀 ", count: 12)
        for word in MailHeaders.encodedWords(text) {
            #expect(word.utf8.count <= 75)
            let data = Data(base64Encoded: String(word.dropFirst(10).dropLast(2)))!
            #expect(String(data: data, encoding: .utf8) != nil, "a word ends inside a character")
        }
        #expect(MailHeaders.encodedWords(text).map { String(decoding: Data(base64Encoded: String($0.dropFirst(10).dropLast(2)))!, as: UTF8.self) }
                .joined() == text.trimmingWhitespace() + (text.hasSuffix(" ") ? " " : ""))
    }

    @Test func addresses() {
        #expect(MailAddress("m1@example.com")?.domain == "example.com")
        for bad in ["", "no-at", "@example.com", "a@", "a b@example.com", "a@exa mple.com", "a@example.com\r\nBcc: x@y.z",
                    "<a@example.com>", "a@example..com", "a,b@example.com", "ü@example.com", "a@.example.com"] {
            #expect(MailAddress(bad) == nil, "accepted \(bad.debugDescription)")
        }
        #expect(Mailbox(parsing: "Saffron Rewards <rewards@saffron.example>")?.name == "Saffron Rewards")
        #expect(Mailbox(parsing: "\"Saffron, Rewards\" <rewards@saffron.example>")?.name == "Saffron, Rewards")
        #expect(Mailbox(parsing: "rewards@saffron.example")?.name == "")
        #expect(Mailbox(parsing: "Saffron <not an address>") == nil)
    }
}

@Suite struct StructuredHeaderTests {
    @Test func aLongAddressMovesToItsOwnLine() {
        let url = "<https://rewards.saffron.example/unsubscribe?member=M0000302&list=monthly-statements>"
        let field = MailHeaders.structured("List-Unsubscribe", url)
        #expect(field == "List-Unsubscribe:\r\n " + url)
        #expect(MailHeaders.structured("Date", "Sun, 29 Nov 2026 12:00:00 +0000") == "Date: Sun, 29 Nov 2026 12:00:00 +0000")
        #expect(MailHeaders.structured("X", "a\r\nBcc: b") == "X: a Bcc: b")
    }
}
