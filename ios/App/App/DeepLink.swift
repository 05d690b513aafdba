// The app's links: the core's reminder deep links (`painschool://module/m2`,
// `painschool://mindfulness`, `painschool://messages/team`,
// `painschool://visits`, `painschool://access`) and the activation letter's
// QR code (`smartskolan://activate?server=URL&code=CODE`,
// docs/sync-protocol.md). Parsing only; Router decides what opens.
import Foundation
import PainSchool

enum Route: Equatable {
    case thisWeek
    case module(String)
    case mindfulness
    case messages(MessageThread)
    case visits
    case access
    case activate(ActivationLink)

    /// The route of a link, or nil for a link the app does not know.
    init?(url: URL) {
        let scheme = url.scheme?.lowercased() ?? ""
        let host = url.host?.lowercased() ?? ""
        let parts = url.path.split(separator: "/").map(String.init)
        switch (scheme, host) {
        case ("painschool", "module"):
            guard let id = parts.first, !id.isEmpty else { return nil }
            self = .module(id)
        case ("painschool", "mindfulness"):
            self = .mindfulness
        case ("painschool", "messages"):
            self = .messages(parts.first == "team" ? .team : .clinician)
        case ("painschool", "visits"):
            self = .visits
        case ("painschool", "access"):
            self = .access
        case ("painschool", ""), ("painschool", "week"):
            self = .thisWeek
        case ("smartskolan", "activate"), ("painschool", "activate"):
            guard let link = ActivationLink(url: url) else { return nil }
            self = .activate(link)
        default:
            return nil
        }
    }
}

/// What the activation letter's QR code carries.
struct ActivationLink: Equatable {
    let server: String
    let code: String

    /// Reads `…://activate?server=URL&code=CODE` (percent-decoded); a
    /// parameter the app does not know is ignored.
    init?(url: URL) {
        let items = URLComponents(url: url, resolvingAgainstBaseURL: false)?.queryItems ?? []
        guard let server = items.first(where: { $0.name == "server" })?.value, !server.isEmpty,
              let code = items.first(where: { $0.name == "code" })?.value, !code.isEmpty else {
            return nil
        }
        self.server = server
        self.code = code
    }

    init(server: String, code: String) {
        self.server = server
        self.code = code
    }
}
