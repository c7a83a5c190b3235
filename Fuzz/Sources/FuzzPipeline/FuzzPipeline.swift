import FuzzSupport
import VoxPipeline

/// One input as a pipeline file: any text must parse or give `PipelineErrors`, never a crash or
/// a hang (alias bombs included).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    _ = try? PipelineParser().parse(text, file: "fuzz.yml", baseDirectory: "/fuzz")
    return 0
}

@_cdecl("FuzzPipeline_main")
func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    FuzzDriver.run(argc, argv, fuzzOne)
}
