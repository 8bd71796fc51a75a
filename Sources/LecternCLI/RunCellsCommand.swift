import ArgumentParser
import Foundation
import LessonExecution

extension Lectern {
    /// The child side of `ChildExecution`: not for people, so not in the help.
    struct RunCells: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: ChildExecution.subcommand, abstract: "Run one page's cells for a parent lectern.", shouldDisplay: false)

        @Argument var path: String

        func run() throws {
            let served = ChildExecution.serve(path: path, read: { Array(FileHandle.standardInput.availableData) }) { line in
                FileHandle.standardOutput.write(line)
            }
            if !served { throw ExitCode(70) }
        }
    }
}
