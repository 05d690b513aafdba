// Booked visits: when, how long, what kind; cancelled ones say so.
import PainSchool
import SwiftUI

struct VisitsView: View {
    @Environment(\.strings) private var t
    @State private var model: VisitsViewModel

    init(model: VisitsViewModel) {
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
            } else if (state.value ?? []).isEmpty {
                Text(t("visits.empty"))
            }
            ForEach(state.value ?? [], id: \.id) { visit in
                VStack(alignment: .leading, spacing: 4) {
                    Text(t.dateTime(visit.startsAt))
                        .font(.headline)
                        .strikethrough(visit.cancelled)
                    Text(t.format("visits.kindAndLength", kind(visit.kind), Int(visit.minutes)))
                    if visit.cancelled {
                        Label(t("visits.cancelled"), systemImage: "xmark.circle")
                            .foregroundStyle(Theme.warning)
                    }
                }
                .padding(.vertical, 4)
                .accessibilityElement(children: .combine)
            }
        }
        .navigationTitle(t("visits.title"))
        .onAppear { model.send(.appeared) }
    }

    private func kind(_ kind: VisitKind) -> String {
        switch kind {
        case .clinic: return t("visits.kind.clinic")
        case .video: return t("visits.kind.video")
        case .phone: return t("visits.kind.phone")
        case .other: return t("visits.kind.other")
        }
    }
}

#Preview("Visits") {
    NavigationStack {
        VisitsView(model: VisitsViewModel(client: FakeCourseClient(.midCourse)))
    }
    .environment(AppModel.preview(.midCourse))
}
