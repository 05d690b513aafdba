// The view model of a screen that reads from the course and shows what it
// read, or the problem with a retry: modules, mindfulness exercises,
// visits, the end of access. One shape for all of them; each screen's
// file says what it reads (an extension with its `init(client:)`).
import Foundation
import Observation
import PainSchool

@MainActor
@Observable
final class LoadedViewModel<Value: Equatable> {
    struct State: Equatable {
        /// What was read; nil until the first read succeeds.
        var value: Value?
        var problem: Problem?
        var isLoading = true
    }

    enum Event {
        case appeared
        case retry
    }

    private(set) var state = State()
    private let read: @MainActor () async throws -> Value

    /// `read` is called on appearing, on retry and on pull to refresh.
    init(read: @escaping @MainActor () async throws -> Value) {
        self.read = read
    }

    func send(_ event: Event) {
        switch event {
        case .appeared, .retry:
            Task { await load() }
        }
    }

    /// Reads again; a failure keeps what was shown and adds the problem.
    func load() async {
        do {
            state.value = try await read()
            state.problem = nil
        } catch {
            state.problem = Problem(error)
        }
        state.isLoading = false
    }
}
