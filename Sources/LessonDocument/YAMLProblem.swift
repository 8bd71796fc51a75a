import Yams

/// What Yams reports about YAML that does not read, in words and with its mark, for the front
/// matter's and the contents' messages alike.
enum YAMLProblem {
    /// Invalid YAML (`problem` with its context) or a repeated key (`repeatedKeys`), with where.
    case invalid(String, Mark?)
    case repeatedKeys(String, Mark?)

    init(_ error: any Error) {
        switch error as? YamlError {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            self = .invalid(problem + (context.map { " \($0.text)" } ?? ""), mark)
        case .duplicatedKeysInMapping(let duplicates, let context):
            self = .repeatedKeys("'\(duplicates.joined(separator: "', '"))'", context.mark)
        default:
            self = .invalid("\(error)", nil)
        }
    }
}
