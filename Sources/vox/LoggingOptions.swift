import ArgumentParser
import Logging
import VoxPipeline

/// Logging flags shared by the commands that run pipelines.
struct LoggingOptions: ParsableArguments {
    @Flag(name: .shortAndLong, help: "Log errors only.")
    var quiet = false

    @Flag(name: .shortAndLong, help: "Log every stage in detail.")
    var verbose = false

    @Option(name: .customLong("log-format"), help: "Log line format on standard error: text or json.")
    var logFormat: LogFormatArgument = .text

    func validate() throws {
        if quiet, verbose { throw ValidationError("--quiet and --verbose cannot be used together") }
    }

    func makeLogger() -> Logger {
        LogSetup.logger(format: logFormat.format, level: quiet ? .error : verbose ? .debug : .info)
    }
}

enum LogFormatArgument: String, ExpressibleByArgument, CaseIterable {
    case text
    case json

    var format: LogFormat { self == .text ? .text : .json }
}
