import Foundation

/// Folds what a person at a counter types and what the store holds to one form, so that they
/// match: case, Latin accents ("Jose" finds "José"), the Arabic and Persian forms of the same
/// letters (ي/ی, ك/ک, ة/ه, hamza forms of alef), Arabic diacritics, tatweel and zero-width
/// non-joiners, and Persian and Arabic-Indic digits as Latin ones.
public enum SearchFolding {
    public static func fold(_ text: String) -> String {
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
        var scalars = String.UnicodeScalarView()
        for scalar in folded.unicodeScalars {
            switch scalar.value {
            case 0x064A, 0x0649, 0x06D2: scalars.append("\u{06CC}")     // Arabic yeh, alef maksura → Persian yeh
            case 0x0643: scalars.append("\u{06A9}")                       // Arabic kaf → keheh
            case 0x0629, 0x06C0, 0x06D5: scalars.append("\u{0647}")       // teh marbuta, heh with yeh → heh
            case 0x0622, 0x0623, 0x0625, 0x0671: scalars.append("\u{0627}") // alef with madda or hamza → alef
            case 0x0624: scalars.append("\u{0648}")                       // waw with hamza → waw
            case 0x0626: scalars.append("\u{06CC}")                       // yeh with hamza → yeh
            case 0x0660...0x0669: scalars.append(Unicode.Scalar(scalar.value - 0x0660 + 0x30)!) // ٠–٩
            case 0x06F0...0x06F9: scalars.append(Unicode.Scalar(scalar.value - 0x06F0 + 0x30)!) // ۰–۹
            case 0x064B...0x065F, 0x0670, 0x0640, 0x200C, 0x200D, 0x200E, 0x200F, 0x00AD: continue // marks, tatweel, ZWNJ
            default: scalars.append(scalar)
            }
        }
        return String(scalars)
    }
}
