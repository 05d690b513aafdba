// Printing and sharing the printable summary. The core makes the document
// (A4 PDF with fonts embedded, or one HTML page); this file hands it to the
// OS: UIPrintInteractionController for printing, and a protected
// temporary file for the share sheet (SummaryView's ShareLink).
import Foundation
import PainSchool
import UIKit

@MainActor
enum SummaryPrinter {
    /// Shows the print sheet for the PDF; `done` says whether it printed.
    static func present(pdf: Data, jobName: String, done: @escaping (Bool) -> Void) {
        guard UIPrintInteractionController.canPrint(pdf) else {
            Log.app.error("summary cannot be printed on this device")
            done(false)
            return
        }
        let controller = UIPrintInteractionController.shared
        let info = UIPrintInfo(dictionary: nil)
        info.outputType = .general
        info.jobName = jobName
        controller.printInfo = info
        controller.printingItem = pdf
        _ = controller.present(animated: true) { _, completed, error in
            if error != nil {
                Log.app.error("summary print failed")
            }
            done(completed)
        }
    }

    /// Writes the summary for the share sheet into a folder with complete
    /// file protection; it is deleted when the summary screen closes.
    static func shareableFile(_ client: CourseClient, format: SummaryFormat, name: String) async throws -> URL {
        let dir = try FileProtection.summaryDirectory()
        let file = dir.appendingPathComponent(name + (format == .pdf ? ".pdf" : ".html"), isDirectory: false)
        return try await client.writeSummary(to: file, format: format)
    }
}
