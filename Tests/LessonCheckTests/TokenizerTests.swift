import Testing
@testable import LessonCheck

/// The tokens of `line`, numbers shown as `#spelling`.
private func shape(_ line: String) -> [String] {
    OutputTokenizer.tokens(in: line).map {
        switch $0 {
        case .text(let text): text
        case .number(let number): "#" + number.spelling
        }
    }
}

private func numbers(_ line: String) -> [PrintedNumber] {
    OutputTokenizer.tokens(in: line).compactMap { if case .number(let n) = $0 { n } else { nil } }
}

@Test func parameterNamesWithDigitsStayText() {
    #expect(shape("layers.0.0.weight has gradient mean of 0.00020173587836325169")
        == ["layers.0.0.weight has gradient mean of ", "#0.00020173587836325169"])
    #expect(shape("x1 = 3rd + 2D + 0x1F + v1.2.3 + 1.2.3 + 1e5x") == ["x1 = 3rd + 2D + 0x1F + v1.2.3 + 1.2.3 + 1e5x"])
    #expect(shape("blocks.10.attn_2.bias: 4") == ["blocks.10.attn_2.bias: ", "#4"])
    #expect(shape("information nano") == ["information nano"])
}

@Test func signsExponentsAndSpecialValues() {
    #expect(shape("loss=-0.5, lr +1e-05, big 2.5E+10") == ["loss=", "#-0.5", ", lr ", "#+1e-05", ", big ", "#2.5E+10"])
    #expect(shape("[nan, -inf, inf, Infinity, NaN]") == ["[", "#nan", ", ", "#-inf", ", ", "#inf", ", ", "#Infinity", ", ", "#NaN", "]"])
    let values = numbers("-0.5 +1e-05 2.5E+10 nan -inf .5 1.").map(\.value)
    #expect(values[0] == -0.5 && values[1] == 1e-5 && values[2] == 2.5e10)
    #expect(values[3].isNaN && values[4] == -.infinity && values[5] == 0.5 && values[6] == 1)
}

@Test func minusBetweenOperandsIsText() {
    #expect(shape("x-1 and 3-2 and f(2)-1") == ["x-", "#1", " and ", "#3", "-", "#2", " and f(", "#2", ")-", "#1"])
    #expect(shape("range 0..<3") == ["range ", "#0", "..<", "#3"])
}

@Test func pyTorchSpellings() {
    #expect(shape("torch.Size([3, 3])") == ["torch.Size([", "#3", ", ", "#3", "])"])
    #expect(shape("tensor([[1., 0.0610]], grad_fn=<AddmmBackward0>)")
        == ["tensor([[", "#1.", ", ", "#0.0610", "]], grad_fn=<AddmmBackward0>)"])
    #expect(shape("the mean is 0.5.") == ["the mean is ", "#0.5", "."])
    #expect(shape("±0.01 2×3") == ["±", "#0.01", " ", "#2", "×", "#3"])
}

@Test func lastDigitPlaceFollowsTheWrittenDigits() {
    let places = numbers("0.0002 2.5e-3 12 1. 0.00020173587836325169 1e3 nan").map(\.lastDigitPlace)
    #expect(places[0] == 1e-4)
    #expect(places[1] == 1e-4)
    #expect(places[2] == nil)
    #expect(places[3] == nil)
    #expect(places[4] == 1e-20)
    #expect(places[5] == 1e3)
    #expect(places[6] == nil)
}

@Test func offsetsCountUTF8Bytes() {
    #expect(numbers("é 1.5").first?.offset == 3)
}

@Test func theLessonsLineFormats() {
    #expect(shape("layers.4.0.weight [1, 3]: mean |grad| = 0.005049645435065031")
        == ["layers.4.0.weight [", "#1", ", ", "#3", "]: mean |grad| = ", "#0.005049645435065031"])
    #expect(shape("mean |gradient| of layers.0.0.weight: 0.00020173584925942123")
        == ["mean |gradient| of layers.0.0.weight: ", "#0.00020173584925942123"])
    #expect(shape("with unconditional shortcuts: [1, 3]") == ["with unconditional shortcuts: [", "#1", ", ", "#3", "]"])
}

@Test func thousandsSeparatedIntegersAreOneNumber() {
    #expect(shape("params: 8,224") == ["params: ", "#8,224"])
    #expect(shape("163,009,536 parameters") == ["#163,009,536", " parameters"])
    #expect(shape("total -1,234.5 and 12,345.") == ["total ", "#-1,234.5", " and ", "#12,345."])
    let values = OutputTokenizer.tokens(in: "8,224 163,009,536 -1,234.5").compactMap { if case .number(let n) = $0 { n.value } else { nil } }
    #expect(values == [8224, 163_009_536, -1234.5])
}

@Test func commaListsAndShapesStaySeparateNumbers() {
    // PyTorch and Python lists without spaces, shapes, and groups that are not exactly three digits.
    #expect(shape("[1,2,3]") == ["[", "#1", ",", "#2", ",", "#3", "]"])
    #expect(shape("(2,3)") == ["(", "#2", ",", "#3", ")"])
    #expect(shape("1,2") == ["#1", ",", "#2"])
    #expect(shape("[1,234,5]") == ["[", "#1", ",", "#234", ",", "#5", "]"])
    #expect(shape("1,2345") == ["#1", ",", "#2345"])
    #expect(shape("1234,567") == ["#1234", ",", "#567"])
    // A leading zero is never en_US grouping; nor is a run that continues another.
    #expect(shape("(0,125)") == ["(", "#0", ",", "#125", ")"])
    #expect(shape("0.5,125,000") == ["#0.5", ",", "#125", ",", "#000"])
    #expect(shape("8, 224") == ["#8", ", ", "#224"])
    #expect(shape("x1,234") == ["x1,", "#234"])
}
