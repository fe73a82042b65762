import Testing
@testable import LoaImport
