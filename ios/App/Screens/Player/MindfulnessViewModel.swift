// The mindfulness exercises of the open modules (the notification's
// "practice" deep link lands here) and the minutes practised today.
import PainSchool

/// What the mindfulness list shows.
struct MindfulnessList: Equatable {
    var exercises: [SectionSummary]
    var minutesToday: UInt32
}

typealias MindfulnessViewModel = LoadedViewModel<MindfulnessList>

extension LoadedViewModel where Value == MindfulnessList {
    convenience init(client: CourseClient) {
        self.init {
            let exercises = try await client.mindfulnessExercises()
            let minutes = try await client.practiceToday().minutes
            return MindfulnessList(exercises: exercises, minutesToday: minutes)
        }
    }
}
