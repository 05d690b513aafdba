// The course tab: every module with its lock state and progress, as the
// core reports them.
import PainSchool

typealias ModulesViewModel = LoadedViewModel<[ModuleCard]>

extension LoadedViewModel where Value == [ModuleCard] {
    convenience init(client: CourseClient) {
        self.init { try await client.modules() }
    }
}
