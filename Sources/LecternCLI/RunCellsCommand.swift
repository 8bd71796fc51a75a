import ArgumentParser
import Foundation
import LessonExecution

extension Lectern {
    /// The child side of `ChildExecution`: not for people, so not in the help.
    struct RunCells: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: ChildExecution.subcommand, abstract: "Run one page's cells for a parent lectern.", shouldDisplay: false)

        func run() throws {
            ChildExecution.prepareChildProcess()
            let served = ChildExecution.serve(read: { Array(FileHandle.standardInput.availableData) }) { line in
                FileHandle.standardOutput.write(line)
            }
            if !served { throw ExitCode(70) }
        }
    }
}
