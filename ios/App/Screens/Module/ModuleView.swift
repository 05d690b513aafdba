// One module: its summary and progress, then its sections; a locked module
// says when it opens.
import PainSchool
import SwiftUI

struct ModuleView: View {
    @Environment(\.strings) private var t
    @State private var model: ModuleViewModel

    init(model: ModuleViewModel) {
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
            if let module = state.module {
                Section {
                    VStack(alignment: .leading, spacing: 8) {
                        Text(module.summary)
                            .fixedSize(horizontal: false, vertical: true)
                        ModuleProgressView(progress: module.progress)
                    }
                    .padding(.vertical, 4)
                }
                switch module.lock {
                case .open:
                    Section(t("module.sections")) {
                        ForEach(state.sections) { section in
                            NavigationLink(value: Destination.section(section.id)) {
                                Label {
                                    VStack(alignment: .leading, spacing: 2) {
                                        Text(section.title)
                                        Text(section.done
                                            ? t.format("section.kindDone", SectionKind.name(section.kind, t))
                                            : SectionKind.name(section.kind, t))
                                            .font(.subheadline)
                                    }
                                } icon: {
                                    Image(systemName: section.done ? "checkmark.circle.fill" : SectionKind.icon(section.kind))
                                        .foregroundStyle(Theme.accent)
                                        .accessibilityHidden(true)
                                }
                                .frame(minHeight: Theme.touchTarget)
                                .accessibilityElement(children: .combine)
                            }
                        }
                    }
                case let .locked(opensAt):
                    Section {
                        if let opensAt {
                            Label(t.format("module.opensAt", t.date(opensAt)), systemImage: "lock")
                        } else {
                            Label(t("module.locked.manual"), systemImage: "lock")
                        }
                    }
                }
            }
        }
        .navigationTitle(state.module.map { t.format("module.number", Int($0.number)) } ?? "")
        .onAppear { model.send(.appeared) }
    }
}

#Preview("Module 1") {
    NavigationStack {
        ModuleView(model: ModuleViewModel(client: FakeCourseClient(.firstWeek), moduleId: "m1"))
    }
    .environment(AppModel.preview())
}

#Preview("Module locked, English") {
    NavigationStack {
        ModuleView(model: ModuleViewModel(client: FakeCourseClient(.firstWeek, language: .english), moduleId: "m3"))
    }
    .environment(AppModel.preview(language: .english))
    .environment(\.strings, Strings(language: .english))
}
