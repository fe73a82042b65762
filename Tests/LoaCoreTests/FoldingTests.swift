import Foundation
import Testing
@testable import LoaCore

@Suite struct FoldingTests {
    @Test func slugsFoldVietnameseIncludingDStroke() {
        #expect(Folding.slug("Đồn Phủ Thông") == "don-phu-thong")
        #expect(Folding.slug("Triệu Sơn") == "trieu-son")
        #expect(Folding.slug("ĐẮK GLONG") == "dak-glong")
        #expect(Folding.slug("đường biên giới") == "duong-bien-gioi")
        #expect(Folding.slug("Báo cáo số 46/KH-UBND, ngày 21/02/2023") == "bao-cao-so-46-kh-ubnd-ngay-21-02-2023")
        #expect(Folding.slug("  --Quảng   bá--  ") == "quang-ba")
    }

    @Test func decomposedInputGivesTheSameSlugAsComposed() {
        let nfd = "Đồn Phủ Thông".decomposedStringWithCanonicalMapping
        #expect(nfd.unicodeScalars.count > "Đồn Phủ Thông".unicodeScalars.count)
        #expect(Folding.slug(nfd) == "don-phu-thong")
        #expect(Folding.nfc(nfd) == "Đồn Phủ Thông")
    }

    @Test func nfcAgreesWithFoundationOnEveryKindOfText() {
        let samples = ["", "plain ASCII", "café ở Việt Nam", "Đồn Phủ Thông", "e\u{301}", "Tie\u{302}\u{301}ng",
                       "“quoted” – dash…", "₫ 100", "😀 emoji", "한국어", "\u{212B}ngstr\u{F6}m", "x\u{300}", "Ω\u{344}"]
        for text in samples + samples.map(\.decomposedStringWithCanonicalMapping) {
            #expect(Folding.nfc(text).unicodeScalars.elementsEqual(text.precomposedStringWithCanonicalMapping.unicodeScalars), "\(text.debugDescription)")
        }
    }

    @Test func trimmingRemovesWhiteSpaceAtTheEndsOnly() {
        #expect("  Báo cáo  số 1 \n".trimmedWhiteSpace == "Báo cáo  số 1")
        #expect("\u{00A0}\tx\u{3000}".trimmedWhiteSpace == "x")
        #expect("   ".trimmedWhiteSpace == "" && "".trimmedWhiteSpace == "")
        #expect("ở".trimmedWhiteSpace == "ở")
    }

    @Test func searchKeysMatchWithAndWithoutDiacritics() {
        #expect(Folding.searchKey("Triệu  Sơn") == Folding.searchKey("Trieu Son"))
        #expect(Folding.searchKey("Đà Bắc") == "da bac")
    }

    @Test func slugCheck() {
        #expect(Folding.isSlug("bach-thong"))
        #expect(!Folding.isSlug("Bạch Thông"))
        #expect(!Folding.isSlug("bach--thong"))
        #expect(!Folding.isSlug(""))
    }
}

@Suite struct CollationTests {
    @Test func otherLanguagesSortByTheSearchKey() {
        for text in ["  Đà  Bắc\tdistrict ", "Thanh Hóa", "", "   ", "a\u{00A0}b", "Z-10 → x"] {
            let expected = Folding.searchKey(text).unicodeScalars.map { UInt16(truncatingIfNeeded: min($0.value, 0xFFFF)) }
            #expect(Collation.key(text, language: "en").primary == expected, "\(text.debugDescription)")
        }
    }

    @Test func glossaryOrder() {
        let names = ["Triệu Sơn", "Thạch Thành", "Đơn Dương", "Tây Sơn", "Bạch Thông"]
        let sorted = names.sorted { Collation.vietnameseKey($0) < Collation.vietnameseKey($1) }
        #expect(sorted == ["Bạch Thông", "Đơn Dương", "Tây Sơn", "Thạch Thành", "Triệu Sơn"])
    }

    @Test func dStrokeComesAfterDAndVowelLettersAfterTheirBase() {
        let names = ["Đà Bắc", "Duy Tiên", "Điện Biên", "Dương Minh Châu", "Ân Thi", "An Lão", "Ăn", "Ơn", "Ô", "O"]
        let sorted = names.sorted { Collation.vietnameseKey($0) < Collation.vietnameseKey($1) }
        #expect(sorted == ["An Lão", "Ăn", "Ân Thi", "Duy Tiên", "Dương Minh Châu", "Đà Bắc", "Điện Biên", "O", "Ô", "Ơn"])
    }

    @Test func everyLetterOfTheAlphabetInItsPlace() {
        // ư (U+01B0) is the highest code point of the base letters.
        let words = ["vi", "ưu", "Uy", "tư", "Tú", "ủy", "ơn", "x", "Ừ"]
        let sorted = words.sorted { Collation.vietnameseKey($0) < Collation.vietnameseKey($1) }
        #expect(sorted == ["ơn", "Tú", "tư", "Uy", "ủy", "Ừ", "ưu", "vi", "x"])
    }

    @Test func tonesOnlyBreakTiesInTheOrderNgangHuyenHoiNgaSacNang() {
        let words = ["mạ", "má", "mã", "mả", "mà", "ma"]
        let sorted = words.sorted { Collation.vietnameseKey($0) < Collation.vietnameseKey($1) }
        #expect(sorted == ["ma", "mà", "mả", "mã", "má", "mạ"])
        // Letters decide before tones: "mạc" sorts after "mà" even though ạ has a later tone.
        #expect(Collation.vietnameseKey("mà") < Collation.vietnameseKey("mạc"))
    }

    @Test func englishOrderFoldsDiacritics() {
        let names = ["Đông Anh", "Dien Bien", "Cam Giang"]
        let sorted = names.sorted { Collation.key($0, language: "en") < Collation.key($1, language: "en") }
        #expect(sorted == ["Cam Giang", "Dien Bien", "Đông Anh"])
    }
}
