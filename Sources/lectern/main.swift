import Foundation
import LecternCLI

// This binary answers the hidden `__run-cells` command, so pages can run in children of it.
if let executable = Bundle.main.executablePath {
    Lectern.pageIsolation = .childProcess(executable: executable)
}
Lectern.main()
