// When the app syncs: when it opens or comes to the foreground, a moment
// after each write (answers, messages, settings), and from the background
// scheduler. The core decides what is sent and when a retry is due
// (`sync_now` returns at once while one is not); this file only calls it,
// keeps the state for the screens, asks the OS for the next background
// sync, and wipes once the core says the end of access is confirmed.
import Foundation
import Observation
import PainSchool

@MainActor
@Observable
final class SyncCoordinator {
    enum Reason: String {
        case open, write, background, manual
    }

    /// The core's sync state, for the start screen.
    private(set) var state: SyncState?
    /// The last sync's problem, if it failed.
    private(set) var lastProblem: Problem?
    /// Clinic messages not read yet (the messages tab's badge).
    private(set) var unreadMessages = 0

    @ObservationIgnored private var client: CourseClient?
    @ObservationIgnored private var subscription: Subscription?
    @ObservationIgnored private var debounce: Task<Void, Never>?
    @ObservationIgnored private var onWiped: (@MainActor () async -> Void)?
    @ObservationIgnored private var running = false

    func attach(_ client: CourseClient, onWiped: @escaping @MainActor () async -> Void) {
        detach()
        self.client = client
        self.onWiped = onWiped
        subscription = client.observeSyncState { [weak self] state in
            self?.state = state
        }
        Task { await refreshUnread() }
    }

    func detach() {
        subscription?.cancel()
        subscription = nil
        debounce?.cancel()
        debounce = nil
        client = nil
        state = nil
        lastProblem = nil
        unreadMessages = 0
    }

    /// Syncs now; returns whether the server was reached.
    @discardableResult
    func syncNow(reason: Reason) async -> Bool {
        guard let client, !running else { return false }
        running = true
        defer { running = false }
        var reached = false
        do {
            let report = try await client.syncNow()
            lastProblem = nil
            reached = report.deferredUntil == nil
            Log.sync.info("sync (\(reason.rawValue, privacy: .public)): sent \(report.sent, privacy: .public), received \(report.received, privacy: .public), refused \(report.rejected, privacy: .public)")
        } catch SyncError.NotActivated {
            Log.sync.info("sync skipped: not activated")
        } catch {
            lastProblem = Problem(error)
        }
        await refreshUnread()
        await afterSync(client)
        return reached
    }

    /// A write happened: sync a few seconds later (one sync for a burst).
    func afterWrite() {
        Task { await refreshUnread() }
        debounce?.cancel()
        debounce = Task { [weak self] in
            try? await Task.sleep(nanoseconds: 3_000_000_000)
            guard !Task.isCancelled else { return }
            await self?.syncNow(reason: .write)
        }
    }

    func refreshUnread() async {
        guard let client else { return }
        do {
            unreadMessages = try await client.unreadMessages()
        } catch {
            _ = Problem(error)
        }
    }

    /// Wipes if the core says it is due; asks for the next background sync.
    private func afterSync(_ client: CourseClient) async {
        var unsent = false
        do {
            let status = try await client.accessStatus()
            unsent = status.unsent > 0
            if status.wipeDue, try await client.wipeIfDue() {
                Log.sync.info("course wiped after the confirmed end of access")
                await onWiped?()
                return
            }
        } catch {
            _ = Problem(error)
        }
        BackgroundSync.schedule(retryAt: state?.retryAt, unsent: unsent)
    }
}
