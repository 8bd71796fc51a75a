@testable import LessonCells
import LessonModel
import SwiftOperators
import Testing

/// Operator folding: precedence, and the errors of operator chains and of what sits inside them,
/// each at its page location (the folded tree must keep every position).
@Suite struct OperatorFoldingTests {
    /// The table read back from source has Swift's standard operators and groups, no more and
    /// no fewer: its description is the source that makes it (the parsed declarations keep a
    /// blank line between them).
    @Test func theOperatorTableIsTheStandardOne() {
        func declarations(_ table: OperatorTable) -> [Substring] {
            table.description.split(separator: "\n").filter { !$0.allSatisfy(\.isWhitespace) }
        }
        #expect(declarations(Frontend.operators) == declarations(OperatorTable.standardOperators))
        #expect(declarations(Frontend.operators).count > 100)
        #expect(Frontend.operators.infixOperator(named: "==")?.precedenceGroup == "ComparisonPrecedence")
        // Read back from source, not the code-made table it falls back to: its declarations
        // carry the syntax that spares folding a node per precedence relation.
        #expect(Frontend.operators.infixOperator(named: "==")?.syntax != nil)
        #expect(OperatorTable.standardOperators.infixOperator(named: "==")?.syntax == nil)
    }

    @Test func operatorsFoldByStandardPrecedence() {
        #expect(printed("print(1 + 2 * 3 - 4 / 2 % 3, 1 < 2 && 3 > 2 || false, true ? 1 : 2 + 3, 2 as Int + 1)") == "5 true 1 3\n")
        // A closure whose one statement is an assignment runs it (no implicit return), also
        // inside a chain.
        #expect(printed("var t = 0\nlet n = [{ t = 3 }].count + 1\nlet set = { t = 4 }\nset()\nprint(n, t)") == "2 4\n")
        #expect(printed("var y = 1\ny += 2 * 3\nlet t: Int? = nil\nprint(y, t ?? 2 ?? 3, -2 * -3, [1, 2].count - 1 == 1)") == "7 2 6 true\n")
    }

    @Test func operatorChainErrorsKeepTheirTextAndPlace() {
        let cases: [(String, String)] = [
            ("let a = 1\nlet b = 2\nlet c = 3\nprint(a == b == c)", "page.md:4:9: error: adjacent operators are in non-associative precedence group 'ComparisonPrecedence'"),
            ("let a = 1\nprint(  [1, a < 2 < 3])", "page.md:2:15: error: adjacent operators are in non-associative precedence group 'ComparisonPrecedence'"),
            ("let f = 1.0\nprint(f ... 2.0 ... 3.0)", "page.md:2:9: error: adjacent operators are in non-associative precedence group 'RangeFormationPrecedence'"),
            ("print(1 <> 2)", "page.md:1:9: error: unknown infix operator '<>'"),
            // An outer chain's error after an inner chain: at its operator (folding the whole
            // tree at once counted it from the chain's start, 1:3).
            ("let a = 1\nprint(a == (a + 1) == a)", "page.md:2:9: error: adjacent operators are in non-associative precedence group 'ComparisonPrecedence'"),
            // Inner chains are folded before outer ones, as Swift reports them.
            ("let a = 1\nprint(a == a == (a < a < a))", "page.md:2:20: error: adjacent operators are in non-associative precedence group 'ComparisonPrecedence'"),
            ("let a = 1\nprint(  a + 1, a == [a == a == a].count == 1)", "page.md:2:24: error: adjacent operators are in non-associative precedence group 'ComparisonPrecedence'"),
            ("let x = 1\nif x == 1 == true { print(x) }", "page.md:2:6: error: adjacent operators are in non-associative precedence group 'ComparisonPrecedence'"),
            ("func f(_ a: Int) -> Bool {\n    return a == a == true\n}", "page.md:2:14: error: adjacent operators are in non-associative precedence group 'ComparisonPrecedence'"),
            ("print(1, 2 + 3 ~= 2)", "page.md:1:16: error: operator '~=' is not supported in cells"),
            ("var y = 1\ny += 2\nprint(y, 1 is Int ? 1 : 0)", "page.md:3:10: error: 'is' type checks are not supported in cells"),
        ]
        for (code, expected) in cases { #expect(failure(code) == expected, "\(code)") }
    }

    @Test func errorsInsideOperatorChainsKeepTheirPlace() {
        let cases: [(String, String)] = [
            ("let a = 1\nlet q = a + zz * 2", "page.md:2:13: error: cannot find 'zz' in scope"),
            ("let a = [1]\nlet q = 1 +  a[3] * 2", "page.md:2:15: error: index out of range: index 3 into an array of 1 element"),
            ("let q = true ? 1 + 2 : [1][5]\nprint(q)\nlet r = false ?   1 : [1][5]", "page.md:3:26: error: index out of range: index 5 into an array of 1 element"),
            ("let m = 1 + { (x: Int) -> Int in\n    x * nope\n}(2)", "page.md:2:9: error: cannot find 'nope' in scope"),
            ("let v = [1]\nlet q = 1 + (2 * (3 - v[4]))", "page.md:2:24: error: index out of range: index 4 into an array of 1 element"),
            ("let m = 1 + { (x: Int) -> Int in\n    let y = x + (x * [x][x])\n    return y\n}(2)", "page.md:2:25: error: index out of range: index 2 into an array of 1 element"),
        ]
        for (code, expected) in cases { #expect(failure(code) == expected, "\(code)") }
    }
}
