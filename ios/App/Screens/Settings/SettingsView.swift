// Settings: reminders (module day and time, daily practice, quiet hours,
// nudges, message alerts), language, text size, the name on the summary.
import PainSchool
import SwiftUI

struct SettingsView: View {
    @Environment(\.strings) private var t
    @State private var model: SettingsViewModel
    @FocusState private var editingName: Bool

    init(model: SettingsViewModel) {
        _model = State(initialValue: model)
    }

    var body: some View {
        let state = model.state
        Form {
            if let problem = state.problem {
                ProblemBanner(problem: problem) { model.send(.retry) }
            }
            if state.isLoading {
                LoadingView()
            }
            if let reminders = state.reminders {
                reminderSection(reminders, refused: state.reminderRefused)
            }
            if let preferences = state.preferences {
                readingSection(preferences)
                Section {
                    TextField(t("settings.displayName.placeholder"), text: Binding(
                        get: { model.state.displayName },
                        set: { model.send(.displayNameChanged($0)) }))
                        .focused($editingName)
                        .textContentType(.name)
                        .submitLabel(.done)
                        .onSubmit { model.send(.displayNameCommitted) }
                        .frame(minHeight: Theme.touchTarget)
                        .accessibilityLabel(t("settings.displayName"))
                } header: {
                    Text(t("settings.displayName"))
                } footer: {
                    Text(t("settings.displayName.footer"))
                }
            }
            Section(t("settings.about")) {
                LabeledContent(t("settings.contentVersion"), value: state.contentVersion)
            }
        }
        .navigationTitle(t("tab.settings"))
        .onAppear { model.send(.appeared) }
        .onChange(of: editingName) { _, editing in
            if !editing {
                model.send(.displayNameCommitted)
            }
        }
    }

    private func reminderSection(_ r: ReminderSettings, refused: Bool) -> some View {
        Section {
            Toggle(t("settings.moduleReminders"), isOn: Binding(
                get: { r.moduleReminders }, set: { model.send(.moduleReminders($0)) }))
                .frame(minHeight: Theme.touchTarget)
            if r.moduleReminders {
                Picker(t("settings.moduleWeekday"), selection: Binding(
                    get: { r.moduleWeekday }, set: { model.send(.moduleWeekday($0)) })
                ) {
                    Text(t("settings.moduleWeekday.openingDay")).tag(Weekday?.none)
                    ForEach(Self.weekdays, id: \.self) { day in
                        Text(weekdayName(day)).tag(Optional(day))
                    }
                }
                .frame(minHeight: Theme.touchTarget)
                DatePicker(
                    t("settings.moduleTime"),
                    selection: timeBinding(r.moduleTime) { model.send(.moduleTime($0)) },
                    displayedComponents: .hourAndMinute)
                    .frame(minHeight: Theme.touchTarget)
            }
            Toggle(t("settings.practice"), isOn: Binding(
                get: { r.practiceTime != nil }, set: { model.send(.practice($0)) }))
                .frame(minHeight: Theme.touchTarget)
            if let practice = r.practiceTime {
                DatePicker(
                    t("settings.practiceTime"),
                    selection: timeBinding(practice) { model.send(.practiceTime($0)) },
                    displayedComponents: .hourAndMinute)
                    .frame(minHeight: Theme.touchTarget)
            }
            Toggle(t("settings.quietHours"), isOn: Binding(
                get: { r.quietHours != nil }, set: { model.send(.quietHours($0)) }))
                .frame(minHeight: Theme.touchTarget)
            if let quiet = r.quietHours {
                DatePicker(
                    t("settings.quietStart"),
                    selection: timeBinding(quiet.start) { model.send(.quietStart($0)) },
                    displayedComponents: .hourAndMinute)
                    .frame(minHeight: Theme.touchTarget)
                DatePicker(
                    t("settings.quietEnd"),
                    selection: timeBinding(quiet.end) { model.send(.quietEnd($0)) },
                    displayedComponents: .hourAndMinute)
                    .frame(minHeight: Theme.touchTarget)
            }
            Toggle(t("settings.nudges"), isOn: Binding(
                get: { r.nudges }, set: { model.send(.nudges($0)) }))
                .frame(minHeight: Theme.touchTarget)
            Toggle(t("settings.messageAlerts"), isOn: Binding(
                get: { r.messageAlerts }, set: { model.send(.messageAlerts($0)) }))
                .frame(minHeight: Theme.touchTarget)
            if refused {
                Label(t("settings.reminders.refused"), systemImage: "exclamationmark.triangle")
                    .foregroundStyle(Theme.warning)
                    .fixedSize(horizontal: false, vertical: true)
            }
        } header: {
            Text(t("settings.reminders"))
        } footer: {
            Text(t("settings.reminders.footer"))
        }
    }

    private func readingSection(_ p: Preferences) -> some View {
        Section(t("settings.reading")) {
            Picker(t("settings.language"), selection: Binding(
                get: { p.language }, set: { model.send(.language($0)) })
            ) {
                // Each language in its own words.
                Text("Svenska").tag(Language.swedish)
                Text("English").tag(Language.english)
            }
            .frame(minHeight: Theme.touchTarget)
            Picker(t("settings.textSize"), selection: Binding(
                get: { p.textSize }, set: { model.send(.textSize($0)) })
            ) {
                Text(t("settings.textSize.standard")).tag(TextSize.standard)
                Text(t("settings.textSize.large")).tag(TextSize.large)
                Text(t("settings.textSize.extraLarge")).tag(TextSize.extraLarge)
            }
            .frame(minHeight: Theme.touchTarget)
        }
    }

    private static let weekdays: [Weekday] = [.monday, .tuesday, .wednesday, .thursday, .friday, .saturday, .sunday]

    private func weekdayName(_ day: Weekday) -> String {
        switch day {
        case .monday: return t("weekday.monday")
        case .tuesday: return t("weekday.tuesday")
        case .wednesday: return t("weekday.wednesday")
        case .thursday: return t("weekday.thursday")
        case .friday: return t("weekday.friday")
        case .saturday: return t("weekday.saturday")
        case .sunday: return t("weekday.sunday")
        }
    }

    /// A wall-clock time as the date picker's `Date` (today at that time).
    private func timeBinding(_ time: LocalTime, set: @escaping (LocalTime) -> Void) -> Binding<Date> {
        Binding(
            get: {
                Calendar.current.date(
                    bySettingHour: Int(time.hour), minute: Int(time.minute), second: 0, of: Date()) ?? Date()
            },
            set: { date in
                let parts = Calendar.current.dateComponents([.hour, .minute], from: date)
                set(LocalTime(hour: UInt8(clamping: parts.hour ?? 0), minute: UInt8(clamping: parts.minute ?? 0)))
            })
    }
}

#Preview("Settings") {
    NavigationStack {
        SettingsView(model: SettingsViewModel(
            client: FakeCourseClient(.midCourse), afterWrite: {}, preferencesChanged: { _ in }))
    }
    .environment(AppModel.preview(.midCourse))
}

#Preview("Settings, English, large text") {
    NavigationStack {
        SettingsView(model: SettingsViewModel(
            client: FakeCourseClient(.midCourse, language: .english), afterWrite: {}, preferencesChanged: { _ in }))
    }
    .environment(AppModel.preview(.midCourse, language: .english))
    .environment(\.strings, Strings(language: .english))
    .dynamicTypeSize(.accessibility2)
}
