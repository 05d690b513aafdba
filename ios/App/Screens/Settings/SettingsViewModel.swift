// Settings: the reminder settings (the module day and time, the daily
// practice reminder, quiet hours, nudges, message alerts; synced, and
// checked by the core: a time inside the quiet hours is refused and
// nothing is saved), the language, the text size and the name printed on
// the summary.
import Foundation
import Observation
import PainSchool

@MainActor
@Observable
final class SettingsViewModel {
    struct State: Equatable {
        var preferences: Preferences?
        var reminders: ReminderSettings?
        /// The name as typed; saved when the field is left.
        var displayName = ""
        var problem: Problem?
        /// The last reminder change was refused (nothing saved).
        var reminderRefused = false
        var isLoading = true
        var contentVersion = ""
    }

    enum Event {
        case appeared
        case retry
        case language(Language)
        case textSize(TextSize)
        case displayNameChanged(String)
        case displayNameCommitted
        case moduleReminders(Bool)
        case moduleWeekday(Weekday?)
        case moduleTime(LocalTime)
        case practice(Bool)
        case practiceTime(LocalTime)
        case quietHours(Bool)
        case quietStart(LocalTime)
        case quietEnd(LocalTime)
        case nudges(Bool)
        case messageAlerts(Bool)
    }

    /// The practice reminder's time when it is turned on.
    static let defaultPracticeTime = LocalTime(hour: 19, minute: 0)
    /// Quiet hours when they are turned on (the core's default).
    static let defaultQuietHours = QuietHours(start: LocalTime(hour: 21, minute: 0), end: LocalTime(hour: 8, minute: 0))

    private(set) var state = State()
    private let client: CourseClient
    private let afterWrite: @MainActor () -> Void
    private let preferencesChanged: @MainActor (Preferences) -> Void

    init(
        client: CourseClient,
        afterWrite: @escaping @MainActor () -> Void,
        preferencesChanged: @escaping @MainActor (Preferences) -> Void
    ) {
        self.client = client
        self.afterWrite = afterWrite
        self.preferencesChanged = preferencesChanged
    }

    func send(_ event: Event) {
        switch event {
        case .appeared, .retry:
            Task { await load() }
        case let .language(language):
            updatePreferences { $0.language = language }
        case let .textSize(size):
            updatePreferences { $0.textSize = size }
        case let .displayNameChanged(name):
            state.displayName = name
        case .displayNameCommitted:
            let name = state.displayName.trimmingCharacters(in: .whitespacesAndNewlines)
            updatePreferences { $0.displayName = name.isEmpty ? nil : name }
        case let .moduleReminders(on):
            updateReminders { $0.moduleReminders = on }
        case let .moduleWeekday(day):
            updateReminders { $0.moduleWeekday = day }
        case let .moduleTime(time):
            updateReminders { $0.moduleTime = time }
        case let .practice(on):
            updateReminders { $0.practiceTime = on ? ($0.practiceTime ?? Self.defaultPracticeTime) : nil }
        case let .practiceTime(time):
            updateReminders { $0.practiceTime = time }
        case let .quietHours(on):
            updateReminders { $0.quietHours = on ? ($0.quietHours ?? Self.defaultQuietHours) : nil }
        case let .quietStart(time):
            updateReminders { $0.quietHours?.start = time }
        case let .quietEnd(time):
            updateReminders { $0.quietHours?.end = time }
        case let .nudges(on):
            updateReminders { $0.nudges = on }
        case let .messageAlerts(on):
            updateReminders { $0.messageAlerts = on }
        }
    }

    private func load() async {
        state.contentVersion = client.contentVersion()
        do {
            let preferences = try await client.preferences()
            state.preferences = preferences
            state.displayName = preferences.displayName ?? ""
            state.reminders = try await client.reminderSettings()
            state.problem = nil
        } catch {
            state.problem = Problem(error)
        }
        state.isLoading = false
    }

    private func updatePreferences(_ change: (inout Preferences) -> Void) {
        guard var next = state.preferences else { return }
        change(&next)
        guard next != state.preferences else { return }
        Task {
            do {
                try await client.setPreferences(next)
                state.preferences = next
                state.problem = nil
                preferencesChanged(next)
                afterWrite()
            } catch {
                state.problem = Problem(error)
            }
        }
    }

    private func updateReminders(_ change: (inout ReminderSettings) -> Void) {
        guard var next = state.reminders else { return }
        change(&next)
        guard next != state.reminders else { return }
        Task {
            do {
                try await client.setReminderSettings(next)
                state.reminders = next
                state.reminderRefused = false
                afterWrite()
            } catch CourseError.InvalidInput {
                // A time inside the quiet hours: the core saved nothing,
                // the form shows the settings as they are.
                state.reminderRefused = true
            } catch {
                state.problem = Problem(error)
            }
        }
    }
}
