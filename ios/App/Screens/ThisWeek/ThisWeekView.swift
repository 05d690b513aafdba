// "This week": where access stands, the open module, the next unlock, the
// weekly check-in, messages waiting, reminder health, practice today, the
// summary offer, and where to turn.
import PainSchool
import SwiftUI
import UIKit

struct ThisWeekView: View {
    @Environment(\.strings) private var t
    @Environment(\.openURL) private var openURL
    @Environment(AppModel.self) private var app
    @State private var model: ThisWeekViewModel

    init(model: ThisWeekViewModel) {
        _model = State(initialValue: model)
    }

    var body: some View {
        let state = model.state
        ScrollView {
            VStack(alignment: .leading, spacing: Theme.gap) {
                if let problem = state.problem {
                    ProblemBanner(problem: problem) { model.send(.refresh) }
                }
                if state.isLoading {
                    LoadingView()
                }
                if let week = state.week {
                    header(week)
                    access(week.access)
                    if let current = week.current {
                        currentModule(current)
                    }
                    if let next = week.nextUnlock {
                        nextUnlock(next)
                    }
                    if week.checkInDue, let checkIn = state.checkInSectionId {
                        checkInCard(checkIn)
                    }
                }
                if app.sync.unreadMessages > 0 {
                    messagesCard(app.sync.unreadMessages)
                }
                if let health = state.health {
                    reminderHealth(health, asking: state.isAskingPermission)
                }
                practice(state.practice)
                if let offer = state.offer, offer.reason != nil {
                    summaryOffer(offer)
                }
                syncLine
                WhereToTurnView()
            }
            .padding(Theme.gap)
        }
        .navigationTitle(t("tab.week"))
        .refreshable { await model.refresh() }
        .onAppear { model.send(.appeared) }
        .onDisappear { model.send(.disappeared) }
        .onChange(of: app.notifications.permissionRevision) { _, _ in
            model.send(.reloadHealth)
        }
    }

    // MARK: Parts

    private func header(_ week: ThisWeek) -> some View {
        VStack(alignment: .leading, spacing: 4) {
            if week.courseWeek > 0 {
                Text(t.format("week.courseWeek", Int(week.courseWeek)))
                    .font(.title2.bold())
                    .accessibilityAddTraits(.isHeader)
            }
            Text(t.isoDate(week.today))
            Text(t.format("week.progress", Int(week.modulesFinished), Int(week.modulesTotal)))
        }
    }

    @ViewBuilder
    private func access(_ access: Access) -> some View {
        switch access {
        case let .notStarted(startsAt):
            Text(t.format("week.notStarted", t.date(startsAt)))
                .card()
        case let .active(_, daysLeft, endingSoon):
            if endingSoon {
                VStack(alignment: .leading, spacing: 12) {
                    Label(t.format("week.endingSoon", Int(daysLeft)), systemImage: "hourglass")
                        .font(.headline)
                    NavigationLink(value: Destination.access) {
                        Text(t("week.endingSoon.more"))
                    }
                    .buttonStyle(SecondaryButtonStyle())
                }
                .card()
            }
        case let .ended(_, graceUntil):
            VStack(alignment: .leading, spacing: 12) {
                Label(t("week.ended"), systemImage: "lock")
                    .font(.headline)
                Text(t.format("week.ended.grace", t.date(graceUntil)))
                    .fixedSize(horizontal: false, vertical: true)
                NavigationLink(value: Destination.access) {
                    Text(t("week.ended.more"))
                }
                .buttonStyle(PrimaryButtonStyle())
            }
            .card()
        }
    }

    private func currentModule(_ module: ModuleCard) -> some View {
        VStack(alignment: .leading, spacing: 12) {
            Text(t.format("module.number", Int(module.number)))
                .font(.subheadline.weight(.semibold))
            Text(module.title)
                .font(.title3.bold())
                .accessibilityAddTraits(.isHeader)
            Text(module.summary)
                .fixedSize(horizontal: false, vertical: true)
            ModuleProgressView(progress: module.progress)
            NavigationLink(value: Destination.module(module.id)) {
                Text(module.progress.sectionsDone == 0 ? t("week.start") : t("week.continue"))
            }
            .buttonStyle(PrimaryButtonStyle())
        }
        .card()
    }

    private func nextUnlock(_ next: NextUnlock) -> some View {
        Label(t.format("week.nextUnlock", Int(next.number), t.isoDate(next.opensOn)), systemImage: "calendar")
            .fixedSize(horizontal: false, vertical: true)
            .card()
    }

    private func checkInCard(_ sectionId: String) -> some View {
        VStack(alignment: .leading, spacing: 12) {
            Label(t("week.checkIn"), systemImage: "checklist")
                .font(.headline)
            Text(t("week.checkIn.body"))
                .fixedSize(horizontal: false, vertical: true)
            NavigationLink(value: Destination.section(sectionId)) {
                Text(t("week.checkIn.open"))
            }
            .buttonStyle(SecondaryButtonStyle())
        }
        .card()
    }

    private func messagesCard(_ unread: Int) -> some View {
        Button {
            app.router.tab = .messages
        } label: {
            Label(t.format("week.unread", unread), systemImage: "envelope.badge")
                .frame(maxWidth: .infinity, minHeight: Theme.touchTarget, alignment: .leading)
        }
        .card()
        .accessibilityHint(t("week.unread.hint"))
    }

    private func reminderHealth(_ health: ReminderHealth, asking: Bool) -> some View {
        VStack(alignment: .leading, spacing: 12) {
            if let message = health.message {
                Label(message, systemImage: "bell.slash")
                    .fixedSize(horizontal: false, vertical: true)
            } else if let next = health.nextAtLocal {
                Label(t.format("week.nextReminder", t.isoDateTime(next)), systemImage: "bell")
                    .fixedSize(horizontal: false, vertical: true)
            }
            switch health.action {
            case .none:
                EmptyView()
            case .askPermission:
                Button(t("reminders.allow")) { model.send(.askPermission) }
                    .buttonStyle(SecondaryButtonStyle())
                    .disabled(asking)
            case .openSystemSettings:
                Button(t("reminders.openSystemSettings")) {
                    if let url = URL(string: UIApplication.openNotificationSettingsURLString) {
                        openURL(url)
                    }
                }
                .buttonStyle(SecondaryButtonStyle())
            case .openReminderSettings:
                Button(t("reminders.openAppSettings")) {
                    app.router.tab = .settings
                }
                .buttonStyle(SecondaryButtonStyle())
            }
        }
        .card()
    }

    private func practice(_ practice: PracticeToday?) -> some View {
        VStack(alignment: .leading, spacing: 12) {
            Label(t("week.mindfulness"), systemImage: "leaf")
                .font(.headline)
            if let practice {
                Text(t.format("week.mindfulness.today", Int(practice.minutes)))
            }
            NavigationLink(value: Destination.mindfulness) {
                Text(t("week.mindfulness.open"))
            }
            .buttonStyle(SecondaryButtonStyle())
        }
        .card()
    }

    private func summaryOffer(_ offer: SummaryOffer) -> some View {
        VStack(alignment: .leading, spacing: 12) {
            Label(t("summary.offer.title"), systemImage: "doc.richtext")
                .font(.headline)
            if offer.reason == .accessEnded, let until = offer.until {
                Text(t.format("summary.offer.until", t.date(until)))
                    .fixedSize(horizontal: false, vertical: true)
            } else {
                Text(t("summary.offer.lastModule"))
                    .fixedSize(horizontal: false, vertical: true)
            }
            NavigationLink(value: Destination.summary) {
                Text(t("summary.offer.open"))
            }
            .buttonStyle(PrimaryButtonStyle())
        }
        .card()
    }

    @ViewBuilder
    private var syncLine: some View {
        if let state = app.sync.state {
            switch state.activity {
            case .idle:
                if let last = state.lastSuccess {
                    Text(t.format("sync.last", t.dateTime(last)))
                        .font(.footnote)
                }
            case let .syncing(sent, total):
                Text(t.format("sync.syncing", Int(sent), Int(total)))
                    .font(.footnote)
            case .offline:
                Label(t("sync.offline"), systemImage: "wifi.slash")
                    .font(.footnote)
            case .error:
                Label(t("sync.error"), systemImage: "exclamationmark.icloud")
                    .font(.footnote)
            }
        }
    }
}

/// A module's progress: a bar and "3 of 6 parts done".
struct ModuleProgressView: View {
    @Environment(\.strings) var t
    let progress: ModuleProgress

    var body: some View {
        let label = progress.finished
            ? t("module.finished")
            : t.format("module.progress", Int(progress.sectionsDone), Int(progress.sectionsTotal))
        VStack(alignment: .leading, spacing: 4) {
            ProgressView(value: Double(progress.sectionsDone), total: Double(max(progress.sectionsTotal, 1)))
                .tint(Theme.accent)
                .accessibilityHidden(true)
            Text(label)
                .font(.subheadline)
        }
        .accessibilityElement(children: .ignore)
        .accessibilityLabel(label)
    }
}

#Preview("This week, first week") {
    let app = AppModel.preview(.firstWeek)
    let client = FakeCourseClient(.firstWeek)
    return NavigationStack {
        ThisWeekView(model: ThisWeekViewModel(
            client: client, permission: { .notAsked }, requestPermission: {}, syncNow: {}))
    }
    .environment(app)
}

#Preview("This week, access ending, large text") {
    let app = AppModel.preview(.accessEnding)
    let client = FakeCourseClient(.accessEnding, language: .english)
    return NavigationStack {
        ThisWeekView(model: ThisWeekViewModel(
            client: client, permission: { .denied }, requestPermission: {}, syncNow: {}))
    }
    .environment(app)
    .environment(\.strings, Strings(language: .english))
    .dynamicTypeSize(.accessibility2)
}

#Preview("This week, failing") {
    let app = AppModel.preview(.failing)
    return NavigationStack {
        ThisWeekView(model: ThisWeekViewModel(
            client: FakeCourseClient(.failing), permission: { .allowed }, requestPermission: {}, syncNow: {}))
    }
    .environment(app)
}
