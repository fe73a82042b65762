import Foundation
import Testing
@testable import LoaCore

/// The English stemmer against Pagefind's: a table of words and the stems Pagefind 1.5.2 gave
/// them, and Pagefind itself over a page of 5,000 words.
@Suite struct EnglishStemmerTests {
    /// Taken from Pagefind's index of a page of these words (`<html lang="en">`).
    static let table: [(word: String, stem: String)] = [
        // Exceptional forms: whole words stemmed by list, or left as they are
        ("skis", "ski"), ("skies", "sky"), ("dying", "die"), ("lying", "lie"), ("tying", "tie"), ("idly", "idl"),
        ("gently", "gentl"), ("ugly", "ugli"), ("early", "earli"), ("only", "onli"), ("singly", "singl"),
        ("sky", "sky"), ("news", "news"), ("howe", "howe"), ("atlas", "atlas"), ("cosmos", "cosmos"),
        ("bias", "bias"), ("andes", "andes"),
        // Shorter than 3 letters: as they are
        ("a", "a"), ("is", "is"), ("as", "as"), ("us", "us"), ("ed", "ed"), ("by", "by"),
        // R1 starts after these prefixes
        ("generously", "generous"), ("generation", "generat"), ("generate", "generat"), ("general", "general"),
        ("communication", "communic"), ("community", "communiti"), ("communism", "communism"),
        ("arsenal", "arsenal"), ("arsenic", "arsenic"), ("emergency", "emergenc"), ("emergencies", "emergenc"),
        ("emergent", "emergent"), ("interest", "interest"), ("internal", "internal"), ("interesting", "interest"),
        ("later", "later"), ("lateral", "lateral"), ("laterally", "lateral"), ("organization", "organiz"),
        ("organic", "organic"), ("organs", "organ"), ("pasta", "pasta"), ("pastes", "paste"), ("pasted", "paste"),
        ("past", "past"), ("universal", "universal"), ("university", "universiti"), ("universe", "univers"),
        // y at the start or after a vowel is a consonant
        ("say", "say"), ("saying", "say"), ("says", "say"), ("sayings", "say"), ("boy", "boy"), ("boys", "boy"),
        ("toyed", "toy"), ("yell", "yell"), ("yelling", "yell"), ("youth", "youth"), ("bayes", "bay"),
        ("yaks", "yak"), ("employ", "employ"), ("employed", "employ"), ("player", "player"),
        // Step 1a
        ("caresses", "caress"), ("classes", "class"), ("tied", "tie"), ("cried", "cri"), ("ties", "tie"),
        ("cries", "cri"), ("gas", "gas"), ("gaps", "gap"), ("this", "this"), ("kiwis", "kiwi"), ("bus", "bus"),
        ("status", "status"), ("kiss", "kiss"), ("pies", "pie"), ("compresses", "compress"), ("flosses", "floss"),
        ("cusses", "cuss"), ("ironies", "ironi"), ("humanities", "human"), ("moralities", "moral"),
        ("vivified", "vivifi"), ("frenzied", "frenzi"), ("remedied", "remedi"), ("transferals", "transfer"),
        ("whoppers", "whopper"), ("neuritis", "neuriti"), ("pros", "pros"), ("spontaneous", "spontan"),
        ("prosperous", "prosper"), ("strenuous", "strenuous"), ("seemliness", "seemli"), ("spitefulness", "spite"),
        ("transgress", "transgress"),
        // Step 1b
        ("agreed", "agre"), ("feed", "feed"), ("proceed", "proceed"), ("proceeding", "proceed"),
        ("exceed", "exceed"), ("exceeding", "exceed"), ("exceedingly", "exceed"), ("succeed", "succeed"),
        ("succeeded", "succeed"), ("hoped", "hope"), ("hopping", "hop"), ("hoping", "hope"),
        ("luxuriated", "luxuri"), ("conflated", "conflat"), ("troubled", "troubl"), ("sized", "size"),
        ("filing", "file"), ("fitting", "fit"), ("egged", "egg"), ("egging", "egg"), ("added", "add"),
        ("adding", "add"), ("ebbing", "ebb"), ("odder", "odder"), ("inning", "inning"), ("innings", "inning"),
        ("outing", "outing"), ("outings", "outing"), ("canning", "canning"), ("herring", "herring"),
        ("earring", "earring"), ("evening", "evening"), ("evenings", "evening"), ("shouting", "shout"),
        ("vying", "vie"), ("markedly", "mark"), ("appleseed", "applese"), ("bursted", "burst"),
        ("manhandled", "manhandl"), ("reverted", "revert"), ("whetted", "whet"), ("bled", "bled"),
        ("dreading", "dread"), ("pouting", "pout"), ("pricking", "prick"), ("appending", "append"),
        ("ming", "ming"), ("lastingly", "last"), ("comfortingly", "comfort"), ("mockingly", "mock"),
        ("resignedly", "resign"), ("crookedly", "crook"), ("reputedly", "reput"),
        // Step 1c: a final y after a consonant
        ("cry", "cri"), ("by", "by"), ("happy", "happi"), ("enjoy", "enjoy"), ("sky", "sky"), ("fly", "fli"),
        ("shy", "shi"), ("chevy", "chevi"), ("chemistry", "chemistri"), ("pertinacity", "pertinac"),
        ("obsequy", "obsequy"),
        // Step 2
        ("optional", "option"), ("exceptional", "except"), ("tranquillizer", "tranquil"), ("pfizer", "pfizer"),
        ("subsidization", "subsid"), ("urbanization", "urban"), ("transnational", "transnat"),
        ("rational", "ration"), ("agitation", "agit"), ("creation", "creation"), ("oscillator", "oscil"),
        ("creator", "creator"), ("pluralism", "plural"), ("realism", "realism"), ("phalli", "phalli"),
        ("rightfulness", "right"), ("lawfulness", "law"), ("obviousness", "obvious"), ("salaciousness", "salaci"),
        ("assertiveness", "assert"), ("talkativeness", "talkat"), ("yogi", "yogi"), ("ecologist", "ecolog"),
        ("pathologist", "patholog"), ("mowgli", "mowg"), ("muesli", "muesli"), ("geology", "geolog"),
        ("analogies", "analog"), ("biologist", "biolog"),
        // Step 3
        ("promotional", "promot"), ("devotional", "devot"), ("emotional", "emot"), ("recreational", "recreat"),
        ("rational", "ration"), ("relational", "relat"), ("rationalize", "ration"), ("serialize", "serial"),
        ("individualize", "individu"), ("medicate", "medic"), ("abdicate", "abdic"), ("predicate", "predic"),
        ("logical", "logic"), ("ironical", "iron"), ("stoical", "stoical"), ("willful", "will"), ("wilful", "wil"),
        ("woeful", "woeful"), ("sprightliness", "sprightli"), ("freshness", "fresh"), ("lioness", "lioness"),
        ("derivative", "deriv"), ("dative", "dativ"), ("tentative", "tentat"),
        // Step 4
        ("illiberal", "illiber"), ("veal", "veal"), ("monstrance", "monstranc"), ("nonchalance", "nonchal"),
        ("occurrence", "occurr"), ("independence", "independ"), ("idolater", "idolat"), ("paltrier", "paltrier"),
        ("enthusiastic", "enthusiast"), ("drastic", "drastic"), ("enforceable", "enforc"), ("disposable", "dispos"),
        ("accessible", "access"), ("irrepressible", "irrepress"), ("celebrant", "celebr"), ("instant", "instant"),
        ("enticement", "entic"), ("implement", "implement"), ("nourishment", "nourish"), ("regiment", "regiment"),
        ("inconsistent", "inconsist"), ("went", "went"), ("pacifism", "pacif"), ("voodooism", "voodooism"),
        ("semiprivate", "semipriv"), ("pate", "pate"), ("nefertiti", "nefert"), ("haiti", "haiti"),
        ("timorous", "timor"), ("houmous", "houmous"), ("subversive", "subvers"), ("live", "live"),
        ("westernize", "western"), ("prize", "prize"), ("dissension", "dissens"), ("faction", "faction"),
        ("adoption", "adopt"), ("adjustment", "adjust"), ("decision", "decis"), ("dependent", "depend"),
        // Step 5
        ("domicile", "domicil"), ("badge", "badg"), ("progressive", "progress"), ("dirge", "dirg"),
        ("unalterable", "unalter"), ("moe", "moe"), ("roadkill", "roadkil"), ("carroll", "carrol"),
        ("rill", "rill"), ("hope", "hope"), ("rate", "rate"), ("cease", "ceas"), ("controll", "control"),
        ("roll", "roll"),
        // Digits, _ and letters of other scripts: consonants to the algorithm
        ("x9y", "x9i"), ("2ying", "2ie"), ("ßying", "ßie"), ("ßies", "ßie"), ("aßy", "aßi"), ("ßpast", "ßpast"),
        ("pastße", "pastß"), ("relates9", "relates9"), ("statefr97", "statefr97"),
        ("getprod68uctuuid", "getprod68uctuuid"), ("cli12we", "cli12w"), ("f45indheaderend", "f45indheaderend"),
        ("makamak66a", "makamak66a"), ("fd81ed", "fd81ed"), ("nstdet54ails", "nstdet54ail"),
        ("po80interless", "po80interless"), ("yp53esetter", "yp53esett"), ("pgp_command", "pgp_command"),
        ("es_la", "es_la"), ("j_kmaline", "j_kmalin"), ("in_opportune", "in_opportun"),
        ("fiinstal_led", "fiinstal_l"), ("optse_p", "optse_p"), ("lißbchill", "lißbchil"), ("жprtime", "жprtime"),
        ("ofłorcesignkey", "ofłorcesignkey"), ("jimþrich", "jimþrich"), ("poißnterless", "poißnterless"),
        ("cverecıord", "cverecıord"), ("fontcharþset", "fontcharþset"), ("asqædyfmubv", "asqædyfmubv"),
        ("deßtemined", "deßtemin"), ("mgetgroup中s", "mgetgroup中"), ("жvulnerabilities", "жvulner"),
        ("formatcontextelemłent", "formatcontextelemł"), ("opntđ", "opntđ"), ("paliv中oda", "paliv中oda"),
    ]

    @Test func stemsAsPagefindDidEveryStepAndException() {
        for (word, stem) in Self.table {
            #expect(EnglishStemmer.stem(word) == stem, "\(word)")
        }
        #expect(EnglishStemmer.stem("") == "")
    }

    /// Pagefind splits words at apostrophes, so its index cannot show these: they follow the
    /// algorithm (a leading apostrophe and a final 's, ' or 's' go before step 1a).
    @Test func apostrophesAsTheAlgorithmSays() {
        #expect(EnglishStemmer.stem("dog's") == "dog")
        #expect(EnglishStemmer.stem("dogs'") == "dog")
        #expect(EnglishStemmer.stem("'tis") == "tis")
        #expect(EnglishStemmer.stem("generations'") == "generat")
    }

    /// Pagefind indexes a page of the fixture's words and the table's; every word's stem in its
    /// index must be `EnglishStemmer`'s. Words of letters other than ASCII are ones Pagefind
    /// does not fold (ß, đ, ø, Cyrillic, Han…), so the word it stems is the word on the page.
    @Test func stemsEveryWordAsPagefindIndexesIt() throws {
        let binary = try #require(Pagefind.locate(environment: ProcessInfo.processInfo.environment))
        let list = try #require(FileIO.read(TestSupport.fixture("english-words.txt")))
        var words: [String] = []
        var seen: Set<String> = []
        for word in String(decoding: list, as: UTF8.self).split(separator: "\n").map(String.init) + Self.table.map(\.word)
        where seen.insert(word).inserted {
            words.append(word)
        }
        #expect(words.count > 5000)

        let site = TestSupport.temporaryFolder("stemmer")
        // Only the body is indexed with positions: word i of the paragraph is at position i.
        let page = "<!DOCTYPE html><html lang=\"en\"><head><title>t</title></head><body><p>"
            + words.joined(separator: " ") + "</p></body></html>"
        TestSupport.write(page, to: site + "/index.html")
        let (status, _, error) = try Pagefind.run(binary, ["--site", site, "--output-subdir", "pf", "--quiet"])
        #expect(status == 0, "\(error)")

        let stems = try Self.stemsByPosition(index: site + "/pf/index")
        var agreed = 0
        for (position, word) in words.enumerated() {
            let indexed = stems[position] ?? []
            // A word with _ is indexed whole and in its parts at its position; the algorithm
            // never takes off a _, so the whole word's stem is the one that holds it.
            let whole = word.contains("_") ? indexed.filter { $0.contains("_") } : indexed
            #expect(whole.count == 1, "\(word): \(indexed)")
            if whole == [EnglishStemmer.stem(word)] { agreed += 1 } else {
                Issue.record("\(word): Pagefind \(whole), EnglishStemmer \(EnglishStemmer.stem(word))")
            }
        }
        #expect(agreed == words.count)
    }

    /// Each position of the page's words and the stems Pagefind indexed there. An index chunk is
    /// `[[stem, [[page, locations, meta locations]...], [[variant, pages]...]]...]`; a word
    /// Pagefind folded is kept as a variant of its stem. In locations, -(w)-1 sets the weight of
    /// the next, absolute, position; other numbers are deltas from the last position.
    static func stemsByPosition(index folder: String) throws -> [Int: [String]] {
        var stems: [Int: [String]] = [:]
        let chunks = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".pf_index") }
        try #require(!chunks.isEmpty)
        for chunk in chunks {
            guard case .array(let outer)? = try PagefindOrder.decode(folder + "/" + chunk),
                  case .array(let entries)? = outer.first else { throw Malformed(chunk) }
            for entry in entries {
                guard case .array(let fields) = entry, fields.count >= 3, case .text(let stem) = fields[0],
                      case .array(var pages) = fields[1], case .array(let variants) = fields[2] else { throw Malformed(chunk) }
                for variant in variants {
                    guard case .array(let pair) = variant, pair.count == 2, case .array(let more) = pair[1] else { throw Malformed(chunk) }
                    pages += more
                }
                for page in pages {
                    guard case .array(let page) = page, page.count >= 2, case .array(let locations) = page[1] else { throw Malformed(chunk) }
                    var position = 0, weighted = false
                    for location in locations {
                        switch location {
                        case .negative: weighted = true
                        case .unsigned(let n):
                            position = weighted ? Int(n) : position + Int(n)
                            weighted = false
                            stems[position, default: []].append(String(decoding: stem, as: UTF8.self))
                        default: throw Malformed(chunk)
                        }
                    }
                }
            }
        }
        return stems
    }

    struct Malformed: Error {
        let chunk: String
        init(_ chunk: String) { self.chunk = chunk }
    }
}
