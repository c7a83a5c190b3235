import ArgumentParser
import Foundation

AllocatorTuning.returnLargeBlocksToTheSystem()

// ArgumentParser exits 64 on a bad command line; the Vox contract says 2, so parse here.
do {
    var command = try VoxCommand.parseAsRoot()
    try command.run()
} catch {
    let code = VoxCommand.exitCode(for: error)
    if code == .validationFailure {
        FileHandle.standardError.write(Data((VoxCommand.fullMessage(for: error) + "\n").utf8))
        exit(ExitStatus.usage.rawValue)
    }
    VoxCommand.exit(withError: error)
}
