/// What every row of one file shares: its columns and dialect.
final class CSVFileContext: Sendable {
    let columns: CSVColumns
    let dialect: CSVDialect
    let invalidText: Bool
    /// The same file's context for rows whose invalid text was replaced.
    let withInvalidText: CSVFileContext?

    init(columns: CSVColumns, dialect: CSVDialect) {
        self.columns = columns
        self.dialect = dialect
        self.invalidText = false
        self.withInvalidText = CSVFileContext(columns: columns, dialect: dialect, invalidText: true)
    }

    private init(columns: CSVColumns, dialect: CSVDialect, invalidText: Bool) {
        self.columns = columns
        self.dialect = dialect
        self.invalidText = invalidText
        self.withInvalidText = nil
    }

    /// The context for a row, by whether its text had to be repaired.
    func forRow(invalidText: Bool) -> CSVFileContext { invalidText ? withInvalidText ?? self : self }
}
