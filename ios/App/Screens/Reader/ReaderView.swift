// The module reader: one section. Markdown text, an image with its alt
// text, audio and mindfulness (to the player), a video with captions, the
// transcript, and the questions (assignments, reflections, the weekly
// check-in, diaries) with autosaved drafts.
import PainSchool
import SwiftUI

struct ReaderView: View {
    @Environment(\.strings) private var t
    @Environment(\.scenePhase) private var scenePhase
    @State private var model: ReaderViewModel

    init(model: ReaderViewModel) {
        _model = State(initialValue: model)
    }

    var body: some View {
        let state = model.state
        ScrollView {
            VStack(alignment: .leading, spacing: Theme.gap) {
                if let problem = state.problem {
                    ProblemBanner(problem: problem) { model.send(.retry) }
                    if case .accessEnded = problem {
                        NavigationLink(value: Destination.access) {
                            Text(t("week.ended.more"))
                        }
                        .buttonStyle(SecondaryButtonStyle())
                    }
                }
                if state.isLoading {
                    LoadingView()
                }
                if let section = state.section {
                    Text(section.title)
                        .font(.title2.bold())
                        .accessibilityAddTraits(.isHeader)
                        .fixedSize(horizontal: false, vertical: true)
                    if let markdown = section.bodyMarkdown {
                        MarkdownText(markdown: markdown)
                    }
                    media(section, done: state.exerciseDone)
                    if let transcript = section.transcriptMarkdown {
                        DisclosureGroup {
                            MarkdownText(markdown: transcript)
                                .padding(.top, 8)
                        } label: {
                            Text(t("reader.transcript"))
                                .frame(minHeight: Theme.touchTarget)
                        }
                    }
                    ForEach(section.questions, id: \.id) { question in
                        QuestionEditor(
                            question: question,
                            state: state.questions[question.id] ?? ReaderViewModel.QuestionState(),
                            send: model.send)
                    }
                }
            }
            .padding(Theme.gap)
        }
        .scrollDismissesKeyboard(.interactively)
        .navigationTitle(SectionKind.name(state.section?.kind ?? "", t))
        .navigationBarTitleDisplayMode(.inline)
        .onAppear { model.send(.appeared) }
        .onDisappear { model.send(.disappeared) }
        // Going to the background does not make the view disappear: save
        // the drafts waiting for the typing pause then too.
        .onChange(of: scenePhase) { _, phase in
            if phase != .active { model.send(.disappeared) }
        }
    }

    @ViewBuilder
    private func media(_ section: SectionView, done: Bool) -> some View {
        switch section.kind {
        case "image":
            if let media = section.media {
                MediaImage(path: media.path, altText: section.altText)
            }
            if let caption = section.caption {
                Text(caption)
                    .font(.callout)
                    .fixedSize(horizontal: false, vertical: true)
            }
        case "video":
            if let media = section.media {
                CaptionedVideo(
                    videoPath: media.path,
                    captionsPath: section.captions?.path,
                    onEnded: { model.send(.markDone) })
            }
            duration(section)
            doneButton(done)
        case "audio", "mindfulness":
            duration(section)
            NavigationLink(value: Destination.player(sectionId: section.sectionId, title: section.title)) {
                Label(
                    section.kind == "mindfulness" ? t("reader.startExercise") : t("reader.listen"),
                    systemImage: "play.fill")
            }
            .buttonStyle(PrimaryButtonStyle())
        default:
            EmptyView()
        }
    }

    @ViewBuilder
    private func duration(_ section: SectionView) -> some View {
        if let seconds = section.durationSeconds {
            Label(t.spokenDuration(ms: UInt64(seconds) * 1_000), systemImage: "clock")
                .font(.subheadline)
        }
    }

    @ViewBuilder
    private func doneButton(_ done: Bool) -> some View {
        if done {
            Label(t("reader.done"), systemImage: "checkmark.circle.fill")
        } else {
            Button(t("reader.markDone")) { model.send(.markDone) }
                .buttonStyle(SecondaryButtonStyle())
        }
    }
}

#Preview("Reader, assignment") {
    NavigationStack {
        ReaderView(model: ReaderViewModel(client: FakeCourseClient(.firstWeek), sectionId: "m1-assignment", afterWrite: {}))
    }
    .environment(AppModel.preview())
}

#Preview("Reader, text, English, largest text") {
    NavigationStack {
        ReaderView(model: ReaderViewModel(
            client: FakeCourseClient(.firstWeek, language: .english), sectionId: "m1-intro", afterWrite: {}))
    }
    .environment(AppModel.preview(language: .english))
    .environment(\.strings, Strings(language: .english))
    .dynamicTypeSize(.accessibility5)
}

#Preview("Reader, access ended") {
    NavigationStack {
        ReaderView(model: ReaderViewModel(client: FakeCourseClient(.accessEnded), sectionId: "m1-intro", afterWrite: {}))
    }
    .environment(AppModel.preview(.accessEnded))
}
