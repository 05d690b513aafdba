// The mindfulness exercises of the open modules (the notification's
// "practice" deep link lands here) and the minutes practised today.
import Foundation
import Observation
import PainSchool

@MainActor
@Observable
final class MindfulnessViewModel {
    struct State: Equatable {
        var exercises: [SectionSummary] = []
        var minutesToday: UInt32?
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
            state.exercises = try await client.mindfulnessExercises()
            state.minutesToday = try await client.practiceToday().minutes
            state.problem = nil
        } catch {
            state.problem = Problem(error)
        }
        state.isLoading = false
    }
}
