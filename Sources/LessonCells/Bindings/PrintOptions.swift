import NetworkEngine

/// `torch.set_printoptions`: how the page's tensors print from here on. The session carries the
/// options from one cell to the next (see `CellSession`); no other page is affected.
extension Registry {
    static let printing: [Binding] = [
        .function("setPrintOptions(precision:threshold:edgeItems:lineWidth:sciMode:)", defaults: ["precision": .nilValue, "threshold": .nilValue, "edgeItems": .nilValue, "lineWidth": .nilValue, "sciMode": .nilValue], does: {
            (precision: Int?, threshold: Int?, edgeItems: Int?, lineWidth: Int?, sciMode: Bool?) in
            try setPrintOptions(precision: precision, threshold: threshold, edgeItems: edgeItems, lineWidth: lineWidth, sciMode: sciMode)
        }),
        .function("resetPrintOptions()", does: { () in resetPrintOptions() }),
    ]
}
