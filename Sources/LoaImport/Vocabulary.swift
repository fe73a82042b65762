import Foundation
import LoaCore

/// The fixed words of Vietnamese official documents (Decree 30/2020/NĐ-CP layouts), matched on
/// folded text so that "ỦY"/"UỶ", capitals and decomposed input all read the same.
enum Vocabulary {
    /// The kind word printed above the title.
    static let kindWords: [(key: String, kind: DocumentKind)] = [
        ("bao cao", .report), ("ke hoach", .plan), ("quyet dinh", .decision),
        ("cong van", .officialLetter), ("thong bao", .notice), ("to trinh", .submission),
    ]

    /// The type code in a number ("46/KH-UBND", "123-BC/HU").
    static let numberCodes: [String: DocumentKind] = [
        "BC": .report, "KH": .plan, "QĐ": .decision, "QD": .decision, "TB": .notice,
        "TTR": .submission, "CV": .officialLetter,
    ]

    /// Issuing bodies in their official spelling (folded key → as written in running text).
    static let bodies: [(key: String, name: String, needsPlace: Bool)] = [
        ("ban thuong vu huyen uy", "Ban Thường vụ Huyện ủy", true),
        ("ban tuyen giao huyen uy", "Ban Tuyên giáo Huyện ủy", true),
        ("ban chap hanh dang bo", "Ban Chấp hành Đảng bộ", true),
        ("uy ban nhan dan", "Ủy ban nhân dân", true),
        ("ubnd", "Ủy ban nhân dân", true),
        ("hoi dong nhan dan", "Hội đồng nhân dân", true),
        ("hdnd", "Hội đồng nhân dân", true),
        ("ban thuong vu tinh uy", "Ban Thường vụ Tỉnh ủy", true),
        ("ban tuyen giao tinh uy", "Ban Tuyên giáo Tỉnh ủy", true),
        ("huyen uy", "Huyện ủy", true),
        ("tinh uy", "Tỉnh ủy", true),
        ("dang bo", "Đảng bộ", true),
        ("phong van hoa va thong tin", "Phòng Văn hóa và Thông tin", false),
        ("van phong hdnd va ubnd", "Văn phòng HĐND và UBND", false),
        ("van phong hoi dong nhan dan va uy ban nhan dan", "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân", false),
        ("trung tam van hoa, thong tin, the thao va du lich", "Trung tâm Văn hóa, Thông tin, Thể thao và Du lịch", false),
        ("so thong tin va truyen thong", "Sở Thông tin và Truyền thông", false),
    ]

    /// A Party committee's boards, printed under the committee in a header ("HUYỆN ỦY QUAN HÓA" / "BAN TUYÊN GIÁO").
    static let partyBoards: [(key: String, name: String)] = [
        ("ban tuyen giao", "Ban Tuyên giáo"), ("ban to chuc", "Ban Tổ chức"), ("ban dan van", "Ban Dân vận"),
        ("uy ban kiem tra", "Ủy ban Kiểm tra"), ("van phong", "Văn phòng"), ("ban thuong vu", "Ban Thường vụ"),
    ]

    static func isPartyCommittee(_ body: String) -> Bool { ["Huyện ủy", "Tỉnh ủy"].contains(body) }

    /// What a signing line signs for, and how the district's name joins it.
    struct SigningBody: Sendable, Equatable {
        enum Wording: Sendable { case huyen, name }
        var name: String
        /// `.huyen`: "Ủy ban nhân dân huyện Quan Hóa"; `.name`: "Ban Thường vụ Huyện ủy Quan Hóa".
        var wording: Wording
    }

    /// The rest of a "TM."/"TL."/"TUQ." line (folded) → the body it signs for.
    static let signingBodies: [(key: String, body: SigningBody)] = {
        let ubnd = SigningBody(name: "Ủy ban nhân dân", wording: .huyen)
        let hdnd = SigningBody(name: "Hội đồng nhân dân", wording: .huyen)
        let thuongTrucHdnd = SigningBody(name: "Thường trực Hội đồng nhân dân", wording: .huyen)
        let btv = SigningBody(name: "Ban Thường vụ Huyện ủy", wording: .name)
        let bch = SigningBody(name: "Ban Chấp hành Đảng bộ", wording: .huyen)
        let huyenUy = SigningBody(name: "Huyện ủy", wording: .name)
        let thuongTrucHuyenUy = SigningBody(name: "Thường trực Huyện ủy", wording: .name)
        let btg = SigningBody(name: "Ban Tuyên giáo Huyện ủy", wording: .name)
        return [
            ("uy ban nhan dan", ubnd), ("ubnd", ubnd), ("hoi dong nhan dan", hdnd), ("hdnd", hdnd),
            ("thuong truc hoi dong nhan dan", thuongTrucHdnd), ("thuong truc hdnd", thuongTrucHdnd),
            ("ban thuong vu", btv), ("ban thuong vu huyen uy", btv), ("btv huyen uy", btv),
            ("ban chap hanh", bch), ("ban chap hanh dang bo", bch), ("ban chap hanh dang bo huyen", bch),
            ("huyen uy", huyenUy), ("thuong truc huyen uy", thuongTrucHuyenUy),
            ("ban tuyen giao", btg), ("ban tuyen giao huyen uy", btg),
        ]
    }()

    /// Administrative units that follow a body's name in a header ("HUYỆN TRIỆU SƠN").
    static let units: [(key: String, word: String)] = [
        ("thi tran", "thị trấn"), ("thi xa", "thị xã"), ("thanh pho", "thành phố"),
        ("huyen", "huyện"), ("tinh", "tỉnh"), ("xa", "xã"), ("phuong", "phường"),
    ]

    /// Titles printed above a signature.
    static let signingTitles: Set<String> = [
        "chu tich", "pho chu tich", "bi thu", "pho bi thu", "truong ban", "pho truong ban",
        "truong phong", "pho truong phong", "giam doc", "pho giam doc", "chanh van phong",
        "pho chanh van phong", "thu truong don vi", "uy vien", "thuong truc",
    ]

    /// Documents a text can answer or implement ("Thực hiện Công văn số …").
    static let documentTypes = [
        "cong van", "van ban", "ke hoach", "quyet dinh", "nghi quyet", "nghi dinh", "chi thi", "thong tu",
        "thong bao", "huong dan", "ket luan", "luat", "bao cao", "to trinh", "chuong trinh", "de an",
        "cong dien", "thong tri", "quy dinh", "quy che", "phap lenh", "hien phap", "nghi quyet lien tich",
    ]

    static func kind(ofWord folded: String) -> DocumentKind? {
        kindWords.first { $0.key == folded }?.kind
    }

    /// "46/KH-UBND" → plan; "123/UBND-VHTT" (a body's code first) → official letter.
    static func kind(ofNumber number: String) -> DocumentKind? {
        let upper = number.uppercased()
        if let slash = upper.firstIndex(of: "/") {
            let before = upper[..<slash], after = upper[upper.index(after: slash)...]
            // Party style "123-BC/HU": the code sits between the dash and the slash.
            if let dash = before.lastIndex(of: "-"), let k = numberCodes[String(before[before.index(after: dash)...])] { return k }
            let code = after.split(separator: "-").first.map(String.init) ?? ""
            if let k = numberCodes[code] { return k }
            if ["UBND", "HĐND", "HDND", "VP"].contains(code) { return .officialLetter }
        }
        return upper.contains("-CV") || upper.contains("CV-") ? .officialLetter : nil
    }

    static func startsWithDocumentType(_ folded: String) -> Bool {
        documentTypes.contains { folded.hasPrefix($0 + " ") }
    }

    /// "KT. CHỦ TỊCH", "T/M BAN THƯỜNG VỤ", "TM. ỦY BAN NHÂN DÂN": the prefix and the rest.
    static func signingPrefix(_ s: String) -> (prefix: String, rest: String)? {
        guard VText.isAllCaps(s), let m = s.firstMatch(of: /^(TM|T\.M|T\/M|KT|K\.T|K\/T|TL|T\.L|T\/L|TUQ|T\.U\.Q|Q)\.?\s*(\p{L}.*)$/) else { return nil }
        return (String(m.1), String(m.2))
    }

    /// "(Đã ký)", "(Ký, ghi rõ họ tên, đóng dấu)", "[signed]": a place-holder for the signature.
    static func isSignaturePlaceholder(_ s: String) -> Bool {
        let f = VText.fold(s)
        guard f.hasPrefix("(") || f.hasPrefix("[") else { return false }
        return f.contains("ky") || f.contains("dau") || f.contains("signed")
    }

    /// "Lê Quang Trung": two to six capitalised words, nothing else.
    static func isPersonName(_ s: String) -> Bool {
        let words = s.split(separator: " ")
        guard (2...6).contains(words.count) else { return false }
        return words.allSatisfy { w in
            guard let f = w.first, f.isUppercase, f.isLetter else { return false }
            return w.dropFirst().allSatisfy { $0.isLetter && $0.isLowercase }
        }
    }

    static func isSeparator(_ s: String) -> Bool {
        !s.isEmpty && s.allSatisfy { "-_=*~—–. ".contains($0) }
    }

    /// "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "ĐẢNG CỘNG SẢN VIỆT NAM".
    static func isNationalMotto(_ folded: String) -> Bool {
        folded.contains("cong hoa xa hoi chu nghia viet nam") || folded.contains("dang cong san viet nam")
            || (folded.contains("doc lap") && folded.contains("hanh phuc"))
    }

    /// Removes the motto from a header line in which an export merged both columns.
    static func removingMotto(_ s: String) -> String {
        var t = s
        for pattern in [/(?i)CỘNG\s+HÒA\s+XÃ\s+HỘI\s+CHỦ\s+NGHĨA\s+VIỆT\s+NAM/, /(?i)CỘNG\s+HOÀ\s+XÃ\s+HỘI\s+CHỦ\s+NGHĨA\s+VIỆT\s+NAM/,
                        /(?i)ĐẢNG\s+CỘNG\s+SẢN\s+VIỆT\s+NAM/, /(?i)Độc\s+lập\s*[-–—]\s*Tự\s+do\s*[-–—]\s*Hạnh\s+phúc/] {
            t = t.replacing(pattern, with: " ")
        }
        return VText.collapse(t)
    }
}
