/// Text built as UTF-8 bytes, for the few places that write many small numbers per page (QR codes,
/// charts): a String grown by interpolation costs several times more there.
public struct ByteText {
    public private(set) var bytes: [UInt8] = []

    public init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    public mutating func append(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    public mutating func append(_ text: String) { bytes.append(contentsOf: text.utf8) }

    public mutating func append(bytes more: [UInt8]) { bytes.append(contentsOf: more) }

    /// Lets `body` append to the bytes directly.
    public mutating func appendBytes(_ body: (inout [UInt8]) -> Void) { body(&bytes) }

    /// One ASCII character.
    public mutating func append(ascii character: Unicode.Scalar) { bytes.append(UInt8(ascii: character)) }

    /// An integer in ASCII digits, with "-" when negative.
    public mutating func append(_ number: Int) {
        if number < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = number.magnitude
        if magnitude < 10 { bytes.append(UInt8(ascii: "0") + UInt8(magnitude)); return }
        if magnitude < 100 {
            bytes.append(UInt8(ascii: "0") + UInt8(magnitude / 10))
            bytes.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
            return
        }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            while magnitude > 0 {
                buffer[count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            }
            for index in stride(from: count - 1, through: 0, by: -1) { bytes.append(buffer[index]) }
        }
    }

    /// A value in tenths ("1234" → "123.4", "120" → "12"), rounded: coordinates in a drawing.
    public mutating func appendTenths(_ value: Double) {
        guard value.isFinite, value.magnitude < 1e15 else { append(0); return }
        let tenths = Int((value * 10).rounded())
        if tenths < 0, tenths > -10 { bytes.append(UInt8(ascii: "-")) } // -0.5 → "-0.5"
        append(tenths / 10)
        let fraction = Int(tenths.magnitude % 10)
        if fraction != 0 {
            bytes.append(UInt8(ascii: "."))
            bytes.append(UInt8(ascii: "0") + UInt8(fraction))
        }
    }

    public var text: String { String(decoding: bytes, as: UTF8.self) }
}
