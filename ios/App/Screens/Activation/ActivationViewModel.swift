// Activation: the code typed in, or the letter's QR code
// (`smartskolan://activate?server=URL&code=CODE`) scanned in the app or
// opened from the camera. The core checks the server address (https only)
// and the code; this model only holds the fields and maps the answer.
import Foundation
import Observation
import PainSchool

@MainActor
@Observable
final class ActivationViewModel {
    struct State: Equatable {
        var code = ""
        var server: String
        var showsServer = false
        var isScanning = false
        var isActivating = false
        /// The scanned code was not an activation letter's.
        var scanNotRecognised = false
        var cameraDenied = false
        var problem: Problem?

        var canActivate: Bool {
            !isActivating
                && !code.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
                && !server.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        }
    }

    enum Event {
        case codeChanged(String)
        case serverChanged(String)
        case toggleServer
        case scanTapped
        case scanCancelled
        case scanned(String)
        case cameraDenied
        case link(ActivationLink)
        case activate
    }

    private(set) var state: State
    private let client: CourseClient
    private let onActivated: @MainActor () async -> Void

    /// `defaultServer` is the region's server (Info.plist
    /// `PainSchoolServerURL`); a letter's QR code brings its own.
    init(
        client: CourseClient,
        link: ActivationLink?,
        defaultServer: String,
        onActivated: @escaping @MainActor () async -> Void
    ) {
        self.client = client
        self.onActivated = onActivated
        state = State(server: defaultServer)
        if let link {
            state.server = link.server
            state.code = link.code
        }
    }

    func send(_ event: Event) {
        switch event {
        case let .codeChanged(code):
            state.code = code
            state.problem = nil
        case let .serverChanged(server):
            state.server = server
            state.problem = nil
        case .toggleServer:
            state.showsServer.toggle()
        case .scanTapped:
            state.scanNotRecognised = false
            state.cameraDenied = false
            state.isScanning = true
        case .scanCancelled:
            state.isScanning = false
        case let .scanned(text):
            state.isScanning = false
            guard let url = URL(string: text), let link = ActivationLink(url: url) else {
                state.scanNotRecognised = true
                return
            }
            fill(link)
            Task { await activate() }
        case .cameraDenied:
            state.isScanning = false
            state.cameraDenied = true
        case let .link(link):
            fill(link)
            Task { await activate() }
        case .activate:
            Task { await activate() }
        }
    }

    private func fill(_ link: ActivationLink) {
        state.server = link.server
        state.code = link.code
        state.problem = nil
        state.scanNotRecognised = false
    }

    private func activate() async {
        guard state.canActivate else { return }
        state.isActivating = true
        state.problem = nil
        do {
            _ = try await client.activate(
                serverUrl: state.server.trimmingCharacters(in: .whitespacesAndNewlines),
                code: state.code.trimmingCharacters(in: .whitespacesAndNewlines))
            state.isActivating = false
            await onActivated()
        } catch {
            state.isActivating = false
            state.problem = Problem(error)
            if state.problem == .invalidServer {
                state.showsServer = true
            }
        }
    }
}
