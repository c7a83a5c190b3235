import ArgumentParser

/// The exit codes of the DESIGN.md contract, in one place.
enum ExitStatus {
    static let success = ExitCode(0)
    static let runFailed = ExitCode(1)
    static let usage = ExitCode(2)
    static let rejectsExceeded = ExitCode(3)
    static let locked = ExitCode(4)
    /// `vox diff --fail-on-rise`: a pain point's share rose significantly by more than the limit.
    /// Only `vox diff` uses it.
    static let significantRise = ExitCode(5)
}
