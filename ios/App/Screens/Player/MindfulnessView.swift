// The list of mindfulness exercises, each to the player, and today's
// minutes (no streaks).
import PainSchool
import SwiftUI

struct MindfulnessView: View {
    @Environment(\.strings) private var t
    @State private var model: MindfulnessViewModel

    init(model: MindfulnessViewModel) {
        _model = State(initialValue: model)
    }

    var body: some View {
        let state = model.state
        List {
            if let problem = state.problem {
                ProblemBanner(problem: problem) { model.send(.retry) }
                    .listRowSeparator(.hidden)
            }
            if state.isLoading {
                LoadingView()
            }
            if let minutes = state.value?.minutesToday {
                Section {
                    Label(t.format("player.minutesToday", Int(minutes)), systemImage: "leaf")
                }
            }
            Section {
                ForEach(state.value?.exercises ?? []) { exercise in
                    NavigationLink(value: Destination.player(sectionId: exercise.id, title: exercise.title)) {
                        Label(exercise.title, systemImage: "play.circle")
                            .frame(minHeight: Theme.touchTarget)
                    }
                }
            } footer: {
                Text(t("mindfulness.footer"))
            }
        }
        .navigationTitle(t("mindfulness.title"))
        .onAppear { model.send(.appeared) }
    }
}

#Preview("Mindfulness") {
    NavigationStack {
        MindfulnessView(model: MindfulnessViewModel(client: FakeCourseClient(.midCourse)))
    }
    .environment(AppModel.preview(.midCourse))
}
