// The course tab: the eight modules (open ones lead to their sections;
// locked ones say when they open) and the printable summary.
import PainSchool
import SwiftUI

struct ModulesView: View {
    @Environment(\.strings) private var t
    @State private var model: ModulesViewModel

    init(model: ModulesViewModel) {
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
            Section {
                ForEach(state.value ?? [], id: \.id) { module in
                    row(module)
                }
            }
            Section {
                NavigationLink(value: Destination.summary) {
                    Label(t("summary.title"), systemImage: "doc.richtext")
                        .frame(minHeight: Theme.touchTarget)
                }
            } footer: {
                Text(t("summary.footer"))
            }
        }
        .navigationTitle(t("tab.course"))
        .refreshable { await model.load() }
        .onAppear { model.send(.appeared) }
    }

    @ViewBuilder
    private func row(_ module: ModuleCard) -> some View {
        switch module.lock {
        case .open:
            NavigationLink(value: Destination.module(module.id)) {
                rowContent(module, opens: nil)
            }
        case .locked:
            rowContent(module, opens: module.opensOn)
                .accessibilityHint(t("module.locked.hint"))
        }
    }

    private func rowContent(_ module: ModuleCard, opens: String?) -> some View {
        HStack(alignment: .firstTextBaseline, spacing: 12) {
            Image(systemName: module.lock == .open
                ? (module.progress.finished ? "checkmark.circle.fill" : "book")
                : "lock")
                .foregroundStyle(Theme.accent)
                .accessibilityHidden(true)
            VStack(alignment: .leading, spacing: 4) {
                Text(t.format("module.number", Int(module.number)))
                    .font(.subheadline.weight(.semibold))
                Text(module.title)
                    .font(.headline)
                if let opens {
                    Text(t.format("module.opensOn", t.isoDate(opens)))
                        .font(.subheadline)
                } else if module.lock != .open {
                    Text(t("module.locked"))
                        .font(.subheadline)
                } else {
                    ModuleProgressView(progress: module.progress)
                }
            }
        }
        .padding(.vertical, 6)
        .frame(minHeight: Theme.touchTarget)
        .accessibilityElement(children: .combine)
    }
}

#Preview("Modules, mid-course") {
    NavigationStack {
        ModulesView(model: ModulesViewModel(client: FakeCourseClient(.midCourse)))
    }
    .environment(AppModel.preview(.midCourse))
}
