/// The version `vox --version` prints and reports record.
public enum VoxVersion {
    public static let current = "0.1.0"
}
