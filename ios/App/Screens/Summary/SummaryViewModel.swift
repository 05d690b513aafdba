// The printable summary: everything the patient wrote, made by the core
// on this phone (A4 PDF with fonts embedded, and an HTML page that screen
// readers read well). This model loads the PDF to show, writes the files
// the share sheet offers (protected, deleted when the screen closes),
// prints through the OS, and reads the offer (last module, or the days
// left after access ended).
import Foundation
import Observation
import PainSchool

@MainActor
@Observable
final class SummaryViewModel {
    struct State: Equatable {
        var pdf: Data?
        var html: String?
        var offer: SummaryOffer?
        var pdfFile: URL?
        var htmlFile: URL?
        /// Show the HTML (text) version instead of the PDF.
        var showsText = false
        var isLoading = true
        var isPrinting = false
        var problem: Problem?
    }

    enum Event {
        case appeared
        case disappeared
        case print
        case toggleText
        case retry
    }

    private(set) var state = State()
    private let client: CourseClient
    /// The file name without extension, in the patient's language.
    private let fileName: String
    private let jobName: String

    init(client: CourseClient, fileName: String, jobName: String) {
        self.client = client
        self.fileName = fileName
        self.jobName = jobName
    }

    func send(_ event: Event) {
        switch event {
        case .appeared, .retry:
            guard state.pdf == nil || state.problem != nil else { return }
            Task { await load() }
        case .disappeared:
            FileProtection.removeSummaryFiles()
            state.pdfFile = nil
            state.htmlFile = nil
        case .print:
            guard let pdf = state.pdf else { return }
            state.isPrinting = true
            SummaryPrinter.present(pdf: pdf, jobName: jobName) { [weak self] _ in
                self?.state.isPrinting = false
            }
        case .toggleText:
            state.showsText.toggle()
            if state.showsText, state.html == nil {
                Task { await loadHtml() }
            }
        }
    }

    private func load() async {
        state.isLoading = true
        state.problem = nil
        do {
            state.offer = try await client.summaryOffer()
            state.pdf = try await client.summaryPdf()
            state.pdfFile = try await SummaryPrinter.shareableFile(client, format: .pdf, name: fileName)
            state.htmlFile = try await SummaryPrinter.shareableFile(client, format: .html, name: fileName)
        } catch {
            state.problem = Problem(error)
        }
        state.isLoading = false
    }

    private func loadHtml() async {
        do {
            state.html = try await client.summaryHtml()
        } catch {
            state.problem = Problem(error)
        }
    }
}
