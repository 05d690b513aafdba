// The course's Markdown (CommonMark, written for phones: headings, short
// paragraphs, lists, emphasis, links) drawn as SwiftUI text blocks.
// SwiftUI's `Text` renders inline Markdown only, so the blocks are split
// here; each block is plain `Text` and so grows with Dynamic Type.
import SwiftUI

struct MarkdownText: View {
    let markdown: String

    var body: some View {
        VStack(alignment: .leading, spacing: 12) {
            ForEach(Array(MarkdownBlock.parse(markdown).enumerated()), id: \.offset) { _, block in
                switch block {
                case let .heading(level, text):
                    Text(Self.inline(text))
                        .font(level <= 2 ? .title3.weight(.semibold) : .headline)
                        .accessibilityAddTraits(.isHeader)
                case let .bullet(text):
                    HStack(alignment: .firstTextBaseline, spacing: 8) {
                        Text("•").accessibilityHidden(true)
                        Text(Self.inline(text))
                    }
                case let .numbered(number, text):
                    HStack(alignment: .firstTextBaseline, spacing: 8) {
                        Text("\(number).")
                        Text(Self.inline(text))
                    }
                case let .paragraph(text):
                    Text(Self.inline(text))
                }
            }
        }
        .fixedSize(horizontal: false, vertical: true)
        .frame(maxWidth: .infinity, alignment: .leading)
        .textSelection(.enabled)
    }

    /// Emphasis, strong, code and links within one block.
    static func inline(_ text: String) -> AttributedString {
        let options = AttributedString.MarkdownParsingOptions(
            interpretedSyntax: .inlineOnlyPreservingWhitespace)
        return (try? AttributedString(markdown: text, options: options)) ?? AttributedString(text)
    }
}

/// One block of the Markdown.
enum MarkdownBlock: Equatable {
    case heading(level: Int, text: String)
    case bullet(String)
    case numbered(Int, String)
    case paragraph(String)

    /// Splits Markdown into blocks: `#` headings, `-`/`*`/`+` bullets,
    /// `1.` items, and paragraphs (lines joined until a blank line).
    static func parse(_ markdown: String) -> [MarkdownBlock] {
        var blocks: [MarkdownBlock] = []
        var paragraph: [String] = []

        func endParagraph() {
            if !paragraph.isEmpty {
                blocks.append(.paragraph(paragraph.joined(separator: " ")))
                paragraph = []
            }
        }

        for raw in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty {
                endParagraph()
            } else if line.hasPrefix("#") {
                endParagraph()
                let level = line.prefix(while: { $0 == "#" }).count
                let text = line.dropFirst(level).trimmingCharacters(in: .whitespaces)
                blocks.append(.heading(level: level, text: text))
            } else if line.hasPrefix("- ") || line.hasPrefix("* ") || line.hasPrefix("+ ") {
                endParagraph()
                blocks.append(.bullet(String(line.dropFirst(2))))
            } else if let dot = line.firstIndex(of: "."),
                      let number = Int(line[line.startIndex..<dot]),
                      line[line.index(after: dot)...].hasPrefix(" ") {
                endParagraph()
                let text = line[line.index(after: dot)...].trimmingCharacters(in: .whitespaces)
                blocks.append(.numbered(number, text))
            } else if line.hasPrefix(">") {
                endParagraph()
                blocks.append(.paragraph(line.dropFirst().trimmingCharacters(in: .whitespaces)))
            } else {
                paragraph.append(line)
            }
        }
        endParagraph()
        return blocks
    }
}
