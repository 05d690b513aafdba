// The visits the clinic booked (a reminder's "visits" deep link lands here).
import PainSchool

typealias VisitsViewModel = LoadedViewModel<[Visit]>

extension LoadedViewModel where Value == [Visit] {
    convenience init(client: CourseClient) {
        self.init { try await client.visits() }
    }
}
