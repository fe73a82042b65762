/// Loa's version; part of every page's fingerprint, so a new Loa rebuilds every page once.
public enum Loa {
    public static let version = "0.2.0"
}
