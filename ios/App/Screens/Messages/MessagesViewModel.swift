// The two message threads ("my clinician" and the team mailbox): the
// messages with their statuses, the compose view (the unit's reply time
// and the safety line, from the core), sending (stored and queued by the
// core, sent at the next sync), and marking the clinic's messages read.
import Foundation
import Observation
import PainSchool

@MainActor
@Observable
final class MessagesViewModel {
    struct State: Equatable {
        var thread: MessageThread = .clinician
        var messages: [Message] = []
        var compose: ComposeView?
        /// What the patient is writing in the shown thread.
        var text = ""
        var isSending = false
        var isLoading = true
        var problem: Problem?

        var maxChars: Int { Int(compose?.maxChars ?? 4_000) }
        var canSend: Bool {
            !isSending
                && !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
                && text.count <= maxChars
        }
    }

    enum Event {
        case appeared(MessageThread)
        case threadChanged(MessageThread)
        case textChanged(String)
        case send
        /// Sync brought something new.
        case reload
        case retry
    }

    private(set) var state = State()
    private let client: CourseClient
    private let afterWrite: @MainActor () -> Void
    /// Unsent text per thread, kept while the app runs.
    @ObservationIgnored private var texts: [MessageThread: String] = [:]

    init(client: CourseClient, afterWrite: @escaping @MainActor () -> Void) {
        self.client = client
        self.afterWrite = afterWrite
    }

    func send(_ event: Event) {
        switch event {
        case let .appeared(thread), let .threadChanged(thread):
            texts[state.thread] = state.text
            state.thread = thread
            state.text = texts[thread] ?? ""
            state.problem = nil
            Task { await load(markRead: true) }
        case let .textChanged(text):
            state.text = text
        case .send:
            Task { await sendMessage() }
        case .reload:
            Task { await load(markRead: true) }
        case .retry:
            Task { await load(markRead: true) }
        }
    }

    private func load(markRead: Bool) async {
        let thread = state.thread
        do {
            let messages = try await client.messages(thread: thread)
            let compose = try await client.compose(thread: thread)
            guard thread == state.thread else { return }
            state.messages = messages
            state.compose = compose
            state.isLoading = false
            if markRead, try await client.markThreadRead(thread: thread) > 0 {
                // The clinic sees "read" after the next sync.
                afterWrite()
                state.messages = try await client.messages(thread: thread)
            }
        } catch {
            state.problem = Problem(error)
            state.isLoading = false
        }
    }

    private func sendMessage() async {
        guard state.canSend else { return }
        let thread = state.thread
        state.isSending = true
        state.problem = nil
        do {
            let message = try await client.sendMessage(thread: thread, text: state.text)
            if thread == state.thread {
                state.messages.append(message)
                state.text = ""
            }
            texts[thread] = nil
            afterWrite()
        } catch {
            state.problem = Problem(error)
        }
        state.isSending = false
    }
}
