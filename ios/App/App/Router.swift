// Where the app is: the selected tab and each tab's navigation path. Deep
// links from notifications and the letter's QR code come in as `Route`s.
import Observation
import PainSchool
import SwiftUI

/// A screen pushed on a tab's navigation stack.
enum Destination: Hashable {
    case modules
    case module(String)
    case section(String)
    case player(sectionId: String, title: String)
    case mindfulness
    case summary
    case access
    case visits
}

@MainActor
@Observable
final class Router {
    enum Tab: Hashable {
        case week, course, messages, settings
    }

    var tab: Tab = .week
    var weekPath: [Destination] = []
    var coursePath: [Destination] = []
    var settingsPath: [Destination] = []
    /// The thread the messages tab shows.
    var thread: MessageThread = .clinician

    /// Opens the screen of a route (a notification tap, a link).
    func open(_ route: Route) {
        switch route {
        case .thisWeek:
            tab = .week
            weekPath = []
        case let .module(id):
            tab = .course
            coursePath = [.module(id)]
        case .mindfulness:
            tab = .week
            weekPath = [.mindfulness]
        case let .messages(thread):
            self.thread = thread
            tab = .messages
        case .visits:
            tab = .week
            weekPath = [.visits]
        case .access:
            tab = .week
            weekPath = [.access]
        case .activate:
            // Handled by AppModel before the course is activated.
            break
        }
    }

    /// Back to the start, as after a wipe or a new activation.
    func reset() {
        tab = .week
        weekPath = []
        coursePath = []
        settingsPath = []
        thread = .clinician
    }
}
