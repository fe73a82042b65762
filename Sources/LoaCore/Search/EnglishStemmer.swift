#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The Snowball English stemmer ("Porter2") as Pagefind 1.5.2 applies it to the words of an
/// English page and to a query (its `pagefind_stem` crate), so that an index Loa writes itself
/// finds what Pagefind's own would. Measured against the Pagefind binary (EnglishStemmerTests),
/// its version is Snowball 3's: R1 starts after emerg, inter, later, organ, past and univers
/// too ("emergency" → "emergenc"), -ogist becomes -og, "past" counts as a short syllable, a
/// double consonant stays after a lone a, e or o ("egged" → "egg"), and inning, outing,
/// proceed… are kept whole by step 1b where older versions stopped after step 1a.
///
/// The input is one lowercased word (Pagefind lowercases and strips combining marks first); it
/// may hold digits, `_` and letters of other scripts. The algorithm's vowels are `aeiouy` only:
/// any other character is a consonant to it, and it changes only ASCII suffixes.
public enum EnglishStemmer {
    public static func stem(_ word: String) -> String {
        // Fewer than 3 characters: as it is (and no empty buffer below).
        if word.utf8.count < 3 { return word }
        var word = word
        return word.withUTF8 { utf8 in
            if !utf8.contains(where: { $0 >= 0x80 }) {
                return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: utf8.count + 1) { buffer in
                    let b = buffer.baseAddress!
                    b.initialize(from: utf8.baseAddress!, count: utf8.count)
                    let (start, end) = stem(b, count: utf8.count)
                    if start == 0 && end == utf8.count && memcmp(b, utf8.baseAddress!, end) == 0 { return nil }
                    return String(decoding: UnsafeBufferPointer(start: b + start, count: end - start), as: UTF8.self)
                }
            }
            return stemScalars(String(decoding: utf8, as: UTF8.self))
        } ?? word
    }

    /// A code for each scalar (ASCII as itself, any other as 0x80, a consonant matching no
    /// suffix): the stemmer counts characters, not bytes. Suffixes are ASCII, so every 0x80
    /// left in the stem stands at its own place, and takes its scalar back.
    private static func stemScalars(_ word: String) -> String {
        let scalars = Array(word.unicodeScalars)
        var codes = scalars.map { $0.value < 0x80 ? UInt8($0.value) : 0x80 }
        let (start, end) = codes.withUnsafeMutableBufferPointer { stem($0.baseAddress!, count: $0.count) }
        var out = String.UnicodeScalarView()
        for i in start..<end {
            out.append(codes[i] == 0x80 ? scalars[i] : Unicode.Scalar(codes[i]))
        }
        return String(out)
    }

    /// Stems the `count` codes at `b` in place; the stem is `b[start..<end]`.
    private static func stem(_ b: UnsafeMutablePointer<UInt8>, count: Int) -> (Int, Int) {
        var w = Word(b: b, n: count)
        if let exception = w.exception1() { return (0, exception) }
        if count < 3 { return (0, count) }
        // Prelude: a leading apostrophe goes; y at the start or after a vowel is a consonant (Y).
        var start = 0
        if b[0] == UInt8(ascii: "'") {
            start = 1
            w = Word(b: b + 1, n: count - 1)
        }
        var yFound = false
        if w.n > 0 && w.b[0] == y { w.b[0] = Y; yFound = true }
        var i = 0
        while i + 1 < w.n {
            if isVowel(w.b[i]) && w.b[i + 1] == y { w.b[i + 1] = Y; yFound = true }
            i += 1
        }
        w.markRegions()
        w.step1a()
        w.step1b()
        w.step1c()
        w.step2()
        w.step3()
        w.step4()
        w.step5()
        if yFound {
            for i in 0..<w.n where w.b[i] == Y { w.b[i] = y }
        }
        return (start, start + w.n)
    }

    private static let y = UInt8(ascii: "y"), Y = UInt8(ascii: "Y")

    // Whole words that are stemmed by list, and the prefixes after which R1 starts
    // ("generous" → "generous", "communication" → "communic", "emergency" → "emergenc").
    private static let changedForms: [(StaticString, StaticString)] = [
        ("skis", "ski"), ("skies", "sky"), ("dying", "die"), ("lying", "lie"), ("tying", "tie"),
        ("idly", "idl"), ("gently", "gentl"), ("ugly", "ugli"), ("early", "earli"),
        ("only", "onli"), ("singly", "singl"),
    ]
    private static let invariantForms: [StaticString] = ["sky", "news", "howe", "atlas", "cosmos", "bias", "andes"]
    private static let wholeBeforeIng: [StaticString] = ["even", "cann", "inn", "earr", "herr", "out"]
    private static let regionPrefixes: [StaticString] = [
        "arsen", "commun", "emerg", "gener", "inter", "later", "organ", "past", "univers",
    ]

    /// a e i o u y.
    @inline(__always) static func isVowel(_ c: UInt8) -> Bool {
        switch c {
        case 0x61, 0x65, 0x69, 0x6F, 0x75, 0x79: true
        default: false
        }
    }

    /// The word being stemmed: `b[0..<n]`, suffixes taken off its end, R1 = `b[p1...]`,
    /// R2 = `b[p2...]`.
    private struct Word {
        let b: UnsafeMutablePointer<UInt8>
        var n: Int
        var p1 = 0
        var p2 = 0

        init(b: UnsafeMutablePointer<UInt8>, n: Int) {
            self.b = b
            self.n = n
        }

        @inline(__always) func ends(_ suffix: StaticString) -> Bool {
            let k = suffix.utf8CodeUnitCount
            return k <= n && memcmp(b + n - k, suffix.utf8Start, k) == 0
        }

        @inline(__always) func at(_ i: Int) -> UInt8 { i >= 0 && i < n ? b[i] : 0 }

        /// Replaces the last `k` codes with `replacement`.
        @inline(__always) mutating func replace(_ k: Int, with replacement: StaticString) {
            n -= k
            let r = replacement.utf8CodeUnitCount
            if r > 0 { (b + n).update(from: replacement.utf8Start, count: r) }
            n += r
        }

        func isWhole(_ word: StaticString) -> Bool {
            word.utf8CodeUnitCount == n && ends(word)
        }

        /// Exceptional forms of whole words, before anything else: the new length, or nil.
        mutating func exception1() -> Int? {
            guard n >= 3 && n <= 6 else { return nil }
            for (form, stem) in EnglishStemmer.changedForms where isWhole(form) {
                replace(n, with: stem)
                return n
            }
            for form in EnglishStemmer.invariantForms where isWhole(form) { return n }
            return nil
        }

        /// R1 starts after the first consonant that follows a vowel (after the prefix when the
        /// word starts with one of `regionPrefixes`), R2 likewise within R1.
        mutating func markRegions() {
            p1 = n
            p2 = n
            var start: Int? = nil
            for prefix in EnglishStemmer.regionPrefixes {
                let k = prefix.utf8CodeUnitCount
                if k <= n && memcmp(b, prefix.utf8Start, k) == 0 { start = k; break }
            }
            if start == nil { start = pastVowelAndConsonant(from: 0) }
            guard let r1 = start else { return }
            p1 = r1
            if let r2 = pastVowelAndConsonant(from: r1) { p2 = r2 }
        }

        /// Snowball's `gopast v gopast non-v` from `i`.
        func pastVowelAndConsonant(from i: Int) -> Int? {
            var i = i
            while i < n && !isVowel(b[i]) { i += 1 }
            guard i < n else { return nil }
            i += 1
            while i < n && isVowel(b[i]) { i += 1 }
            guard i < n else { return nil }
            return i + 1
        }

        func hasVowel(before end: Int) -> Bool {
            var i = 0
            while i < end { if isVowel(b[i]) { return true }; i += 1 }
            return false
        }

        /// A short syllable ending at `end`: consonant, vowel, then a consonant other than w, x
        /// or Y; or vowel, consonant at the start of the word; or "past".
        func isShortSyllable(endingAt end: Int) -> Bool {
            if end >= 2, !isVowel(b[end - 1]), isVowel(b[end - 2]) {
                if end == 2 { return true }
                let c = b[end - 1]
                if !isVowel(b[end - 3]) && c != UInt8(ascii: "w") && c != UInt8(ascii: "x") && c != Y { return true }
            }
            return end >= 4 && memcmp(b + end - 4, ("past" as StaticString).utf8Start, 4) == 0
        }

        mutating func step1a() {
            if ends("'s'") { n -= 3 } else if ends("'s") { n -= 2 } else if ends("'") { n -= 1 }
            if ends("sses") {
                replace(4, with: "ss")
            } else if ends("ied") || ends("ies") {
                // "ties" → "tie", "cries" → "cri".
                replace(3, with: n > 4 ? "i" : "ie")
            } else if ends("us") || ends("ss") {
                return
            } else if ends("s") {
                // Not when the only vowel is just before the s ("gas", "this").
                if n >= 2 && hasVowel(before: n - 2) { n -= 1 }
            }
        }

        mutating func step1b() {
            let k: Int
            if ends("eedly") || ends("eed") {
                let k = ends("eedly") ? 5 : 3
                guard n - k >= p1 else { return }
                // Not "proceed", "exceed", "succeed".
                let stem = n - k
                let whole = (stem == 4 && (memcmp(b, ("succ" as StaticString).utf8Start, 4) == 0 || memcmp(b, ("proc" as StaticString).utf8Start, 4) == 0))
                    || (stem == 3 && memcmp(b, ("exc" as StaticString).utf8Start, 3) == 0)
                if !whole { replace(k, with: "ee") }
                return
            } else if ends("ingly") {
                k = 5
            } else if ends("edly") {
                k = 4
            } else if ends("ing") {
                k = 3
                let stem = n - 3
                // "dying" → "die" (any consonant + "ying"); "inning", "outing", "canning",
                // "herring", "earring" and "evening" stay whole.
                if stem == 2 && b[1] == y && !isVowel(b[0]) {
                    replace(4, with: "ie")
                    return
                }
                for whole in EnglishStemmer.wholeBeforeIng where whole.utf8CodeUnitCount == stem {
                    if memcmp(b, whole.utf8Start, stem) == 0 { return }
                }
            } else if ends("ed") {
                k = 2
            } else {
                return
            }
            guard hasVowel(before: n - k) else { return }
            n -= k
            if ends("at") || ends("bl") || ends("iz") {
                replace(0, with: "e")
            } else if n >= 2 && b[n - 1] == b[n - 2] && isUndoubled(b[n - 1]) {
                // A double b, d, f, g, m, n, p, r or t loses one, but not in a word of a, e or o
                // and the double alone ("egg", "add", "ebb").
                let aeo = b[0] == UInt8(ascii: "a") || b[0] == UInt8(ascii: "e") || b[0] == UInt8(ascii: "o")
                if !(n == 3 && aeo) { n -= 1 }
            } else if n == p1 && isShortSyllable(endingAt: n) {
                replace(0, with: "e")
            }
        }

        func isUndoubled(_ c: UInt8) -> Bool {
            switch c {
            case UInt8(ascii: "b"), UInt8(ascii: "d"), UInt8(ascii: "f"), UInt8(ascii: "g"), UInt8(ascii: "m"),
                 UInt8(ascii: "n"), UInt8(ascii: "p"), UInt8(ascii: "r"), UInt8(ascii: "t"): true
            default: false
            }
        }

        /// A final y after a consonant, not the word's second letter, becomes i.
        mutating func step1c() {
            guard n >= 3, b[n - 1] == y || b[n - 1] == Y, !isVowel(b[n - 2]) else { return }
            b[n - 1] = UInt8(ascii: "i")
        }

        mutating func step2() {
            guard n >= 3 else { return }
            let suffix: StaticString, replacement: StaticString
            switch b[n - 1] {
            case UInt8(ascii: "l"):
                if ends("ational") { (suffix, replacement) = ("ational", "ate") }
                else if ends("tional") { (suffix, replacement) = ("tional", "tion") }
                else { return }
            case UInt8(ascii: "n"):
                if ends("ization") { (suffix, replacement) = ("ization", "ize") }
                else if ends("ation") { (suffix, replacement) = ("ation", "ate") }
                else { return }
            case UInt8(ascii: "r"):
                if ends("izer") { (suffix, replacement) = ("izer", "ize") }
                else if ends("ator") { (suffix, replacement) = ("ator", "ate") }
                else { return }
            case UInt8(ascii: "m"):
                if ends("alism") { (suffix, replacement) = ("alism", "al") } else { return }
            case UInt8(ascii: "t"):
                if ends("ogist") { (suffix, replacement) = ("ogist", "og") } else { return }
            case UInt8(ascii: "s"):
                if ends("fulness") { (suffix, replacement) = ("fulness", "ful") }
                else if ends("ousness") { (suffix, replacement) = ("ousness", "ous") }
                else if ends("iveness") { (suffix, replacement) = ("iveness", "ive") }
                else { return }
            case UInt8(ascii: "i"):
                if ends("biliti") { (suffix, replacement) = ("biliti", "ble") }
                else if ends("lessli") { (suffix, replacement) = ("lessli", "less") }
                else if ends("aliti") { (suffix, replacement) = ("aliti", "al") }
                else if ends("iviti") { (suffix, replacement) = ("iviti", "ive") }
                else if ends("entli") { (suffix, replacement) = ("entli", "ent") }
                else if ends("ousli") { (suffix, replacement) = ("ousli", "ous") }
                else if ends("fulli") { (suffix, replacement) = ("fulli", "ful") }
                else if ends("enci") { (suffix, replacement) = ("enci", "ence") }
                else if ends("anci") { (suffix, replacement) = ("anci", "ance") }
                else if ends("abli") { (suffix, replacement) = ("abli", "able") }
                else if ends("alli") { (suffix, replacement) = ("alli", "al") }
                else if ends("bli") { (suffix, replacement) = ("bli", "ble") }
                else if ends("ogi") {
                    // Only after l: "geology" → "geolog".
                    if n - 3 >= p1 && at(n - 4) == UInt8(ascii: "l") { replace(3, with: "og") }
                    return
                } else if ends("li") {
                    // Only after a letter that can end a stem before -ly.
                    if n - 2 >= p1 && isValidBeforeLi(at(n - 3)) { n -= 2 }
                    return
                } else { return }
            default:
                return
            }
            if n - suffix.utf8CodeUnitCount >= p1 { replace(suffix.utf8CodeUnitCount, with: replacement) }
        }

        func isValidBeforeLi(_ c: UInt8) -> Bool {
            switch c {
            case UInt8(ascii: "c"), UInt8(ascii: "d"), UInt8(ascii: "e"), UInt8(ascii: "g"), UInt8(ascii: "h"),
                 UInt8(ascii: "k"), UInt8(ascii: "m"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"): true
            default: false
            }
        }

        mutating func step3() {
            guard n >= 3 else { return }
            let suffix: StaticString, replacement: StaticString
            if ends("ational") { (suffix, replacement) = ("ational", "ate") }
            else if ends("tional") { (suffix, replacement) = ("tional", "tion") }
            else if ends("alize") { (suffix, replacement) = ("alize", "al") }
            else if ends("icate") { (suffix, replacement) = ("icate", "ic") }
            else if ends("iciti") { (suffix, replacement) = ("iciti", "ic") }
            else if ends("ative") {
                if n - 5 >= p2 { n -= 5 }  // in R2, which lies inside R1
                return
            }
            else if ends("ical") { (suffix, replacement) = ("ical", "ic") }
            else if ends("ness") { (suffix, replacement) = ("ness", "") }
            else if ends("ful") { (suffix, replacement) = ("ful", "") }
            else { return }
            if n - suffix.utf8CodeUnitCount >= p1 { replace(suffix.utf8CodeUnitCount, with: replacement) }
        }

        mutating func step4() {
            guard n >= 2 else { return }
            let k: Int
            switch b[n - 1] {
            case UInt8(ascii: "l"): guard ends("al") else { return }; k = 2
            case UInt8(ascii: "e"):
                if ends("ance") || ends("ence") || ends("able") || ends("ible") { k = 4 }
                else if ends("ate") || ends("ive") || ends("ize") { k = 3 }
                else { return }
            case UInt8(ascii: "r"): guard ends("er") else { return }; k = 2
            case UInt8(ascii: "c"): guard ends("ic") else { return }; k = 2
            case UInt8(ascii: "t"):
                if ends("ement") { k = 5 }
                else if ends("ment") { k = 4 }
                else if ends("ant") || ends("ent") { k = 3 }
                else { return }
            case UInt8(ascii: "m"): guard ends("ism") else { return }; k = 3
            case UInt8(ascii: "i"): guard ends("iti") else { return }; k = 3
            case UInt8(ascii: "s"): guard ends("ous") else { return }; k = 3
            case UInt8(ascii: "n"):
                // -ion only after s or t: "adoption" → "adopt".
                guard ends("ion"), n - 3 >= p2 else { return }
                let c = at(n - 4)
                if c == UInt8(ascii: "s") || c == UInt8(ascii: "t") { n -= 3 }
                return
            default: return
            }
            if n - k >= p2 { n -= k }
        }

        mutating func step5() {
            guard n >= 1 else { return }
            if b[n - 1] == UInt8(ascii: "e") {
                if n - 1 >= p2 || (n - 1 >= p1 && !isShortSyllable(endingAt: n - 1)) { n -= 1 }
            } else if b[n - 1] == UInt8(ascii: "l") {
                if n - 1 >= p2 && at(n - 2) == UInt8(ascii: "l") { n -= 1 }
            }
        }
    }
}
