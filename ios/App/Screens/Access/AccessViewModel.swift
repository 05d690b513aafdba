// The end of access: where it stands (the core's access status: the
// dates, what is still unsent, whether the server confirmed the end) and
// the summary offer. The access-ending and access-ended screens draw it.
import Foundation
import Observation
import PainSchool

@MainActor
@Observable
final class AccessViewModel {
    struct State: Equatable {
        var status: AccessStatus?
        var offer: SummaryOffer?
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
            state.status = try await client.accessStatus()
            state.offer = try await client.summaryOffer()
            state.problem = nil
        } catch {
            state.problem = Problem(error)
        }
        state.isLoading = false
    }
}
