import ArgumentParser
import Foundation
import LessonCache
import LessonCheck

extension Lectern {
    public struct New: ParsableCommand {
        public static let configuration = CommandConfiguration(
            commandName: "new",
            abstract: "Start a lesson page that passes `lectern check` as written.")

        @Argument(help: "The page's name: letters, digits, '-' and '_' (the file is <name>.md).")
        public var name: String

        @Option(help: "Folder for the page ('.' for the current folder).")
        public var directory = "notebooks"

        public init() {}

        public func validate() throws {
            do {
                try StarterPage.validate(name: name)
            } catch {
                throw ValidationError(error.message)
            }
        }

        public func run() throws {
            do {
                let path = try StarterPage.create(name: name, folder: directory)
                print("created \(path)")
                if let advice = GitIgnoreAdvice.advice() { print(advice) }
            } catch {
                FileHandle.standardError.write(Data("\(error)\n".utf8))
                throw ExitCode.failure
            }
        }
    }
}
