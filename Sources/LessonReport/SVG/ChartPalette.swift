/// Series colours from Okabe and Ito's palette, which colour-blind readers can tell apart,
/// ordered so neighbours differ in lightness too (they stay distinct printed in grey). Each has
/// a lighter twin for dark backgrounds: the same OKLCH hue and chroma, lightness raised by 0.10
/// (chroma trimmed where sRGB ends), so the twins keep the light colours' spacing. Lightening each
/// colour towards the same pale tint instead made blue and sky blue near twins (OKLab distance
/// 0.12); now the closest pair is 0.156 apart, as in the light palette, and every twin has at
/// least 5:1 contrast against the dark page (#16181d).
enum ChartPalette {
    static let light = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00"]
    static let dark = ["#3491D3", "#FEC366", "#3FBE91", "#EE98C7", "#8AD3FF", "#F87E36"]
    /// Line dash patterns, so series differ without colour.
    static let dashes = ["", "7 4", "2 3", "9 3 2 3", "4 4", "1 2"]

    static func colour(_ series: Int) -> String { light[series % light.count] }
    static func dash(_ series: Int) -> String { dashes[series % dashes.count] }

    /// The chart's style sheet: presentation attributes carry the light colours for renderers
    /// without CSS; these rules switch to the dark twins when the reader prefers a dark scheme,
    /// and back to ink on white for print.
    static let styleSheet: String = {
        var lightRules = ".lc-ink{fill:#1f2328}.lc-muted{fill:#59636e}.lc-axis{stroke:#59636e}.lc-grid{stroke:#d1d9e0}"
        var darkRules = ".lc-ink{fill:#e6edf3}.lc-muted{fill:#9198a1}.lc-axis{stroke:#9198a1}.lc-grid{stroke:#3d444d}"
        for i in 0..<ChartPalette.light.count {
            lightRules += ".lc-f\(i){fill:\(ChartPalette.light[i])}.lc-k\(i){stroke:\(ChartPalette.light[i])}"
            darkRules += ".lc-f\(i){fill:\(ChartPalette.dark[i])}.lc-k\(i){stroke:\(ChartPalette.dark[i])}"
        }
        return "<style>\(lightRules)@media (prefers-color-scheme:dark){\(darkRules)}@media print{\(lightRules)}</style>"
    }()
}
