// The course tab: every module with its lock state and progress, as the
// core reports them.
import Foundation
import Observation
import PainSchool

@MainActor
@Observable
final class ModulesViewModel {
    struct State: Equatable {
        var modules: [ModuleCard] = []
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

    func load() async {
        do {
            state.modules = try await client.modules()
            state.problem = nil
        } catch {
            state.problem = Problem(error)
        }
        state.isLoading = false
    }
}
