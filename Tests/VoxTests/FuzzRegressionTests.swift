import Foundation
import Testing
import VoxIngest
import VoxPipeline

/// Inputs that once broke a reader or the pipeline parser under the fuzzer (`make fuzz`) are
/// kept in Fuzz/regressions/TARGET/ and replayed here through the same entry points the fuzz
/// targets use, so that `make test` fails if one of them crashes again. (A leak shows only under
/// the fuzzer's address sanitizer; here the input must at least go through cleanly.)
@Suite("Fuzz regressions")
struct FuzzRegressionTests {
    static let root = TestSupport.repositoryRoot.appendingPathComponent("Fuzz/regressions")

    static func inputs(_ target: String) -> [URL] {
        let directory = root.appendingPathComponent(target)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted().map { directory.appendingPathComponent($0) }
    }

    @Test("every kept input goes through its reader or the parser without a crash", arguments: ["csv", "json", "xml", "pipeline"])
    func replay(target: String) throws {
        for input in Self.inputs(target) {
            var events = 0
            switch target {
            case "csv": try? CSVReader(options: CSVOptions()).read(file: input.path, displayPath: input.lastPathComponent) { _ in events += 1 }
            case "json": try? JSONReader(options: JSONOptions()).read(file: input.path, displayPath: input.lastPathComponent) { _ in events += 1 }
            case "xml": try? XMLReader(options: XMLOptions(record: "review")).read(file: input.path, displayPath: input.lastPathComponent) { _ in events += 1 }
            default:
                let text = try String(contentsOf: input, encoding: .utf8)
                _ = try? PipelineParser().parse(text, file: input.lastPathComponent, baseDirectory: "/fuzz")
            }
        }
    }

    @Test("the kept XML input that leaked libxml2's DTD document is there and still yields its records or an error")
    func dtdLeakInputKept() throws {
        let input = try #require(Self.inputs("xml").first { $0.lastPathComponent == "dtd-entities-leak.xml" })
        var records = 0, rejects = 0, failed = false
        do {
            try XMLReader(options: XMLOptions(record: "review")).read(file: input.path, displayPath: "dtd-entities-leak.xml") { event in
                if case .record = event { records += 1 } else { rejects += 1 }
            }
        } catch {
            failed = true
            #expect("\(error)".contains("dtd-entities-leak.xml"), "an error names the file: \(error)")
        }
        #expect(failed || records + rejects > 0, "the reader says something about the input")
    }
}
