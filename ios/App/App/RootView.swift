// The root: what the app shows while it opens the course, waits for the
// first unlock, cannot open, needs activation, or runs; and the four tabs
// with their navigation stacks. The course language, the patient's text
// size and the accent colour are set here for everything below.
import PainSchool
import SwiftUI

struct RootView: View {
    @Environment(AppModel.self) var app

    var body: some View {
        Group {
            switch app.phase {
            case .opening:
                LoadingView()
            case .waitingForUnlock:
                WaitingForUnlockView()
            case let .cannotOpen(problem):
                CannotOpenView(problem: problem) {
                    Task { await app.open() }
                }
            case .needsActivation:
                if let client = app.client {
                    ActivationView(client: client, link: app.pendingActivation) {
                        await app.activated()
                    }
                }
            case .ready:
                if let client = app.client {
                    MainTabs(client: client)
                }
            }
        }
        .environment(\.strings, app.strings)
        .environment(\.locale, app.strings.locale)
        .dynamicTypeSize(app.textSize.dynamicTypeRange)
        .tint(Theme.accent)
    }
}

/// The four tabs. Every screen is made here with what it needs from the
/// app (the client, sync after a write, the player), so each screen's
/// model stays a plain view model over `CourseClient`.
struct MainTabs: View {
    @Environment(AppModel.self) var app
    @Environment(\.strings) var t
    let client: CourseClient

    var body: some View {
        TabView(selection: Binding(get: { app.router.tab }, set: { app.router.tab = $0 })) {
            NavigationStack(path: Binding(get: { app.router.weekPath }, set: { app.router.weekPath = $0 })) {
                ThisWeekView(model: ThisWeekViewModel(
                    client: client,
                    permission: { [notifications = app.notifications] in await notifications.permission() },
                    requestPermission: { [notifications = app.notifications] in await notifications.requestPermission() },
                    syncNow: { [sync = app.sync] in await sync.syncNow(reason: .manual) }))
                    .navigationDestination(for: Destination.self) { screen($0) }
            }
            .tabItem { Label(t("tab.week"), systemImage: "house") }
            .tag(Router.Tab.week)

            NavigationStack(path: Binding(get: { app.router.coursePath }, set: { app.router.coursePath = $0 })) {
                ModulesView(model: ModulesViewModel(client: client))
                    .navigationDestination(for: Destination.self) { screen($0) }
            }
            .tabItem { Label(t("tab.course"), systemImage: "book") }
            .tag(Router.Tab.course)

            NavigationStack {
                MessagesView(model: MessagesViewModel(client: client, afterWrite: app.sync.afterWrite))
            }
            .tabItem { Label(t("tab.messages"), systemImage: "envelope") }
            .badge(app.sync.unreadMessages)
            .tag(Router.Tab.messages)

            NavigationStack(path: Binding(get: { app.router.settingsPath }, set: { app.router.settingsPath = $0 })) {
                SettingsView(model: SettingsViewModel(
                    client: client, afterWrite: app.sync.afterWrite, preferencesChanged: app.apply))
                    .navigationDestination(for: Destination.self) { screen($0) }
            }
            .tabItem { Label(t("tab.settings"), systemImage: "gearshape") }
            .tag(Router.Tab.settings)
        }
    }

    @ViewBuilder
    private func screen(_ destination: Destination) -> some View {
        switch destination {
        case .modules:
            ModulesView(model: ModulesViewModel(client: client))
        case let .module(id):
            ModuleView(model: ModuleViewModel(client: client, moduleId: id))
        case let .section(id):
            ReaderView(model: ReaderViewModel(client: client, sectionId: id, afterWrite: app.sync.afterWrite))
        case let .player(sectionId, title):
            PlayerView(model: PlayerViewModel(
                client: client, sectionId: sectionId, title: title,
                session: app.playerAndSession, afterWrite: app.sync.afterWrite))
        case .mindfulness:
            MindfulnessView(model: MindfulnessViewModel(client: client))
        case .summary:
            SummaryView(model: SummaryViewModel(
                client: client, fileName: t("summary.fileName"), jobName: t("summary.jobName")))
        case .access:
            AccessView(model: AccessViewModel(client: client))
        case .visits:
            VisitsView(model: VisitsViewModel(client: client))
        }
    }
}

/// Before the first unlock after a restart nothing can be read; the app
/// waits and opens by itself once the phone is unlocked.
struct WaitingForUnlockView: View {
    @Environment(\.strings) var t

    var body: some View {
        VStack(spacing: Theme.gap) {
            Image(systemName: "lock.iphone")
                .font(.system(size: 56))
                .foregroundStyle(Theme.accent)
                .accessibilityHidden(true)
            Text(t("unlock.title"))
                .font(.title2.bold())
                .multilineTextAlignment(.center)
                .accessibilityAddTraits(.isHeader)
            Text(t("unlock.body"))
                .multilineTextAlignment(.center)
                .fixedSize(horizontal: false, vertical: true)
        }
        .padding(Theme.gap)
    }
}

/// The course could not be opened. Nothing is deleted from here.
struct CannotOpenView: View {
    @Environment(\.strings) var t
    let problem: AppModel.OpenProblem
    let retry: () -> Void

    var body: some View {
        ScrollView {
            VStack(alignment: .leading, spacing: Theme.gap) {
                Text(t("open.failed.title"))
                    .font(.title2.bold())
                    .accessibilityAddTraits(.isHeader)
                Text(message)
                    .fixedSize(horizontal: false, vertical: true)
                Button(t("action.retry"), action: retry)
                    .buttonStyle(PrimaryButtonStyle())
                WhereToTurnView()
            }
            .padding(Theme.gap)
        }
    }

    private var message: String {
        switch problem {
        case .keyMissing: return t("open.failed.keyMissing")
        case .wrongKey: return t("open.failed.wrongKey")
        case .damaged: return t("open.failed.damaged")
        case .tooNew: return t("open.failed.tooNew")
        case .contentBroken: return t("open.failed.contentBroken")
        case .storageFull: return t("problem.storageFull")
        case .unexpected: return t("problem.unexpected")
        }
    }
}

#Preview("App, first week") {
    let app = AppModel.preview(.firstWeek)
    return RootView()
        .environment(app)
        .task { await app.open() }
}

#Preview("App, not activated, English") {
    let app = AppModel.preview(.notActivated, language: .english)
    return RootView()
        .environment(app)
        .task { await app.open() }
}

#Preview("Waiting for the first unlock") {
    WaitingForUnlockView()
}
