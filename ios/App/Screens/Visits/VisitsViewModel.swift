// The visits the clinic booked (a reminder's "visits" deep link lands here).
import Foundation
import Observation
import PainSchool

@MainActor
@Observable
final class VisitsViewModel {
    struct State: Equatable {
        var visits: [Visit] = []
        var problem: Problem?
        var isLoading = true
    }

    enum Event {
        case appeared
        case retry
    }

    private(set) var state = State()
    private let client: CourseClient

    init(client: CourseClient) {
        self.client = client
    }

    func send(_ event: Event) {
        switch event {
        case .appeared, .retry:
            Task { await load() }
        }
    }

    private func load() async {
        do {
            state.visits = try await client.visits()
            state.problem = nil
        } catch {
            state.problem = Problem(error)
        }
        state.isLoading = false
    }
}
