import LoaCore

/// Placeholder namespace; the importer lives in this target.
public enum DocumentImporter {}
