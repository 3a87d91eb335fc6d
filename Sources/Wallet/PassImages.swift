import CSVGRaster
import Foundation
import PunchcardSupport

/// The pass's images, drawn once per build from the program's SVG logo at the sizes Wallet asks
/// for (points × 1, 2 and 3): `icon.png` (29 points square: the lock screen, notifications, Mail)
/// and `logo.png` (at most 160 × 50 points: the pass's top left corner; a square logo is 50 high).
public struct PassImages: Sendable, Hashable {
    /// File name in the pass → PNG bytes.
    public var files: [(name: String, png: Data)]

    public static func == (lhs: PassImages, rhs: PassImages) -> Bool {
        lhs.files.map(\.name) == rhs.files.map(\.name) && lhs.files.map(\.png) == rhs.files.map(\.png)
    }

    public func hash(into hasher: inout Hasher) {
        for file in files { hasher.combine(file.name); hasher.combine(file.png) }
    }

    /// What Wallet needs: every image at 1×, 2× and 3×.
    static let sizes: [(name: String, points: Int)] = [("icon", 29), ("logo", 50)]

    public init(files: [(name: String, png: Data)]) { self.files = files }

    /// Draws `svg` (read from `shownAs`, for errors) at every size.
    public static func draw(svg: Data, shownAs: String) throws(SVGRasterError) -> PassImages {
        var files: [(String, Data)] = []
        for (name, points) in sizes {
            for scale in 1...3 {
                let png = try SVGRaster.png(svg: svg, width: points * scale, height: points * scale, shownAs: shownAs)
                files.append((scale == 1 ? "\(name).png" : "\(name)@\(scale)x.png", png))
            }
        }
        return PassImages(files: files)
    }
}

/// An SVG the logo's renderer could not draw, with librsvg's reason.
public struct SVGRasterError: Error, CustomStringConvertible {
    public var file: String
    public var reason: String
    public var description: String { "\(file): cannot be drawn as the pass's icon and logo: \(reason)" }
}

/// librsvg and cairo, behind one C function.
public enum SVGRaster {
    /// The SVG drawn into a transparent `width` × `height` PNG, scaled to fit and centred.
    public static func png(svg: Data, width: Int, height: Int, shownAs: String) throws(SVGRasterError) -> Data {
        var png: UnsafeMutablePointer<UInt8>?
        var length = 0
        var error: UnsafeMutablePointer<CChar>?
        let result = svg.withUnsafeBytes { bytes in
            punchcard_svg_to_png(bytes.bindMemory(to: UInt8.self).baseAddress, bytes.count, Int32(width), Int32(height),
                                 &png, &length, &error)
        }
        defer {
            free(png)
            free(error)
        }
        guard result == 0, let png else {
            let reason = error.map { String(cString: $0) } ?? "unknown error"
            throw SVGRasterError(file: shownAs, reason: Diagnostic.shortened(reason))
        }
        return Data(bytes: png, count: length)
    }
}
