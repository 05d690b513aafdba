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
        /// The screen goes or the app leaves the foreground: keep what is
        /// being written now, not after the typing pause.
        case saveDraft
        /// Sync brought something new.
        case reload
        case retry
    }

    private(set) var state = State()
    private let client: CourseClient
    private let afterWrite: @MainActor () -> Void
    /// Unsent text per thread, kept while the app runs (and in the core's
    /// message drafts, which outlive the app).
    @ObservationIgnored private var texts: [MessageThread: String] = [:]
    /// The pending autosave of what is being written.
    @ObservationIgnored private var draftTask: Task<Void, Never>?
    /// Typed and not kept by the core yet.
    @ObservationIgnored private var unsaved: (thread: MessageThread, text: String)?

    init(client: CourseClient, afterWrite: @escaping @MainActor () -> Void) {
        self.client = client
        self.afterWrite = afterWrite
    }

    func send(_ event: Event) {
        switch event {
        case let .appeared(thread), let .threadChanged(thread):
            saveDraftNow()
            texts[state.thread] = state.text
            state.thread = thread
            state.text = texts[thread] ?? ""
            state.problem = nil
            Task {
                await restoreDraft(thread)
                await load(markRead: true)
            }
        case let .textChanged(text):
            state.text = text
            scheduleDraft(thread: state.thread, text: text)
        case .saveDraft:
            saveDraftNow()
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

    /// What was being written in `thread` when the app last closed, unless
    /// something was typed since.
    private func restoreDraft(_ thread: MessageThread) async {
        guard texts[thread] == nil, state.text.isEmpty else { return }
        do {
            if let draft = try await client.messageDraft(thread: thread), thread == state.thread, state.text.isEmpty {
                state.text = draft
            }
        } catch {
            _ = Problem(error)
        }
    }

    /// Keeps the text in the core once typing pauses (a second).
    private func scheduleDraft(thread: MessageThread, text: String) {
        unsaved = (thread, text)
        draftTask?.cancel()
        draftTask = Task { [weak self] in
            try? await Task.sleep(nanoseconds: 1_000_000_000)
            guard !Task.isCancelled else { return }
            self?.saveDraftNow()
        }
    }

    /// Keeps what waits for the typing pause now.
    private func saveDraftNow() {
        draftTask?.cancel()
        draftTask = nil
        guard let pending = unsaved else { return }
        unsaved = nil
        let client = self.client
        Task {
            do {
                try await client.saveMessageDraft(thread: pending.thread, text: pending.text)
            } catch {
                _ = Problem(error)
            }
        }
    }

    private func sendMessage() async {
        guard state.canSend else { return }
        // Sending removes the core's draft: a pending autosave must not bring it back.
        draftTask?.cancel()
        draftTask = nil
        unsaved = nil
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
            // Not sent: keep what was written.
            if thread == state.thread {
                scheduleDraft(thread: thread, text: state.text)
            }
        }
        state.isSending = false
    }
}
