// Messages: the two threads, each message with who wrote it, when, and
// where it stands (queued, sent, read, not sent); the compose field with
// the unit's reply time and the safety line (not for emergencies: 112,
// 1177), always shown above it.
import PainSchool
import SwiftUI

struct MessagesView: View {
    @Environment(\.strings) private var t
    @Environment(\.dynamicTypeSize) private var typeSize
    @Environment(\.scenePhase) private var scenePhase
    @Environment(AppModel.self) private var app
    @State private var model: MessagesViewModel
    @FocusState private var composing: Bool

    init(model: MessagesViewModel) {
        _model = State(initialValue: model)
    }

    var body: some View {
        let state = model.state
        ScrollViewReader { proxy in
            ScrollView {
                VStack(alignment: .leading, spacing: 12) {
                    threadPicker(state.thread)
                    Text(state.thread == .clinician ? t("messages.clinician.about") : t("messages.team.about"))
                        .fixedSize(horizontal: false, vertical: true)
                    if let problem = state.problem {
                        ProblemBanner(problem: problem) { model.send(.retry) }
                    }
                    if state.isLoading {
                        LoadingView()
                    } else if state.messages.isEmpty {
                        Text(t("messages.empty"))
                            .padding(.vertical)
                    }
                    ForEach(state.messages, id: \.id) { message in
                        MessageBubble(message: message)
                            .id(message.id)
                    }
                }
                .padding(Theme.gap)
            }
            .scrollDismissesKeyboard(.interactively)
            .onChange(of: state.messages.last?.id) { _, last in
                if let last {
                    withAnimation { proxy.scrollTo(last, anchor: .bottom) }
                }
            }
        }
        .safeAreaInset(edge: .bottom) {
            composer(state)
        }
        .navigationTitle(t("tab.messages"))
        .onAppear { model.send(.appeared(app.router.thread)) }
        .onChange(of: app.router.thread) { _, thread in
            model.send(.threadChanged(thread))
        }
        .onChange(of: app.sync.state?.lastSuccess) { _, _ in
            model.send(.reload)
        }
        // What is being written is kept at once when the screen goes or the
        // app leaves the foreground, not only after the typing pause.
        .onDisappear { model.send(.saveDraft) }
        .onChange(of: scenePhase) { _, phase in
            if phase != .active { model.send(.saveDraft) }
        }
    }

    @ViewBuilder
    private func threadPicker(_ thread: MessageThread) -> some View {
        if typeSize.isAccessibilitySize {
            VStack(spacing: 8) {
                threadButton(.clinician, current: thread)
                threadButton(.team, current: thread)
            }
        } else {
            Picker(t("messages.thread"), selection: Binding(
                get: { app.router.thread },
                set: { app.router.thread = $0 })
            ) {
                Text(t("messages.clinician")).tag(MessageThread.clinician)
                Text(t("messages.team")).tag(MessageThread.team)
            }
            .pickerStyle(.segmented)
            .frame(minHeight: Theme.touchTarget)
        }
    }

    private func threadButton(_ thread: MessageThread, current: MessageThread) -> some View {
        Button {
            app.router.thread = thread
        } label: {
            Text(thread == .clinician ? t("messages.clinician") : t("messages.team"))
        }
        .buttonStyle(SecondaryButtonStyle())
        .accessibilityAddTraits(thread == current ? .isSelected : [])
    }

    private func composer(_ state: MessagesViewModel.State) -> some View {
        VStack(alignment: .leading, spacing: 8) {
            if let compose = state.compose {
                Label(compose.safetyLine, systemImage: "exclamationmark.shield")
                    .font(.footnote.weight(.semibold))
                    .fixedSize(horizontal: false, vertical: true)
                if let reply = compose.replyTime {
                    Text(reply)
                        .font(.footnote)
                        .fixedSize(horizontal: false, vertical: true)
                }
            }
            HStack(alignment: .bottom, spacing: 8) {
                TextField(t("messages.placeholder"), text: Binding(
                    get: { model.state.text },
                    set: { model.send(.textChanged($0)) }), axis: .vertical)
                    .lineLimit(1...6)
                    .focused($composing)
                    .padding(10)
                    .frame(minHeight: Theme.touchTarget)
                    .overlay(RoundedRectangle(cornerRadius: Theme.corner).stroke(Color.primary.opacity(0.6)))
                    .accessibilityLabel(state.thread == .clinician ? t("messages.write.clinician") : t("messages.write.team"))
                Button {
                    model.send(.send)
                } label: {
                    if state.isSending {
                        ProgressView()
                    } else {
                        Image(systemName: "arrow.up.circle.fill")
                            .font(.largeTitle)
                    }
                }
                .frame(minWidth: Theme.touchTarget, minHeight: Theme.touchTarget)
                .foregroundStyle(Theme.accent)
                .disabled(!state.canSend)
                .accessibilityLabel(t("messages.send"))
            }
            if state.text.count > state.maxChars - 200 {
                Text(t.format("messages.chars", state.text.count, state.maxChars))
                    .font(.footnote)
                    .foregroundStyle(state.text.count > state.maxChars ? Theme.warning : Color.primary)
            }
        }
        .padding(Theme.gap)
        .background(.bar)
    }
}

/// One message: who, what, when and where it stands.
struct MessageBubble: View {
    @Environment(\.strings) var t
    let message: Message

    private var mine: Bool { message.author == .patient }

    var body: some View {
        HStack {
            if mine { Spacer(minLength: 40) }
            VStack(alignment: .leading, spacing: 6) {
                Text(mine ? t("messages.you") : (message.authorName ?? t("messages.clinic")))
                    .font(.subheadline.weight(.semibold))
                Text(message.text)
                    .fixedSize(horizontal: false, vertical: true)
                    .textSelection(.enabled)
                Text(footer)
                    .font(.footnote)
            }
            .padding(12)
            .foregroundStyle(mine ? Theme.onAccent : Color.primary)
            .background(mine ? Theme.accent : Theme.card, in: RoundedRectangle(cornerRadius: Theme.corner))
            if !mine { Spacer(minLength: 40) }
        }
        .accessibilityElement(children: .combine)
    }

    private var footer: String {
        let when = t.dateTime(message.writtenAt)
        guard mine else { return when }
        switch message.status {
        case .queued: return t.format("messages.status.queued", when)
        case .sent: return t.format("messages.status.sent", when)
        case .read:
            if let read = message.readAt {
                return t.format("messages.status.readAt", when, t.dateTime(read))
            }
            return t.format("messages.status.read", when)
        case .failed: return t.format("messages.status.failed", when)
        }
    }
}

#Preview("Messages, unread replies") {
    let app = AppModel.preview(.midCourse)
    return NavigationStack {
        MessagesView(model: MessagesViewModel(client: FakeCourseClient(.midCourse), afterWrite: {}))
    }
    .environment(app)
}

#Preview("Messages, English, accessibility size") {
    let app = AppModel.preview(.midCourse, language: .english)
    return NavigationStack {
        MessagesView(model: MessagesViewModel(client: FakeCourseClient(.midCourse, language: .english), afterWrite: {}))
    }
    .environment(app)
    .environment(\.strings, Strings(language: .english))
    .dynamicTypeSize(.accessibility3)
}
