import FuzzSupport
import VoxIngest

/// One input through the XML reader: any bytes must give records, rejects or an `IngestError`,
/// never a crash, a hang or unbounded memory.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    FuzzDriver.withFile(data, size, suffix: ".xml") { path in
        var events = 0
        try? XMLReader(options: XMLOptions(record: "review")).read(file: path, displayPath: "fuzz.xml") { _ in events += 1 }
    }
    return 0
}

@_cdecl("FuzzXML_main")
func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    FuzzDriver.run(argc, argv, fuzzOne)
}
