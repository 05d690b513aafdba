// STOPGAP: the sections of a module, read from the content bundle's
// manifests. The bindings export no "sections of a module" call yet
// (`Course.open_section` records the section as read, so it cannot be used
// to list them). Until the core exports one (proposed:
// `Course.sections(module_id) -> [SectionCard]`), this reads only the ids,
// kinds and titles that `course.toml` and each `module.toml` declare, in
// their order; everything else (locks, progress, content) still comes from
// the core. Delete this file when the export exists.
import Foundation
import PainSchoolCore

struct SectionIndex: Sendable {
    /// The content bundle the core was opened with.
    let bundleDir: URL

    /// The sections of `moduleId` in course order, titled in `language`.
    func sections(moduleId: String, language: Language) throws -> [SectionSummary] {
        guard let dir = try moduleDirectory(moduleId) else {
            throw CourseError.NotFound(kind: "module", id: moduleId)
        }
        let manifest = bundleDir
            .appendingPathComponent(dir, isDirectory: true)
            .appendingPathComponent("module.toml", isDirectory: false)
        let text = try String(contentsOf: manifest, encoding: .utf8)
        return Self.parseSections(text, language: language)
    }

    /// The module's folder from `course.toml` (`[[modules]]` with `id` and `dir`).
    private func moduleDirectory(_ moduleId: String) throws -> String? {
        let text = try String(
            contentsOf: bundleDir.appendingPathComponent("course.toml", isDirectory: false),
            encoding: .utf8)
        var inModule = false
        var id: String?
        var dir: String?
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("[") {
                if inModule, id == moduleId, let dir {
                    return dir
                }
                inModule = line == "[[modules]]"
                id = nil
                dir = nil
                continue
            }
            guard inModule, let entry = Self.value(line) else { continue }
            if entry.key == "id" { id = Self.basicString(entry.rest)?.value }
            if entry.key == "dir" { dir = Self.basicString(entry.rest)?.value }
        }
        if inModule, id == moduleId, let dir {
            return dir
        }
        return nil
    }

    /// The `[[sections]]` tables of a module manifest: their own `id`,
    /// `kind` and `title` (the keys before any sub-table such as
    /// `[[sections.questions]]`).
    static func parseSections(_ text: String, language: Language) -> [SectionSummary] {
        let code = language == .english ? "en" : "sv"
        var result: [SectionSummary] = []
        var pending = false
        var collecting = false
        var id: String?
        var kind: String?
        var title: String?

        func finish() {
            if pending, let id, let kind {
                result.append(SectionSummary(id: id, kind: kind, title: title ?? id))
            }
        }

        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("[") {
                if line == "[[sections]]" {
                    finish()
                    pending = true
                    collecting = true
                    id = nil
                    kind = nil
                    title = nil
                } else if !line.hasPrefix("[[sections.") {
                    finish()
                    pending = false
                    collecting = false
                } else {
                    collecting = false
                }
                continue
            }
            guard collecting, let entry = Self.value(line) else { continue }
            switch entry.key {
            case "id":
                id = Self.basicString(entry.rest)?.value
            case "kind":
                kind = Self.basicString(entry.rest)?.value
            case "title":
                if let plain = Self.basicString(entry.rest) {
                    title = plain.value
                } else if let table = Self.inlineTable(entry.rest) {
                    title = table[code] ?? table["sv"]
                }
            default:
                break
            }
        }
        finish()
        return result
    }

    /// `key = rest` of one line, or nil for anything else.
    static func value(_ line: String) -> (key: String, rest: Substring)? {
        let key = line.prefix(while: { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" })
        guard !key.isEmpty else { return nil }
        let afterKey = line.dropFirst(key.count).drop(while: { $0 == " " || $0 == "\t" })
        guard afterKey.first == "=" else { return nil }
        return (String(key), afterKey.dropFirst().drop(while: { $0 == " " || $0 == "\t" }))
    }

    /// A TOML basic string at the start of `s`, and what follows it.
    static func basicString(_ s: Substring) -> (value: String, rest: Substring)? {
        guard s.first == "\"" else { return nil }
        var out = ""
        var index = s.index(after: s.startIndex)
        while index < s.endIndex {
            let c = s[index]
            index = s.index(after: index)
            if c == "\"" {
                return (out, s[index...])
            }
            guard c == "\\" else {
                out.append(c)
                continue
            }
            guard index < s.endIndex else { return nil }
            let escape = s[index]
            index = s.index(after: index)
            switch escape {
            case "n":
                out.append("\n")
            case "t":
                out.append("\t")
            case "u", "U":
                let digits = escape == "u" ? 4 : 8
                guard let end = s.index(index, offsetBy: digits, limitedBy: s.endIndex),
                      let code = UInt32(s[index..<end], radix: 16),
                      let scalar = Unicode.Scalar(code) else { return nil }
                out.unicodeScalars.append(scalar)
                index = end
            default:
                out.append(escape)
            }
        }
        return nil
    }

    /// A one-line inline table of strings: `{ sv = "…", en = "…" }`.
    static func inlineTable(_ s: Substring) -> [String: String]? {
        guard s.first == "{" else { return nil }
        var rest = s.dropFirst()
        var table: [String: String] = [:]
        while !rest.isEmpty {
            rest = rest.drop(while: { $0 == " " || $0 == "\t" || $0 == "," })
            if rest.first == "}" {
                return table
            }
            let key = rest.prefix(while: { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" })
            guard !key.isEmpty else { return nil }
            rest = rest.dropFirst(key.count).drop(while: { $0 == " " || $0 == "\t" })
            guard rest.first == "=" else { return nil }
            rest = rest.dropFirst().drop(while: { $0 == " " || $0 == "\t" })
            guard let parsed = basicString(rest) else { return nil }
            table[String(key)] = parsed.value
            rest = parsed.rest
        }
        return nil
    }
}
