// The summary: view it (the PDF, or the text version), print it, share it
// (PDF or web page) through the OS share sheet.
import PDFKit
import PainSchool
import SwiftUI
import WebKit

struct SummaryView: View {
    @Environment(\.strings) private var t
    @State private var model: SummaryViewModel

    init(model: SummaryViewModel) {
        _model = State(initialValue: model)
    }

    var body: some View {
        let state = model.state
        VStack(spacing: 0) {
            if let problem = state.problem {
                ProblemBanner(problem: problem) { model.send(.retry) }
                    .padding(Theme.gap)
            }
            if state.isLoading {
                LoadingView()
                Spacer()
            } else if state.showsText {
                if let html = state.html {
                    SummaryTextView(html: html)
                        .accessibilityLabel(t("summary.textVersion"))
                } else {
                    LoadingView()
                    Spacer()
                }
            } else if let pdf = state.pdf {
                SummaryPDFView(pdf: pdf)
                    .accessibilityLabel(t("summary.pdf"))
                    .accessibilityHint(t("summary.pdf.hint"))
            }
        }
        .safeAreaInset(edge: .bottom) {
            actions(state)
        }
        .navigationTitle(t("summary.title"))
        .navigationBarTitleDisplayMode(.inline)
        .onAppear { model.send(.appeared) }
        .onDisappear { model.send(.disappeared) }
    }

    private func actions(_ state: SummaryViewModel.State) -> some View {
        VStack(alignment: .leading, spacing: 8) {
            if let offer = state.offer, offer.reason == .accessEnded, let until = offer.until {
                Text(t.format("summary.offer.until", t.date(until)))
                    .font(.footnote)
                    .fixedSize(horizontal: false, vertical: true)
            }
            ViewThatFits(in: .horizontal) {
                HStack(spacing: 8) { buttons(state) }
                VStack(spacing: 8) { buttons(state) }
            }
            Button(state.showsText ? t("summary.showPdf") : t("summary.showText")) {
                model.send(.toggleText)
            }
            .buttonStyle(SecondaryButtonStyle())
        }
        .padding(Theme.gap)
        .background(.bar)
    }

    @ViewBuilder
    private func buttons(_ state: SummaryViewModel.State) -> some View {
        Button {
            model.send(.print)
        } label: {
            Label(t("summary.print"), systemImage: "printer")
        }
        .buttonStyle(PrimaryButtonStyle())
        .disabled(state.pdf == nil || state.isPrinting)
        if let file = state.pdfFile {
            ShareLink(item: file, preview: SharePreview(t("summary.title"))) {
                Label(t("summary.sharePdf"), systemImage: "square.and.arrow.up")
            }
            .buttonStyle(SecondaryButtonStyle())
        }
        if let file = state.htmlFile {
            ShareLink(item: file, preview: SharePreview(t("summary.title"))) {
                Label(t("summary.shareHtml"), systemImage: "doc.text")
            }
            .buttonStyle(SecondaryButtonStyle())
        }
    }
}

/// The PDF, paged and zoomable (PDFKit).
struct SummaryPDFView: UIViewRepresentable {
    let pdf: Data

    func makeUIView(context: Context) -> PDFView {
        let view = PDFView()
        view.autoScales = true
        view.displayMode = .singlePageContinuous
        view.displayDirection = .vertical
        view.document = PDFDocument(data: pdf)
        return view
    }

    func updateUIView(_ view: PDFView, context: Context) {
        if view.document?.dataRepresentation() != pdf {
            view.document = PDFDocument(data: pdf)
        }
    }
}

/// The HTML version: headings, tables with headers, the chart's numbers as
/// text, read well by VoiceOver. No scripts run.
struct SummaryTextView: UIViewRepresentable {
    let html: String

    func makeUIView(context: Context) -> WKWebView {
        let configuration = WKWebViewConfiguration()
        configuration.defaultWebpagePreferences.allowsContentJavaScript = false
        return WKWebView(frame: .zero, configuration: configuration)
    }

    func makeCoordinator() -> Coordinator { Coordinator() }

    /// Remembers what was loaded, so an update does not reload the page.
    final class Coordinator {
        var loaded: String?
    }

    func updateUIView(_ view: WKWebView, context: Context) {
        guard context.coordinator.loaded != html else { return }
        context.coordinator.loaded = html
        view.loadHTMLString(html, baseURL: nil)
    }
}

#Preview("Summary") {
    NavigationStack {
        SummaryView(model: SummaryViewModel(
            client: FakeCourseClient(.lastModule), fileName: "Smartskolan-sammanfattning", jobName: "Smärtskolan"))
    }
    .environment(AppModel.preview(.lastModule))
}

#Preview("Summary, failing") {
    NavigationStack {
        SummaryView(model: SummaryViewModel(
            client: FakeCourseClient(.failing), fileName: "Smartskolan-sammanfattning", jobName: "Smärtskolan"))
    }
    .environment(AppModel.preview(.failing))
}
