import Foundation
import LessonDocument
import LessonModel
import Testing

/// Pages that are not small regular files are refused before they are read whole.
@Suite struct PageFileTests {
    let folder = NSTemporaryDirectory() + "lectern-pagefile-" + UUID().uuidString

    init() throws { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }

    func failure(_ path: String) -> Diagnostic? {
        do {
            _ = try Document.load(path: path)
            return nil
        } catch {
            return error
        }
    }

    @Test func aDeviceIsRefusedNotRead() {
        // /dev/zero never ends: reading it whole aborted allocating gigabytes.
        #expect(failure("/dev/zero")?.message == "cannot read page /dev/zero: it is a character device, not a regular file")
    }

    @Test func aFIFOIsRefusedWithoutWaitingForAWriter() throws {
        let path = folder + "/pipe.md"
        #expect(mkfifo(path, 0o644) == 0)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // Opening a FIFO for reading blocks until a writer comes; the load must return at once.
        #expect(failure(path)?.message.hasSuffix("it is a FIFO (named pipe), not a regular file") == true)
    }

    @Test func aPageOverTheLimitIsALocatedErrorBeforeItIsRead() throws {
        let path = folder + "/huge.md"
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        // A sparse file: its size says 17 MiB without writing the bytes.
        #expect(truncate(path, off_t(Document.maximumPageBytes + 1024 * 1024)) == 0)
        let error = failure(path)
        #expect(error?.location == SourceLocation(file: path, line: 1, column: 1))
        #expect(error?.message.hasPrefix("page is larger than 16 MiB") == true)
    }

    @Test func aPageAtTheLimitIsRead() throws {
        let path = folder + "/large.md"
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(FileManager.default.createFile(atPath: path, contents: Data("# Big\n".utf8)))
        #expect(failure(path) == nil)
    }
}
