import VoxAggregate
import VoxScoring
import VoxText

extension LexiconRegistry {
    /// Every lexicon format Vox reads, each checked by the loader that reads it. Add a format
    /// here when a stage gains a lexicon kind.
    public static let standard: LexiconRegistry = {
        var registry = LexiconRegistry()
        for format in SentimentLexicon.formats {
            registry.register(format) { text, path in SentimentLexicon.check(format: format, text, path: path) }
        }
        for format in EmpathyLexicon.formats {
            registry.register(format) { text, path in
                var lexicon = EmpathyLexicon()
                var problems: [LexiconProblem] = []
                lexicon.add(text, path: path, problems: &problems)
                return problems
            }
        }
        registry.register("vox-painpoints/1") { text, path in
            do {
                _ = try PainPointTaxonomy.parse(text, path: path)
                return []
            } catch let error as LexiconProblems {
                return error.problems
            } catch let error as LexiconProblem {
                return [error]
            } catch {
                return [LexiconProblem(file: path, line: 1, message: "\(error)")]
            }
        }
        registry.register("vox-stopwords/1") { text, path in
            var problems: [LexiconProblem] = []
            _ = LexiconFile.parse(text, path: path, format: "vox-stopwords/1", columns: 1...1, problems: &problems)
            return problems
        }
        return registry
    }()
}
