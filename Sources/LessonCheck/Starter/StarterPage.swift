import Foundation
import LessonDocument
import LessonModel

/// The page `lectern new` writes: front matter, a short introduction, a cell that builds a tiny
/// shortcut network and prints its loss and gradients, and the `output` block holding exactly
/// those lines, so the page passes `lectern check` as written.
public enum StarterPage {
    /// Letters, digits, `-` and `_`, starting with a letter or digit: a name that is a file
    /// name everywhere and never a path.
    public static func validate(name: String) throws(Diagnostic) {
        let bytes = Array(name.utf8)
        guard let first = bytes.first else { throw .error("the page name is empty", at: nil) }
        guard bytes.count <= 100 else { throw .error("the page name '\(name)' is longer than 100 characters", at: nil) }
        guard isLetterOrDigit(first) else {
            throw .error("the page name '\(name)' must start with a letter or digit", at: nil)
        }
        if let bad = name.first(where: { !($0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_")) }) {
            let hint = name.hasSuffix(".md") ? " (leave out '.md'; it is added)" : ""
            throw .error("the page name '\(name)' contains '\(bad)'; use letters, digits, '-' and '_'\(hint)", at: nil)
        }
    }

    /// `notebooks/<name>.md` by default; `folder` "." gives `<name>.md`.
    public static func path(name: String, folder: String) -> String {
        folder == "." || folder.isEmpty ? name + ".md" : (folder.hasSuffix("/") ? folder : folder + "/") + name + ".md"
    }

    /// Writes the page, creating `folder` if needed, and refuses to replace an existing file.
    /// Returns the path written.
    @discardableResult
    public static func create(name: String, folder: String) throws(Diagnostic) -> String {
        try validate(name: name)
        let path = path(name: name, folder: folder)
        if folder != ".", !folder.isEmpty {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw .error("cannot create folder \(folder): \(error.localizedDescription)", at: nil)
            }
        }
        try AtomicFile.create(Array(text(title: title(forName: name)).utf8), at: path)
        return path
    }

    /// `shortcut-basics` → `Shortcut basics`.
    public static func title(forName name: String) -> String {
        let words = name.replacingOccurrences(of: "_", with: " ").replacingOccurrences(of: "-", with: " ")
        return words.prefix(1).uppercased() + words.dropFirst()
    }

    public static func text(title: String) -> String {
        """
        ---
        title: \(yamlScalar(title))
        ---

        # \(title)

        A lesson page mixes prose with Swift cells. The cells run from top to bottom in one shared
        environment, so a name defined in one cell can be used in the cells after it. An `output`
        block right under a cell records what that cell prints: `lectern check` runs the page
        again and compares the two, and `lectern bless` writes new output back after a change
        you meant to make.

        The cell below builds a network of two small layers. Each layer adds its input back to
        its result (a shortcut connection), which keeps gradients from fading in deep networks.
        It feeds one batch through, measures the squared error against a target, and prints the
        loss and the mean absolute gradient of each weight matrix.

        ```swift
        struct TinyNetwork: Module {
            var layers: [Sequential]

            init(layerSizes: [Int]) {
                layers = (0..<layerSizes.count - 1).map { i in
                    Sequential(Linear(layerSizes[i], layerSizes[i + 1]), ReLU())
                }
            }

            func callAsFunction(_ input: Tensor) throws -> Tensor {
                var x = input
                for layer in layers {
                    let output = try layer(x)
                    x = x.shape == output.shape ? x + output : output
                }
                return x
            }
        }

        manualSeed(19045)
        let model = TinyNetwork(layerSizes: [2, 2, 2])
        let input = Tensor([[-0.51, 1.0], [-0.07, -0.65]])
        let target = Tensor([[-0.1, -0.8], [-0.3, -0.2]])
        let loss = try mseLoss(model(input), target)
        try loss.backward()
        print("loss \\(try loss.item())")
        for (name, parameter) in model.namedParameters() where name.hasSuffix("weight") {
            print("\\(name) has gradient mean of \\(try parameter.grad!.abs().mean().item())")
        }
        ```

        ```output
        \(publishedOutput)```

        Change the seed or the layer sizes, run `lectern bless` on this page to record the new
        numbers, and `lectern check` will keep them honest from then on.

        """
    }

    /// What the cell prints, as PyTorch 2.15 computes it for the same network, seed, input and
    /// target (the reference corpus's case c034; `LessonCheckTests` pins these digits to it).
    static let publishedOutput = """
        loss 1.3212302923202515
        layers.0.0.weight has gradient mean of 0.238007590174675
        layers.1.0.weight has gradient mean of 0.1522234082221985

        """

    /// Words YAML 1.1 reads as booleans or null rather than text.
    private static let yamlKeywords: Set<String> = ["true", "false", "yes", "no", "on", "off", "y", "n", "null", "~"]

    /// A title as YAML reads it back as text: quoted when it could be read as something else.
    private static func yamlScalar(_ text: String) -> String {
        let plain = text.allSatisfy { $0.isLetter || $0.isNumber || $0 == " " }
            && text.first?.isLetter == true && !yamlKeywords.contains(text.lowercased())
        return plain ? text : "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    private static func isLetterOrDigit(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z"))
    }
}
