import Foundation
import Testing
import VoxLexicons

@Suite("Embedded lexicons")
struct LexiconEmbeddingTests {
    @Test("the embedded copy matches lexicons/ (run `make lexicons` after editing a lexicon)")
    func inSync() throws {
        let root = TestSupport.repositoryRoot.appendingPathComponent("lexicons")
        let enumerator = try #require(FileManager.default.enumerator(atPath: root.path))
        var onDisk: [String: String] = [:]
        while let relative = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            let path = root.appendingPathComponent(relative).path
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
                  !(relative as NSString).lastPathComponent.hasPrefix(".") else { continue }
            var text = try String(contentsOfFile: path, encoding: .utf8)
            if text.hasSuffix("\n") { text.removeLast() }
            onDisk[relative] = text
        }
        #expect(Set(onDisk.keys) == Set(EmbeddedLexicons.files.keys))
        for (name, text) in onDisk {
            #expect(EmbeddedLexicons.files[name] == text, "lexicons/\(name) differs from the embedded copy")
        }
    }
}
