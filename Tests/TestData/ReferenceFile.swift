import Foundation

/// A reference file that is missing, unreadable or not the JSON a test expects. Thrown, so the
/// test that reads it fails and names the file: a test never passes on an empty reference.
public struct ReferenceFileError: Error, CustomStringConvertible {
    public let description: String

    public init(_ description: String) { self.description = description }
}

extension TestData {
    /// The JSON object of `Tests/Data/reference/<name>`; throws for a missing or undecodable file.
    public static func referenceJSON(_ name: String) throws -> [String: Any] {
        let url = reference(name)
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw ReferenceFileError("cannot read the reference file \(url.path): \(error.localizedDescription)")
        }
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw ReferenceFileError("\(url.path) is not JSON: \(error.localizedDescription)")
        }
        guard let dictionary = object as? [String: Any] else {
            throw ReferenceFileError("\(url.path) is not a JSON object")
        }
        return dictionary
    }

    /// The file's `cases` when they are a list; throws when they are not, or when there are none.
    public static func referenceCaseList(_ name: String) throws -> [[String: Any]] {
        guard let cases = try referenceJSON(name)["cases"] as? [[String: Any]], !cases.isEmpty else {
            throw ReferenceFileError("\(name) has no list of cases")
        }
        return cases
    }

    /// The file's `cases` when they are named groups; throws when they are not, or when there are none.
    public static func referenceCaseGroups(_ name: String) throws -> [String: Any] {
        guard let cases = try referenceJSON(name)["cases"] as? [String: Any], !cases.isEmpty else {
            throw ReferenceFileError("\(name) has no named groups of cases")
        }
        return cases
    }

    /// A float32 from the hex of its IEEE-754 bits (`"0x3f800000"` is 1.0), as the files spell them.
    public static func float(bits text: String) throws -> Float {
        guard text.hasPrefix("0x"), text.count == 10, let word = UInt32(text.dropFirst(2), radix: 16) else {
            throw ReferenceFileError("\(text) is not the hex of a float32's bits")
        }
        return Float(bitPattern: word)
    }

    /// Floats from packed hex: 8 digits of float32 bits per value, no separators.
    public static func packedFloats(_ text: String) throws -> [Float] {
        let digits = Array(text.utf8)
        guard digits.count % 8 == 0 else { throw ReferenceFileError("packed floats of \(digits.count) hex digits") }
        return try stride(from: 0, to: digits.count, by: 8).map { start in
            var word: UInt32 = 0
            for byte in digits[start..<start + 8] {
                let digit: UInt8
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
                default: throw ReferenceFileError("packed floats: \(UnicodeScalar(byte)) is not a lower-case hex digit")
                }
                word = word << 4 | UInt32(digit)
            }
            return Float(bitPattern: word)
        }
    }
}
