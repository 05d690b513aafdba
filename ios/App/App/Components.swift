// Shared pieces of the screens: sizes, colours with AA contrast, button
// styles with large touch targets, the problem banner, "where to turn",
// and the loading state. Views only; no course logic.
import PainSchool
import SwiftUI

enum Theme {
    /// The smallest touch target (Apple's 44 pt; buttons here are 50 pt).
    static let touchTarget: CGFloat = 44
    static let buttonHeight: CGFloat = 50
    static let gap: CGFloat = 16
    static let corner: CGFloat = 12

    /// Teal #005A73 (light, 7.8:1 on white) / #7FD3E6 (dark, 12.4:1 on black).
    static let accent = Color("AccentColor")
    /// Text on the accent: white (light) / black (dark), both ≥ 7.7:1.
    static let onAccent = Color("OnAccent")
    /// Warnings: #B3261E (light, 6.5:1 on white) / #FF8A80 (dark, 7.4:1 on #1C1C1E).
    static let warning = Color("Warning")
    /// Cards on the page background (system colours, AA for primary text).
    static let card = Color(uiColor: .secondarySystemBackground)
}

extension TextSize {
    /// The Dynamic Type sizes allowed with the patient's reading size: a
    /// larger choice raises the floor and never caps the system's size
    /// (up to the accessibility sizes, well past 200%).
    var dynamicTypeRange: ClosedRange<DynamicTypeSize> {
        switch self {
        case .standard: return DynamicTypeSize.xSmall ... DynamicTypeSize.accessibility5
        case .large: return DynamicTypeSize.xLarge ... DynamicTypeSize.accessibility5
        case .extraLarge: return DynamicTypeSize.xxxLarge ... DynamicTypeSize.accessibility5
        }
    }
}

/// A full-width filled button, at least 50 pt high, its label wrapping
/// instead of truncating at large text sizes.
struct PrimaryButtonStyle: ButtonStyle {
    @Environment(\.isEnabled) var isEnabled

    func makeBody(configuration: Configuration) -> some View {
        configuration.label
            .font(.body.weight(.semibold))
            .multilineTextAlignment(.center)
            .frame(maxWidth: .infinity, minHeight: Theme.buttonHeight)
            .padding(.horizontal, Theme.gap)
            .foregroundStyle(Theme.onAccent)
            .background(Theme.accent.opacity(isEnabled ? 1 : 0.4), in: RoundedRectangle(cornerRadius: Theme.corner))
            .opacity(configuration.isPressed ? 0.8 : 1)
            .contentShape(Rectangle())
    }
}

/// A full-width outlined button, at least 50 pt high.
struct SecondaryButtonStyle: ButtonStyle {
    func makeBody(configuration: Configuration) -> some View {
        configuration.label
            .font(.body.weight(.semibold))
            .multilineTextAlignment(.center)
            .frame(maxWidth: .infinity, minHeight: Theme.buttonHeight)
            .padding(.horizontal, Theme.gap)
            .foregroundStyle(Theme.accent)
            .overlay(RoundedRectangle(cornerRadius: Theme.corner).stroke(Theme.accent, lineWidth: 2))
            .opacity(configuration.isPressed ? 0.7 : 1)
            .contentShape(Rectangle())
    }
}

extension View {
    /// A rounded card on the system's secondary background.
    func card() -> some View {
        padding(Theme.gap)
            .frame(maxWidth: .infinity, alignment: .leading)
            .background(Theme.card, in: RoundedRectangle(cornerRadius: Theme.corner))
    }
}

/// What went wrong, and a retry when it can help.
struct ProblemBanner: View {
    @Environment(\.strings) var t
    let problem: Problem
    var retry: (() -> Void)?

    var body: some View {
        VStack(alignment: .leading, spacing: 12) {
            Label {
                Text(problem.message(t))
                    .fixedSize(horizontal: false, vertical: true)
            } icon: {
                Image(systemName: "exclamationmark.triangle.fill")
                    .foregroundStyle(Theme.warning)
                    .accessibilityHidden(true)
            }
            if let retry, problem.canRetry {
                Button(t("action.retry"), action: retry)
                    .buttonStyle(SecondaryButtonStyle())
            }
        }
        .card()
        .accessibilityElement(children: .contain)
    }
}

/// Where to turn when things get worse: the clinic (through the messages),
/// 1177 and 112. Shown on every screen that talks about the course's end,
/// on the start screen and with the messages.
struct WhereToTurnView: View {
    @Environment(\.strings) var t

    var body: some View {
        VStack(alignment: .leading, spacing: 12) {
            Text(t("whereToTurn.title"))
                .font(.headline)
                .accessibilityAddTraits(.isHeader)
            Text(t("whereToTurn.body"))
                .fixedSize(horizontal: false, vertical: true)
            ViewThatFits(in: .horizontal) {
                HStack(spacing: 12) { callButtons }
                VStack(spacing: 12) { callButtons }
            }
        }
        .card()
    }

    @ViewBuilder private var callButtons: some View {
        if let advice = URL(string: "tel:1177") {
            Link(destination: advice) {
                Label(t("whereToTurn.call1177"), systemImage: "phone")
            }
            .buttonStyle(SecondaryButtonStyle())
            .accessibilityHint(t("whereToTurn.call1177.hint"))
        }
        if let emergency = URL(string: "tel:112") {
            Link(destination: emergency) {
                Label(t("whereToTurn.call112"), systemImage: "phone.fill")
            }
            .buttonStyle(SecondaryButtonStyle())
            .accessibilityHint(t("whereToTurn.call112.hint"))
        }
    }
}

/// A spinner with a spoken label.
struct LoadingView: View {
    @Environment(\.strings) var t

    var body: some View {
        ProgressView {
            Text(t("loading"))
        }
        .frame(maxWidth: .infinity, minHeight: 120)
    }
}

/// The icon and spoken name of a section kind.
enum SectionKind {
    static func icon(_ kind: String) -> String {
        switch kind {
        case "text": return "doc.text"
        case "image": return "photo"
        case "audio": return "waveform"
        case "video": return "play.rectangle"
        case "mindfulness": return "leaf"
        case "assignment": return "square.and.pencil"
        case "reflection": return "text.bubble"
        case "check_in": return "checklist"
        default: return "doc"
        }
    }

    static func name(_ kind: String, _ t: Strings) -> String {
        switch kind {
        case "text": return t("section.kind.text")
        case "image": return t("section.kind.image")
        case "audio": return t("section.kind.audio")
        case "video": return t("section.kind.video")
        case "mindfulness": return t("section.kind.mindfulness")
        case "assignment": return t("section.kind.assignment")
        case "reflection": return t("section.kind.reflection")
        case "check_in": return t("section.kind.check_in")
        default: return t("section.kind.other")
        }
    }
}
