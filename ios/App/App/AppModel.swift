// The app's root state: opening the course, waiting for the first unlock,
// activation, the running course, and starting over after a wipe. It owns
// the services that outlive a screen: sync, notifications, the player and
// its audio session, and the router. No course rules here: the core
// decides; this file reacts to its answers.
import Foundation
import Observation
import PainSchool
import UIKit

@MainActor
@Observable
final class AppModel {
    enum Phase: Equatable {
        case opening
        /// The phone has not been unlocked since it started: the key and
        /// the files cannot be read. Nothing is created; opening runs again
        /// once protected data becomes available.
        case waitingForUnlock
        case cannotOpen(OpenProblem)
        case needsActivation
        case ready
    }

    enum OpenProblem: Equatable {
        /// The phone is unlocked but the Keychain has no key for the
        /// existing database. Never started over: it may hold unsent work.
        case keyMissing
        case wrongKey
        case damaged
        case tooNew
        case contentBroken
        case storageFull
        case unexpected
    }

    private(set) var phase: Phase = .opening
    private(set) var client: CourseClient?
    /// The app's texts in the course language.
    private(set) var strings = Strings(language: Strings.deviceLanguage)
    private(set) var textSize: TextSize = .standard
    /// A letter's QR link that arrived before activation.
    var pendingActivation: ActivationLink?

    let router = Router()
    let sync = SyncCoordinator()
    let notifications = NotificationScheduler()

    @ObservationIgnored private var player: PlayerClient?
    @ObservationIgnored private var audio: AudioSession?
    private let opener: @MainActor () async throws -> CourseClient
    private let protectedDataAvailable: @MainActor () -> Bool
    @ObservationIgnored private var unlockWatcher: Task<Void, Never>?
    @ObservationIgnored private var pendingRoute: Route?
    @ObservationIgnored private var isOpening = false

    init(
        opener: @escaping @MainActor () async throws -> CourseClient,
        protectedDataAvailable: @escaping @MainActor () -> Bool = { true }
    ) {
        self.opener = opener
        self.protectedDataAvailable = protectedDataAvailable
    }

    /// The app on a phone: the course in Application Support (protected
    /// until the first unlock), the key in the Keychain, the content bundle
    /// shipped in the app.
    static func live() -> AppModel {
        AppModel(
            opener: {
                guard let bundleDir = Bundle.main.url(forResource: "content", withExtension: nil) else {
                    throw OpenError.ContentBroken(problems: 1)
                }
                let dataDir = try FileProtection.courseDirectory()
                let client = try await RustCourseClient.open(
                    dataDir: dataDir, bundleDir: bundleDir, keys: KeychainKeyProvider())
                #if DEBUG
                if ProcessInfo.processInfo.environment["PAINSCHOOL_ALLOW_LOOPBACK_HTTP"] == "1" {
                    client.setDevelopmentLoopbackHttp(true)
                }
                #endif
                return client
            },
            protectedDataAvailable: { UIApplication.shared.isProtectedDataAvailable })
    }

    /// Previews and UI tests: the fake in a scenario.
    static func preview(_ scenario: FakeScenario = .firstWeek, language: Language = .swedish) -> AppModel {
        AppModel(opener: { FakeCourseClient(scenario, language: language) })
    }

    // MARK: Opening

    /// Opens the course: at launch, after the first unlock, after a wipe.
    func open() async {
        guard !isOpening else { return }
        isOpening = true
        defer { isOpening = false }
        guard protectedDataAvailable() else {
            Log.app.info("protected data not available: waiting for the first unlock")
            phase = .waitingForUnlock
            watchForUnlock()
            return
        }
        phase = .opening
        do {
            let opened: CourseClient
            do {
                opened = try await opener()
            } catch let OpenError.DatabaseCorrupt(movedAside) where movedAside {
                // The core moved the damaged file aside (never deleted);
                // a fresh database opens and sync restores the clinic's copy.
                Log.app.error("database damaged and moved aside: opening a fresh one")
                opened = try await opener()
            }
            await start(opened)
        } catch let error as OpenError {
            failedToOpen(error)
        } catch {
            Log.app.error("course did not open: \(error.localizedDescription, privacy: .public)")
            phase = .cannotOpen(.unexpected)
        }
    }

    private func failedToOpen(_ error: OpenError) {
        switch error {
        case .KeyUnavailable:
            if protectedDataAvailable() {
                Log.app.error("key unavailable although the phone is unlocked")
                phase = .cannotOpen(.keyMissing)
            } else {
                Log.app.info("key unavailable before the first unlock: waiting")
                phase = .waitingForUnlock
                watchForUnlock()
            }
        case .WrongKey: phase = .cannotOpen(.wrongKey)
        case .DatabaseCorrupt: phase = .cannotOpen(.damaged)
        case .DatabaseTooNew: phase = .cannotOpen(.tooNew)
        case .ContentBroken: phase = .cannotOpen(.contentBroken)
        case .StorageFull: phase = .cannotOpen(.storageFull)
        case .Internal: phase = .cannotOpen(.unexpected)
        }
    }

    /// Opens again once the phone has been unlocked (never earlier).
    private func watchForUnlock() {
        guard unlockWatcher == nil else { return }
        unlockWatcher = Task { [weak self] in
            let unlocked = NotificationCenter.default.notifications(
                named: UIApplication.protectedDataDidBecomeAvailableNotification)
            for await _ in unlocked {
                break
            }
            guard let self, !Task.isCancelled else { return }
            self.unlockWatcher = nil
            await self.open()
        }
    }

    private func start(_ opened: CourseClient) async {
        client = opened
        do {
            let preferences = try await opened.preferences()
            apply(preferences)
        } catch {
            _ = Problem(error)
        }
        do {
            _ = try await opened.thisWeek()
            becomeReady()
        } catch CourseError.NotEnrolled {
            phase = .needsActivation
        } catch {
            // The course is there; the start screen shows the problem.
            becomeReady()
        }
    }

    private func becomeReady() {
        guard let client else { return }
        phase = .ready
        sync.attach(client, onWiped: { [weak self] in await self?.wiped() })
        notifications.attach(client)
        if let route = pendingRoute {
            pendingRoute = nil
            router.open(route)
        }
        Task {
            await notifications.checkPermission()
            await sync.syncNow(reason: .open)
        }
    }

    // MARK: Events

    /// The app came to the foreground: sync on open, look at the
    /// notification permission, or try opening again.
    func becameActive() async {
        switch phase {
        case .waitingForUnlock:
            await open()
        case .ready:
            await notifications.checkPermission()
            await sync.syncNow(reason: .open)
        case .opening, .cannotOpen, .needsActivation:
            break
        }
    }

    /// A link: a notification's deep link or the letter's QR code.
    func handle(url: URL) {
        guard let route = Route(url: url) else {
            Log.app.info("a link the app does not know")
            return
        }
        if case let .activate(link) = route {
            if phase == .ready {
                Log.app.info("activation link ignored: already activated")
            } else {
                pendingActivation = link
            }
            return
        }
        if phase == .ready {
            router.open(route)
        } else {
            pendingRoute = route
        }
    }

    /// The device was activated.
    func activated() async {
        pendingActivation = nil
        if let client {
            do {
                let preferences = try await client.preferences()
                apply(preferences)
            } catch {
                _ = Problem(error)
            }
        }
        router.reset()
        becomeReady()
    }

    /// The patient changed the language or text size.
    func apply(_ preferences: Preferences) {
        strings = Strings(language: preferences.language)
        textSize = preferences.textSize
    }

    /// After the wipe at the confirmed end of access: nothing of the course
    /// is left; a fresh, empty course opens at activation.
    func wiped() async {
        sync.detach()
        notifications.detach()
        notifications.removeAll()
        audio?.end()
        audio = nil
        player = nil
        client = nil
        router.reset()
        await open()
    }

    /// One background sync (BGTaskScheduler): open if the phone has been
    /// unlocked, sync, register the reminder plan again; wipes if due.
    func backgroundSync() async -> Bool {
        if client == nil {
            await open()
        }
        guard phase == .ready else { return false }
        let reached = await sync.syncNow(reason: .background)
        await notifications.refresh()
        return reached
    }

    // MARK: The player

    /// The course's one player and its audio session, made on first use
    /// and kept, so a practice goes on while the patient moves around the
    /// app or locks the screen.
    func playerAndSession() throws -> (player: PlayerClient, audio: AudioSession) {
        if let player, let audio {
            return (player, audio)
        }
        guard let client else { throw CourseError.NotEnrolled }
        let made = try client.makePlayer()
        let session = AudioSession(player: made)
        player = made
        audio = session
        return (made, session)
    }
}
