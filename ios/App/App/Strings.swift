// The app's own texts in the course language. The patient picks the
// language in the app (Preferences.language, synced by the core), and the
// core's texts (titles, reminders, the safety line) follow it, so the app's
// texts follow it too instead of the phone's language: they are read from
// the matching `sv.lproj` / `en.lproj` Localizable.strings. Dates and times
// are formatted in the same language.
import Foundation
import PainSchool
import SwiftUI

struct Strings: Equatable {
    let language: Language
    private let bundle: Bundle

    init(language: Language) {
        self.language = language
        if let path = Bundle.main.path(forResource: language.code, ofType: "lproj"),
           let localized = Bundle(path: path) {
            bundle = localized
        } else {
            bundle = Bundle.main
        }
    }

    static func == (a: Strings, b: Strings) -> Bool { a.language == b.language }

    /// The text for `key`. A missing key shows as the key in brackets, so
    /// it is seen in review; scripts/ios_strings_check.py fails the build
    /// on one.
    func callAsFunction(_ key: String) -> String {
        bundle.localizedString(forKey: key, value: "[\(key)]", table: nil)
    }

    /// The text for `key` with its `%@` / `%d` placeholders filled in.
    func format(_ key: String, _ arguments: CVarArg...) -> String {
        String(format: self(key), locale: locale, arguments: arguments)
    }

    var locale: Locale {
        Locale(identifier: language == .english ? "en_GB" : "sv_SE")
    }

    // MARK: Dates and times (formatting only; the core computes them)

    /// "9 november 2026" / "9 November 2026".
    func date(_ date: Date) -> String {
        let f = DateFormatter()
        f.locale = locale
        f.dateStyle = .long
        f.timeStyle = .none
        return f.string(from: date)
    }

    /// "9 nov. 2026 10:00".
    func dateTime(_ date: Date) -> String {
        let f = DateFormatter()
        f.locale = locale
        f.dateStyle = .medium
        f.timeStyle = .short
        return f.string(from: date)
    }

    /// A weekday and date: "måndag 9 november".
    func dayAndDate(_ date: Date) -> String {
        let f = DateFormatter()
        f.locale = locale
        f.setLocalizedDateFormatFromTemplate("EEEEdMMMM")
        return f.string(from: date)
    }

    /// A local date from the core (`2026-11-09`), written out; the ISO text
    /// itself if it does not read.
    func isoDate(_ iso: String) -> String {
        writtenISO(iso, pattern: "yyyy-MM-dd", template: "EEEEdMMMM")
    }

    /// A local date-time from the core (`2026-11-09T10:00`), written out.
    func isoDateTime(_ iso: String) -> String {
        writtenISO(iso, pattern: "yyyy-MM-dd'T'HH:mm", template: "EEEEdMMMMHHmm")
    }

    /// A local ISO text from the core read with `pattern` (as UTC, so no
    /// zone shifts it) and written out in the course language with
    /// `template`; the text itself if it does not read.
    private func writtenISO(_ iso: String, pattern: String, template: String) -> String {
        guard let parsed = Self.isoParser(pattern).date(from: iso) else { return iso }
        let f = DateFormatter()
        f.locale = locale
        f.timeZone = TimeZone(identifier: "UTC")
        f.setLocalizedDateFormatFromTemplate(template)
        return f.string(from: parsed)
    }

    /// A wall-clock time: "10:00".
    func time(_ t: LocalTime) -> String {
        String(format: "%02ld:%02ld", Int(t.hour), Int(t.minute))
    }

    /// A position or length: "4:12".
    func minutesSeconds(ms: UInt64) -> String {
        let seconds = Int(ms / 1_000)
        return String(format: "%ld:%02ld", seconds / 60, seconds % 60)
    }

    /// A position or length for VoiceOver: "4 minuter 12 sekunder".
    func spokenDuration(ms: UInt64) -> String {
        let seconds = Int(ms / 1_000)
        return format("duration.spoken", seconds / 60, seconds % 60)
    }

    private static func isoParser(_ format: String) -> DateFormatter {
        let f = DateFormatter()
        f.calendar = Calendar(identifier: .gregorian)
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = format
        return f
    }

    /// The language to show before the course exists (activation): the
    /// phone's, if it is English, else Swedish (the course's default).
    static var deviceLanguage: Language {
        let first = Locale.preferredLanguages.first ?? "sv"
        return first.hasPrefix("en") ? .english : .swedish
    }
}

extension Language {
    /// The `.lproj` folder and BCP 47 code.
    var code: String { self == .english ? "en" : "sv" }
}

private struct StringsKey: EnvironmentKey {
    static let defaultValue = Strings(language: .swedish)
}

extension EnvironmentValues {
    /// The app's texts in the course language.
    var strings: Strings {
        get { self[StringsKey.self] }
        set { self[StringsKey.self] = newValue }
    }
}
