// The start screen's model: the core's `ThisWeek` stream (the open
// module, the next unlock, the check-in, access) plus reminder health,
// practice minutes today and the summary offer, each one core call. No
// dates or course rules are computed here.
import Foundation
import Observation
import PainSchool

@MainActor
@Observable
final class ThisWeekViewModel {
    struct State: Equatable {
        var week: ThisWeek?
        var problem: Problem?
        var health: ReminderHealth?
        var practice: PracticeToday?
        var offer: SummaryOffer?
        var checkInSectionId: String?
        var isAskingPermission = false

        var isLoading: Bool { week == nil && problem == nil }
    }

    enum Event {
        case appeared
        case disappeared
        /// Pull to refresh: sync, then read again.
        case refresh
        /// The OS permission changed, or the app came back.
        case reloadHealth
        /// The reminder-health action "ask permission".
        case askPermission
    }

    private(set) var state = State()
    private let client: CourseClient
    private let permission: @MainActor () async -> NotificationPermission
    private let requestPermission: @MainActor () async -> Void
    private let syncNow: @MainActor () async -> Void
    @ObservationIgnored private var subscription: Subscription?

    init(
        client: CourseClient,
        permission: @escaping @MainActor () async -> NotificationPermission,
        requestPermission: @escaping @MainActor () async -> Void,
        syncNow: @escaping @MainActor () async -> Void
    ) {
        self.client = client
        self.permission = permission
        self.requestPermission = requestPermission
        self.syncNow = syncNow
    }

    func send(_ event: Event) {
        switch event {
        case .appeared:
            guard subscription == nil else {
                Task { await loadExtras() }
                return
            }
            subscription = client.observeThisWeek { [weak self] result in
                self?.received(result)
            }
        case .disappeared:
            subscription?.cancel()
            subscription = nil
        case .refresh:
            Task { await refresh() }
        case .reloadHealth:
            Task { await loadHealth() }
        case .askPermission:
            Task {
                state.isAskingPermission = true
                await requestPermission()
                state.isAskingPermission = false
                await loadHealth()
            }
        }
    }

    /// Pull to refresh.
    func refresh() async {
        await syncNow()
        do {
            let week = try await client.thisWeek()
            received(.success(week))
        } catch let error as CourseError {
            received(.failure(error))
        } catch {
            state.problem = Problem(error)
        }
    }

    private func received(_ result: Result<ThisWeek, CourseError>) {
        switch result {
        case let .success(week):
            state.week = week
            state.problem = nil
        case let .failure(error):
            state.problem = Problem(error)
        }
        Task { await loadExtras() }
    }

    private func loadExtras() async {
        await loadHealth()
        do {
            state.practice = try await client.practiceToday()
            state.offer = try await client.summaryOffer()
            if state.checkInSectionId == nil {
                state.checkInSectionId = try await client.checkInSectionId()
            }
        } catch {
            _ = Problem(error)
        }
    }

    private func loadHealth() async {
        let allowed = await permission()
        do {
            state.health = try await client.reminderHealth(permission: allowed)
        } catch {
            _ = Problem(error)
        }
    }
}
