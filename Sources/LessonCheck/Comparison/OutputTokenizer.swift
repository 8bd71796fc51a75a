/// Splits one printed line into numbers and runs of text.
///
/// A number is `[sign] digits [. digits] [e [sign] digits]`, `.5`, `1.` (PyTorch prints whole
/// floats that way), `nan`, `inf` or `infinity`; the digits before the point may be grouped in
/// threes by commas (`163,009,536`). Digits that belong to a name are text: a number
/// glued to a letter, `_` or a dotted name on either side (`layers.0.0.weight`, `x1`, `3rd`,
/// `0x1F`, `1.2.3`) stays part of that word. A sign counts only where it cannot be a minus
/// between two operands (`x-1`, `3-2`), so `-` right after a word, digit or closing bracket is text.
public enum OutputTokenizer {
    public static func tokens(in line: Substring) -> [OutputToken] {
        let bytes = Array(line.utf8)
        var scanner = Scanner(bytes: bytes)
        return scanner.scan()
    }

    public static func tokens(in line: String) -> [OutputToken] {
        tokens(in: line[...])
    }

    private struct Scanner {
        let bytes: [UInt8]
        var tokens: [OutputToken] = []
        var textStart = 0

        init(bytes: [UInt8]) { self.bytes = bytes }

        mutating func scan() -> [OutputToken] {
            var i = 0
            while i < bytes.count {
                if let end = numberEnd(at: i) {
                    flushText(upTo: i)
                    tokens.append(.number(number(i..<end)))
                    textStart = end
                    i = end
                } else if isWordByte(i) {
                    i = wordEnd(from: i)
                } else {
                    i += 1
                }
            }
            flushText(upTo: bytes.count)
            return tokens
        }

        private mutating func flushText(upTo end: Int) {
            if end > textStart { tokens.append(.text(String(decoding: bytes[textStart..<end], as: UTF8.self))) }
        }

        /// A word continues through letters, digits, `_`, and a `.` followed by one of those.
        private func wordEnd(from start: Int) -> Int {
            var i = start
            while i < bytes.count {
                if isWordByte(i) {
                    i += 1
                } else if bytes[i] == dot, isWordByte(i + 1) {
                    i += 2
                } else {
                    break
                }
            }
            return i
        }

        /// The end of a number starting at `start`, or `nil` if none starts there.
        private func numberEnd(at start: Int) -> Int? {
            var i = start
            if bytes[i] == plus || bytes[i] == minus {
                if start > 0, isWordByte(start - 1) || closers.contains(bytes[start - 1]) { return nil }
                i += 1
            }
            guard i < bytes.count else { return nil }
            let end: Int
            if let special = specialValueEnd(at: i) {
                end = special
            } else if let decimal = decimalEnd(at: i) {
                end = decimal
            } else {
                return nil
            }
            // Glued to a word on the right: part of a name (`1e5x`, `0.weight`, `1.2.3`).
            if isWordByte(end) || (end < bytes.count && bytes[end] == dot && isWordByte(end + 1)) { return nil }
            return end
        }

        private func decimalEnd(at start: Int) -> Int? {
            var i = start
            let integerDigits = digitRunEnd(from: i) - i
            i += integerDigits
            if integerDigits > 0, let grouped = groupedIntegerEnd(from: start, runEnd: i) { i = grouped }
            var fractionDigits = 0
            if i < bytes.count, bytes[i] == dot {
                fractionDigits = digitRunEnd(from: i + 1) - (i + 1)
                if fractionDigits > 0 {
                    i += 1 + fractionDigits
                } else if integerDigits > 0, !(i + 1 < bytes.count && bytes[i + 1] == dot) {
                    // `1.` as PyTorch prints whole floats; not `0..<3`.
                    i += 1
                }
            }
            guard integerDigits + fractionDigits > 0 else { return nil }
            if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
                var j = i + 1
                if j < bytes.count, bytes[j] == plus || bytes[j] == minus { j += 1 }
                let exponentDigits = digitRunEnd(from: j) - j
                if exponentDigits > 0 { i = j + exponentDigits }
            }
            return i
        }

        /// The end of `8,224` or `163,009,536` (Swift's `formatted()` in en_US): 1–3 digits not
        /// starting with 0, then groups of exactly three digits after commas. The whole run of
        /// comma-joined digits must follow that rule, and must not continue one (`5,` before it),
        /// or every piece is a number of its own: `[1,2,3]`, `(2,3)`, `[1,234,5]`, `0,125`.
        private func groupedIntegerEnd(from start: Int, runEnd: Int) -> Int? {
            let leading = runEnd - start
            guard leading <= 3, bytes[start] != UInt8(ascii: "0"), isComma(runEnd),
                  !(isComma(start - 1) && start >= 2 && Self.isDigit(bytes[start - 2])) else { return nil }
            var i = runEnd
            while isComma(i), i + 1 < bytes.count, Self.isDigit(bytes[i + 1]) {
                let groupEnd = digitRunEnd(from: i + 1)
                guard groupEnd - (i + 1) == 3 else { return nil }
                i = groupEnd
            }
            return i > runEnd ? i : nil
        }

        private func isComma(_ i: Int) -> Bool { i >= 0 && i < bytes.count && bytes[i] == UInt8(ascii: ",") }

        /// `nan`, `inf` and `infinity` in any letter case.
        private func specialValueEnd(at start: Int) -> Int? {
            for word in ["infinity", "inf", "nan"] {
                let end = start + word.utf8.count
                guard end <= bytes.count else { continue }
                if zip(bytes[start..<end], word.utf8).allSatisfy({ $0 | 0x20 == $1 }), !isWordByte(end) {
                    return end
                }
            }
            return nil
        }

        private func number(_ range: Range<Int>) -> PrintedNumber {
            let spelling = String(decoding: bytes[range], as: UTF8.self)
            return PrintedNumber(
                spelling: spelling, value: Self.value(of: bytes[range]), offset: range.lowerBound,
                lastDigitPlace: Self.lastDigitPlace(of: bytes[range]))
        }

        /// Swift's parser wants a digit on both sides of the point, so `.5` and `1.` get a zero.
        private static func value(of bytes: ArraySlice<UInt8>) -> Double {
            var body = bytes
            var sign = 1.0
            if let first = body.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
                if first == UInt8(ascii: "-") { sign = -1 }
                body = body.dropFirst()
            }
            if let first = body.first, first | 0x20 == UInt8(ascii: "n") { return .nan }
            if let first = body.first, first | 0x20 == UInt8(ascii: "i") { return sign * .infinity }
            var normalized: [UInt8] = []
            normalized.reserveCapacity(body.count + 2)
            var previous: UInt8 = 0
            for b in body where b != UInt8(ascii: ",") {
                let isDigitByte = isDigit(b)
                if b == UInt8(ascii: "."), !isDigit(previous) { normalized.append(UInt8(ascii: "0")) }
                if previous == UInt8(ascii: "."), !isDigitByte { normalized.append(UInt8(ascii: "0")) }
                normalized.append(b)
                previous = b
            }
            if previous == UInt8(ascii: ".") { normalized.append(UInt8(ascii: "0")) }
            return sign * (Double(String(decoding: normalized, as: UTF8.self)) ?? .nan)
        }

        /// 10^(exponent − fraction digits) when the number has a fraction or an exponent.
        private static func lastDigitPlace(of bytes: ArraySlice<UInt8>) -> Double? {
            guard let first = bytes.first(where: { $0 != UInt8(ascii: "+") && $0 != UInt8(ascii: "-") }),
                  isDigit(first) || first == UInt8(ascii: ".") else { return nil }
            var fractionDigits = 0
            var exponent: Int?
            var i = bytes.startIndex
            while i < bytes.endIndex, bytes[i] != UInt8(ascii: ".") && bytes[i] | 0x20 != UInt8(ascii: "e") { i += 1 }
            if i < bytes.endIndex, bytes[i] == UInt8(ascii: ".") {
                i += 1
                while i < bytes.endIndex, isDigit(bytes[i]) { fractionDigits += 1; i += 1 }
            }
            if i < bytes.endIndex, bytes[i] | 0x20 == UInt8(ascii: "e") {
                let digits = bytes[(i + 1)...].drop { $0 == UInt8(ascii: "+") }
                exponent = Int(String(decoding: digits, as: UTF8.self))
            }
            guard fractionDigits > 0 || exponent != nil else { return nil }
            return pow10((exponent ?? 0) - fractionDigits)
        }

        private static func pow10(_ n: Int) -> Double {
            var result = 1.0
            for _ in 0..<abs(n) { result *= 10 }
            return n < 0 ? 1 / result : result
        }

        private func digitRunEnd(from start: Int) -> Int {
            var i = start
            while i < bytes.count, Self.isDigit(bytes[i]) { i += 1 }
            return i
        }

        /// Letters, digits and `_`. Bytes of non-ASCII characters are not word bytes: output uses
        /// them as symbols (`±0.01`, `2×3`), and a number beside a symbol is still a number.
        private func isWordByte(_ i: Int) -> Bool {
            guard i >= 0, i < bytes.count else { return false }
            let b = bytes[i]
            return Self.isDigit(b) || (b | 0x20 >= UInt8(ascii: "a") && b | 0x20 <= UInt8(ascii: "z")) || b == UInt8(ascii: "_")
        }

        private static func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }

        private let dot = UInt8(ascii: ".")
        private let plus = UInt8(ascii: "+")
        private let minus = UInt8(ascii: "-")
        private let closers: [UInt8] = [UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}")]
    }
}
