// The mindfulness player: play/pause, a position slider, 15 s back and
// forward, stop, the offer to continue where the patient left off, and
// the minutes practised today (no streaks). Big targets for one hand,
// VoiceOver labels and values on every control.
import PainSchool
import SwiftUI

struct PlayerView: View {
    @Environment(\.strings) private var t
    @State private var model: PlayerViewModel

    init(model: PlayerViewModel) {
        _model = State(initialValue: model)
    }

    var body: some View {
        let state = model.state
        ScrollView {
            VStack(alignment: .leading, spacing: Theme.gap) {
                Text(model.title)
                    .font(.title2.bold())
                    .accessibilityAddTraits(.isHeader)
                    .fixedSize(horizontal: false, vertical: true)
                if let problem = state.problem {
                    ProblemBanner(problem: problem) { model.send(.retry) }
                }
                if state.isLoading {
                    LoadingView()
                } else {
                    if let resume = state.resume {
                        resumeOffer(resume)
                    }
                    position(state)
                    controls(state)
                    if let minutes = state.minutesToday {
                        Label(t.format("player.minutesToday", Int(minutes)), systemImage: "leaf")
                            .card()
                    }
                    Text(t("player.lockScreenNote"))
                        .font(.footnote)
                        .fixedSize(horizontal: false, vertical: true)
                }
            }
            .padding(Theme.gap)
        }
        .navigationTitle(t("player.title"))
        .navigationBarTitleDisplayMode(.inline)
        .onAppear { model.send(.appeared) }
        .onDisappear { model.send(.disappeared) }
    }

    private func resumeOffer(_ resume: PlayerViewModel.Resume) -> some View {
        VStack(alignment: .leading, spacing: 12) {
            Text(t.format("player.resume.question", resume.label))
                .font(.headline)
                .fixedSize(horizontal: false, vertical: true)
            Button(t.format("player.resume.continue", resume.label)) { model.send(.resume) }
                .buttonStyle(PrimaryButtonStyle())
            Button(t("player.resume.startOver")) { model.send(.startOver) }
                .buttonStyle(SecondaryButtonStyle())
        }
        .card()
    }

    private func position(_ state: PlayerViewModel.State) -> some View {
        let duration = Double(max(state.durationMs, 1))
        return VStack(spacing: 4) {
            Slider(
                value: Binding(
                    get: { Double(state.positionMs) },
                    set: { model.send(.scrub(UInt64(max(0, $0)))) }),
                in: 0...duration,
                onEditingChanged: { editing in
                    if !editing {
                        model.send(.scrubEnded)
                    }
                })
                .tint(Theme.accent)
                .frame(minHeight: Theme.touchTarget)
                .accessibilityLabel(t("player.position"))
                .accessibilityValue(t.format(
                    "player.position.value",
                    t.spokenDuration(ms: state.positionMs),
                    t.spokenDuration(ms: state.durationMs)))
            HStack {
                Text(t.minutesSeconds(ms: state.positionMs))
                Spacer()
                Text(t.minutesSeconds(ms: state.durationMs))
            }
            .font(.subheadline.monospacedDigit())
            .accessibilityHidden(true)
        }
    }

    private func controls(_ state: PlayerViewModel.State) -> some View {
        VStack(spacing: Theme.gap) {
            HStack(spacing: Theme.gap) {
                Button {
                    model.send(.skip(seconds: -15))
                } label: {
                    Image(systemName: "gobackward.15")
                        .font(.title)
                        .frame(minWidth: 60, minHeight: 60)
                }
                .accessibilityLabel(t("player.back15"))
                Button {
                    model.send(.playPause)
                } label: {
                    Image(systemName: state.isPlaying ? "pause.circle.fill" : "play.circle.fill")
                        .font(.system(size: 72))
                        .frame(minWidth: 88, minHeight: 88)
                }
                .accessibilityLabel(state.isPlaying ? t("player.pause") : t("player.play"))
                Button {
                    model.send(.skip(seconds: 15))
                } label: {
                    Image(systemName: "goforward.15")
                        .font(.title)
                        .frame(minWidth: 60, minHeight: 60)
                }
                .accessibilityLabel(t("player.forward15"))
            }
            .foregroundStyle(Theme.accent)
            .frame(maxWidth: .infinity)
            if state.hasEnded {
                Label(t("player.ended"), systemImage: "checkmark.circle.fill")
            }
            Button(t("player.stop")) { model.send(.stop) }
                .buttonStyle(SecondaryButtonStyle())
                .disabled(state.player?.status == .idle || state.player?.status == .ready)
        }
    }
}

#Preview("Player with a resume offer") {
    let client = FakeCourseClient(.midCourse)
    let player: PlayerClient = FakePlayerClient(resumeAtMs: 252_000)
    let audio = AudioSession(player: player)
    return NavigationStack {
        PlayerView(model: PlayerViewModel(
            client: client, sectionId: "m1-exercise", title: "Andningsövning",
            session: { (player, audio) }, afterWrite: {}))
    }
    .environment(AppModel.preview(.midCourse))
}

#Preview("Player, broken file, English") {
    let player: PlayerClient = FakePlayerClient(failure: .hashMismatch)
    let audio = AudioSession(player: player)
    return NavigationStack {
        PlayerView(model: PlayerViewModel(
            client: FakeCourseClient(.firstWeek, language: .english), sectionId: "m1-exercise",
            title: "Breathing exercise", session: { (player, audio) }, afterWrite: {}))
    }
    .environment(AppModel.preview(language: .english))
    .environment(\.strings, Strings(language: .english))
}
