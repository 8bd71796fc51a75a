import Foundation
@testable import LessonReport
import Testing

/// The chart colours are told apart by eye: these measure them in OKLab (Björn Ottosson's
/// perceptual space, where a distance of 0.1 is a clearly different colour) and by WCAG contrast.
@Suite struct ChartPaletteTests {
    /// The dark report page's background (`--bg` in HTMLStyle's dark scheme).
    static let darkPage = "#16181d"

    @Test func theDarkTwinsAreAsFarApartAsTheLightColours() {
        let light = Self.closestPair(ChartPalette.light)
        let dark = Self.closestPair(ChartPalette.dark)
        // The light palette's closest pair (orange and vermillion) is 0.156 apart.
        #expect(light > 0.15)
        #expect(dark > 0.15, "the closest dark colours are \(dark) apart in OKLab")
    }

    @Test func neighbouringSeriesDifferInLightnessInBothSchemes() {
        for palette in [ChartPalette.light, ChartPalette.dark] {
            let lightness = palette.map { Self.oklab($0).l }
            for i in 1..<lightness.count {
                #expect(abs(lightness[i] - lightness[i - 1]) > 0.05, "\(palette[i - 1]) and \(palette[i])")
            }
        }
    }

    @Test func everyDarkTwinStandsOutFromTheDarkPage() {
        for colour in ChartPalette.dark {
            #expect(Self.contrast(colour, Self.darkPage) >= 4.5, "\(colour)")
        }
    }

    static func closestPair(_ palette: [String]) -> Double {
        var closest = Double.infinity
        for i in palette.indices {
            for j in palette.indices where j > i {
                let a = oklab(palette[i]), b = oklab(palette[j])
                closest = min(closest, ((a.l - b.l) * (a.l - b.l) + (a.a - b.a) * (a.a - b.a) + (a.b - b.b) * (a.b - b.b)).squareRoot())
            }
        }
        return closest
    }

    static func linearRGB(_ hex: String) -> [Double] {
        let value = Int(hex.dropFirst(), radix: 16) ?? 0
        return [16, 8, 0].map { shift in
            let c = Double((value >> shift) & 0xFF) / 255
            return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
    }

    static func oklab(_ hex: String) -> (l: Double, a: Double, b: Double) {
        let rgb = linearRGB(hex)
        let l = cbrt(0.4122214708 * rgb[0] + 0.5363325363 * rgb[1] + 0.0514459929 * rgb[2])
        let m = cbrt(0.2119034982 * rgb[0] + 0.6806995451 * rgb[1] + 0.1073969566 * rgb[2])
        let s = cbrt(0.0883024619 * rgb[0] + 0.2817188376 * rgb[1] + 0.6299787005 * rgb[2])
        return (0.2104542553 * l + 0.7936177850 * m - 0.0040720468 * s,
                1.9779984951 * l - 2.4285922050 * m + 0.4505937099 * s,
                0.0259040371 * l + 0.7827717662 * m - 0.8086757660 * s)
    }

    static func contrast(_ first: String, _ second: String) -> Double {
        let luminance = { (hex: String) -> Double in
            let rgb = linearRGB(hex)
            return 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2]
        }
        let (a, b) = (luminance(first), luminance(second))
        return (max(a, b) + 0.05) / (min(a, b) + 0.05)
    }
}
