// One module: its card (title, lock, progress) and its sections in course
// order. The sections list comes from CourseClient.sections (the core's
// `Course.moduleSections`, with whether each is done); opening a section is
// the reader's job.
import Foundation
import Observation
import PainSchool

@MainActor
@Observable
final class ModuleViewModel {
    struct State: Equatable {
        var module: ModuleCard?
        var sections: [SectionSummary] = []
        var problem: Problem?
        var isLoading = true
    }

    enum Event {
        case appeared
        case retry
    }

    let moduleId: String
    private(set) var state = State()
    private let client: CourseClient

    init(client: CourseClient, moduleId: String) {
        self.client = client
        self.moduleId = moduleId
    }

    func send(_ event: Event) {
        switch event {
        case .appeared, .retry:
            Task { await load() }
        }
    }

    private func load() async {
        do {
            let modules = try await client.modules()
            state.module = modules.first(where: { $0.id == moduleId })
            state.sections = try await client.sections(moduleId: moduleId)
            state.problem = state.module == nil ? .notFound : nil
        } catch {
            state.problem = Problem(error)
        }
        state.isLoading = false
    }
}
