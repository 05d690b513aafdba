// Activation: scan the letter's QR code, or type the code. The server
// field (another clinic, or a test server) is folded away.
import PainSchool
import SwiftUI
import UIKit

struct ActivationView: View {
    @Environment(\.strings) private var t
    @Environment(AppModel.self) private var app
    @State private var model: ActivationViewModel

    init(client: CourseClient, link: ActivationLink?, onActivated: @escaping @MainActor () async -> Void) {
        let server = Bundle.main.object(forInfoDictionaryKey: "PainSchoolServerURL") as? String ?? ""
        _model = State(initialValue: ActivationViewModel(
            client: client, link: link, defaultServer: server, onActivated: onActivated))
    }

    var body: some View {
        let state = model.state
        ScrollView {
            VStack(alignment: .leading, spacing: Theme.gap) {
                Text(t("activation.title"))
                    .font(.largeTitle.bold())
                    .accessibilityAddTraits(.isHeader)
                Text(t("activation.intro"))
                    .fixedSize(horizontal: false, vertical: true)

                Button {
                    model.send(.scanTapped)
                } label: {
                    Label(t("activation.scan"), systemImage: "qrcode.viewfinder")
                }
                .buttonStyle(PrimaryButtonStyle())
                .accessibilityHint(t("activation.scan.hint"))

                if state.scanNotRecognised {
                    Text(t("activation.scan.notRecognised"))
                        .foregroundStyle(Theme.warning)
                }
                if state.cameraDenied {
                    cameraDenied
                }

                Text(t("activation.orType"))
                    .font(.headline)
                    .accessibilityAddTraits(.isHeader)
                TextField(t("activation.code.placeholder"), text: Binding(
                    get: { model.state.code },
                    set: { model.send(.codeChanged($0)) }))
                    .textInputAutocapitalization(.characters)
                    .autocorrectionDisabled()
                    .textContentType(.oneTimeCode)
                    .font(.title3.monospaced())
                    .padding(12)
                    .frame(minHeight: Theme.touchTarget)
                    .background(Theme.card, in: RoundedRectangle(cornerRadius: Theme.corner))
                    .accessibilityLabel(t("activation.code"))
                    .submitLabel(.go)
                    .onSubmit { model.send(.activate) }

                DisclosureGroup(isExpanded: Binding(
                    get: { model.state.showsServer },
                    set: { _ in model.send(.toggleServer) })
                ) {
                    TextField(t("activation.server.placeholder"), text: Binding(
                        get: { model.state.server },
                        set: { model.send(.serverChanged($0)) }))
                        .keyboardType(.URL)
                        .textInputAutocapitalization(.never)
                        .autocorrectionDisabled()
                        .padding(12)
                        .frame(minHeight: Theme.touchTarget)
                        .background(Theme.card, in: RoundedRectangle(cornerRadius: Theme.corner))
                        .accessibilityLabel(t("activation.server"))
                } label: {
                    Text(t("activation.server.toggle"))
                        .frame(minHeight: Theme.touchTarget)
                }

                if let problem = state.problem {
                    ProblemBanner(problem: problem) { model.send(.activate) }
                }

                Button {
                    model.send(.activate)
                } label: {
                    if state.isActivating {
                        ProgressView().tint(Theme.onAccent)
                            .accessibilityLabel(t("activation.activating"))
                    } else {
                        Text(t("activation.activate"))
                    }
                }
                .buttonStyle(PrimaryButtonStyle())
                .disabled(!state.canActivate)

                WhereToTurnView()
            }
            .padding(Theme.gap)
        }
        .fullScreenCover(isPresented: Binding(
            get: { model.state.isScanning },
            set: { if !$0 { model.send(.scanCancelled) } })
        ) {
            scanner
        }
        .onChange(of: app.pendingActivation) { _, link in
            if let link {
                model.send(.link(link))
            }
        }
    }

    private var scanner: some View {
        ZStack(alignment: .bottom) {
            QRScannerView(
                onCode: { model.send(.scanned($0)) },
                onDenied: { model.send(.cameraDenied) })
                .ignoresSafeArea()
                .accessibilityLabel(t("activation.scan.camera"))
            VStack(spacing: Theme.gap) {
                Text(t("activation.scan.instructions"))
                    .font(.headline)
                    .multilineTextAlignment(.center)
                    .foregroundStyle(.white)
                    .padding(12)
                    .background(.black.opacity(0.75), in: RoundedRectangle(cornerRadius: Theme.corner))
                Button(t("action.cancel")) {
                    model.send(.scanCancelled)
                }
                .buttonStyle(PrimaryButtonStyle())
            }
            .padding(Theme.gap)
        }
    }

    private var cameraDenied: some View {
        VStack(alignment: .leading, spacing: 12) {
            Text(t("activation.camera.denied"))
                .fixedSize(horizontal: false, vertical: true)
            if let settings = URL(string: UIApplication.openSettingsURLString) {
                Link(t("action.openSettings"), destination: settings)
                    .buttonStyle(SecondaryButtonStyle())
            }
        }
        .card()
    }
}

#Preview("Activation") {
    let app = AppModel.preview(.notActivated)
    return ActivationView(client: FakeCourseClient(.notActivated), link: nil, onActivated: {})
        .environment(app)
}

#Preview("Activation, English, large text") {
    let app = AppModel.preview(.notActivated, language: .english)
    return ActivationView(client: FakeCourseClient(.notActivated, language: .english), link: nil, onActivated: {})
        .environment(app)
        .environment(\.strings, Strings(language: .english))
        .dynamicTypeSize(.accessibility3)
}
