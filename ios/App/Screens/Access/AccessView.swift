// Access ending and access ended. Before the end: when it ends, what
// happens then, the summary. After the end: the course is locked;
// messages and the summary stay for the 14 days of grace; what is still
// unsent; then the data leaves the phone. Always where to turn.
import PainSchool
import SwiftUI

struct AccessView: View {
    @Environment(\.strings) private var t
    @Environment(AppModel.self) private var app
    @State private var model: AccessViewModel

    init(model: AccessViewModel) {
        _model = State(initialValue: model)
    }

    var body: some View {
        let state = model.state
        ScrollView {
            VStack(alignment: .leading, spacing: Theme.gap) {
                if let problem = state.problem {
                    ProblemBanner(problem: problem) { model.send(.retry) }
                }
                if state.isLoading {
                    LoadingView()
                }
                if let status = state.value?.status {
                    switch status.access {
                    case let .notStarted(startsAt):
                        Text(t.format("week.notStarted", t.date(startsAt)))
                            .card()
                    case let .active(endsAt, daysLeft, endingSoon):
                        ending(endsAt: endsAt, daysLeft: daysLeft, soon: endingSoon)
                    case let .ended(endedAt, graceUntil):
                        ended(endedAt: endedAt, graceUntil: graceUntil, status: status)
                    }
                    if status.unsent > 0 {
                        Label(t.format("access.unsent", Int(status.unsent)), systemImage: "arrow.triangle.2.circlepath")
                            .fixedSize(horizontal: false, vertical: true)
                            .card()
                    }
                }
                if let offer = state.value?.offer, offer.reason != nil {
                    NavigationLink(value: Destination.summary) {
                        Label(t("summary.offer.open"), systemImage: "doc.richtext")
                    }
                    .buttonStyle(PrimaryButtonStyle())
                }
                WhereToTurnView()
            }
            .padding(Theme.gap)
        }
        .navigationTitle(t("access.title"))
        .onAppear { model.send(.appeared) }
    }

    private func ending(endsAt: Date, daysLeft: Int64, soon: Bool) -> some View {
        VStack(alignment: .leading, spacing: 12) {
            Text(soon ? t("access.ending.title") : t("access.active.title"))
                .font(.title2.bold())
                .accessibilityAddTraits(.isHeader)
            Text(t.format("access.endsOn", t.date(endsAt), Int(daysLeft)))
                .fixedSize(horizontal: false, vertical: true)
            Text(t("access.ending.what"))
                .fixedSize(horizontal: false, vertical: true)
            Text(t("access.ending.moreTime"))
                .fixedSize(horizontal: false, vertical: true)
        }
        .card()
    }

    private func ended(endedAt: Date, graceUntil: Date, status: AccessStatus) -> some View {
        VStack(alignment: .leading, spacing: 12) {
            Text(t("access.ended.title"))
                .font(.title2.bold())
                .accessibilityAddTraits(.isHeader)
            Text(t.format("access.ended.on", t.date(endedAt)))
                .fixedSize(horizontal: false, vertical: true)
            Text(t.format("access.ended.grace", t.date(graceUntil)))
                .fixedSize(horizontal: false, vertical: true)
            Text(status.endConfirmed ? t("access.ended.confirmed") : t("access.ended.wipeLater"))
                .fixedSize(horizontal: false, vertical: true)
            Button {
                app.router.tab = .messages
            } label: {
                Label(t("access.ended.messages"), systemImage: "envelope")
            }
            .buttonStyle(SecondaryButtonStyle())
        }
        .card()
    }
}

#Preview("Access ending") {
    NavigationStack {
        AccessView(model: AccessViewModel(client: FakeCourseClient(.accessEnding)))
    }
    .environment(AppModel.preview(.accessEnding))
}

#Preview("Access ended, English, large text") {
    NavigationStack {
        AccessView(model: AccessViewModel(client: FakeCourseClient(.accessEnded, language: .english)))
    }
    .environment(AppModel.preview(.accessEnded, language: .english))
    .environment(\.strings, Strings(language: .english))
    .dynamicTypeSize(.accessibility3)
}
