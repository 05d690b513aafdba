// The end of access: where it stands (the core's access status: the
// dates, what is still unsent, whether the server confirmed the end) and
// the summary offer. The access-ending and access-ended screens draw it.
import PainSchool

/// What the access screens show.
struct AccessInfo: Equatable {
    var status: AccessStatus
    var offer: SummaryOffer
}

typealias AccessViewModel = LoadedViewModel<AccessInfo>

extension LoadedViewModel where Value == AccessInfo {
    convenience init(client: CourseClient) {
        self.init {
            let status = try await client.accessStatus()
            let offer = try await client.summaryOffer()
            return AccessInfo(status: status, offer: offer)
        }
    }
}
