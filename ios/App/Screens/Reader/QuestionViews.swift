// The question editors of the module reader, one per question type
// (free text, scale, single choice, multiple choice, checklist, diary),
// each sending the whole `AnswerValue` back to ReaderViewModel. The core
// validates; these views only draw and map values.
import PainSchool
import SwiftUI

/// One question: its prompt, the editor for its type, and "Save answer"
/// with what happened (saved, draft kept, a problem).
struct QuestionEditor: View {
    @Environment(\.strings) var t
    let question: QuestionView
    let state: ReaderViewModel.QuestionState
    let send: (ReaderViewModel.Event) -> Void

    var body: some View {
        VStack(alignment: .leading, spacing: 12) {
            Text(question.prompt)
                .font(.headline)
                .fixedSize(horizontal: false, vertical: true)
                .accessibilityAddTraits(.isHeader)
            if !question.required {
                Text(t("question.optional"))
                    .font(.subheadline)
            }
            editor
            if question.questionType != "diary" {
                footer
            }
        }
        .card()
    }

    @ViewBuilder
    private var editor: some View {
        switch question.questionType {
        case "free_text":
            FreeTextEditor(prompt: question.prompt, text: state.value?.textValue ?? "") {
                send(.edit(questionId: question.id, value: .text(text: $0)))
            }
        case "scale":
            if let range = question.scale {
                ScaleEditor(range: range, selected: state.value?.scaleValue) {
                    send(.edit(questionId: question.id, value: .scale(value: $0)))
                }
            }
        case "single_choice":
            ChoiceEditor(options: question.options, selected: state.value?.choiceValue.map { [$0] } ?? [], multiple: false) { ids in
                if let first = ids.first {
                    send(.edit(questionId: question.id, value: .choice(optionId: first)))
                }
            }
        case "multiple_choice", "checklist":
            ChoiceEditor(options: question.options, selected: state.value?.choicesValue ?? [], multiple: true) { ids in
                send(.edit(questionId: question.id, value: .choices(optionIds: ids)))
            }
        case "diary":
            DiaryEditor(question: question, state: state, send: send)
        default:
            Text(t("question.unsupported"))
        }
    }

    private var footer: some View {
        VStack(alignment: .leading, spacing: 8) {
            if let problem = state.problem {
                ProblemBanner(problem: problem)
            }
            Button {
                send(.submit(questionId: question.id))
            } label: {
                if state.isSaving {
                    ProgressView().tint(Theme.onAccent)
                        .accessibilityLabel(t("question.saving"))
                } else {
                    Text(question.answers.isEmpty ? t("question.save") : t("question.saveNew"))
                }
            }
            .buttonStyle(PrimaryButtonStyle())
            .disabled(state.value == nil || state.isSaving)
            status
        }
    }

    @ViewBuilder
    private var status: some View {
        if let submitted = state.submittedAt {
            Label(t.format("question.saved", t.dateTime(submitted)), systemImage: "checkmark.circle")
        } else if state.draftSaved {
            Label(t("question.draftSaved"), systemImage: "square.and.pencil")
        } else if let current = question.answers.last {
            Text(t.format("question.answeredOn", t.dateTime(current.submittedAt)))
            if let reviewed = current.reviewedAt {
                Text(t.format("question.reviewed", t.date(reviewed)))
            }
        }
    }
}

/// Free text that grows with the text size.
struct FreeTextEditor: View {
    let prompt: String
    let text: String
    let onChange: (String) -> Void

    var body: some View {
        TextEditor(text: Binding(get: { text }, set: onChange))
            .frame(minHeight: 140)
            .padding(8)
            .overlay(RoundedRectangle(cornerRadius: Theme.corner).stroke(Color.primary.opacity(0.6)))
            .accessibilityLabel(prompt)
    }
}

/// A scale as a row of numbers (wrapping at large text sizes), each a
/// 44 pt target, with the end labels.
struct ScaleEditor: View {
    @Environment(\.strings) var t
    let range: ScaleRange
    let selected: Int64?
    let onSelect: (Int64) -> Void

    private var values: [Int64] {
        range.min <= range.max ? Array(range.min...range.max) : []
    }

    var body: some View {
        VStack(alignment: .leading, spacing: 8) {
            LazyVGrid(columns: [GridItem(.adaptive(minimum: 52), spacing: 8)], spacing: 8) {
                ForEach(values, id: \.self) { value in
                    let isSelected = selected == value
                    Button {
                        onSelect(value)
                    } label: {
                        Text("\(value)")
                            .font(.body.weight(.semibold))
                            .frame(maxWidth: .infinity, minHeight: Theme.touchTarget)
                            .foregroundStyle(isSelected ? Theme.onAccent : Color.primary)
                            .background(
                                isSelected ? Theme.accent : Color(uiColor: .systemBackground),
                                in: RoundedRectangle(cornerRadius: 8))
                            .overlay(RoundedRectangle(cornerRadius: 8).stroke(Color.primary.opacity(0.6)))
                    }
                    .buttonStyle(.plain)
                    .accessibilityLabel(label(value))
                    .accessibilityAddTraits(isSelected ? .isSelected : [])
                }
            }
            ViewThatFits(in: .horizontal) {
                HStack {
                    Text(range.minLabel ?? "")
                    Spacer()
                    Text(range.maxLabel ?? "")
                }
                VStack(alignment: .leading) {
                    Text(t.format("scale.minLabel", Int(range.min), range.minLabel ?? ""))
                    Text(t.format("scale.maxLabel", Int(range.max), range.maxLabel ?? ""))
                }
            }
            .font(.subheadline)
            .accessibilityHidden(true)
        }
    }

    /// "0, None", "5", "10, Worst imaginable".
    private func label(_ value: Int64) -> String {
        if value == range.min, let low = range.minLabel {
            return "\(value), \(low)"
        }
        if value == range.max, let high = range.maxLabel {
            return "\(value), \(high)"
        }
        return "\(value)"
    }
}

/// Options as full-width rows: radio buttons for one choice, check boxes
/// for several.
struct ChoiceEditor: View {
    let options: [ChoiceOption]
    let selected: [String]
    let multiple: Bool
    let onChange: ([String]) -> Void

    var body: some View {
        VStack(alignment: .leading, spacing: 8) {
            ForEach(options, id: \.id) { option in
                let isSelected = selected.contains(option.id)
                Button {
                    toggle(option.id)
                } label: {
                    HStack(alignment: .firstTextBaseline, spacing: 12) {
                        Image(systemName: icon(isSelected))
                            .foregroundStyle(Theme.accent)
                            .accessibilityHidden(true)
                        Text(option.label)
                            .fixedSize(horizontal: false, vertical: true)
                            .foregroundStyle(Color.primary)
                        Spacer(minLength: 0)
                    }
                    .frame(maxWidth: .infinity, minHeight: Theme.touchTarget, alignment: .leading)
                    .contentShape(Rectangle())
                }
                .buttonStyle(.plain)
                .accessibilityAddTraits(isSelected ? .isSelected : [])
            }
        }
    }

    private func icon(_ isSelected: Bool) -> String {
        if multiple {
            return isSelected ? "checkmark.square.fill" : "square"
        }
        return isSelected ? "largecircle.fill.circle" : "circle"
    }

    private func toggle(_ id: String) {
        if !multiple {
            onChange([id])
        } else if selected.contains(id) {
            onChange(selected.filter { $0 != id })
        } else {
            // Keep the question's order.
            onChange(options.map(\.id).filter { $0 == id || selected.contains($0) })
        }
    }
}

/// A diary: the entries so far (each can be edited), and the form for a
/// new entry or the one being edited.
struct DiaryEditor: View {
    @Environment(\.strings) var t
    let question: QuestionView
    let state: ReaderViewModel.QuestionState
    let send: (ReaderViewModel.Event) -> Void

    var body: some View {
        VStack(alignment: .leading, spacing: 12) {
            ForEach(question.answers, id: \.versionId) { entry in
                HStack(alignment: .firstTextBaseline) {
                    Text(summary(entry.value))
                        .fixedSize(horizontal: false, vertical: true)
                    Spacer(minLength: 8)
                    Button(t("diary.edit")) {
                        send(.editEntry(questionId: question.id, entryId: entry.entryId))
                    }
                    .frame(minWidth: Theme.touchTarget, minHeight: Theme.touchTarget)
                    .accessibilityLabel(t.format("diary.edit.label", summary(entry.value)))
                }
                Divider()
            }
            Text(state.entryId == nil ? t("diary.new") : t("diary.editing"))
                .font(.subheadline.weight(.semibold))
            ForEach(question.fields, id: \.id) { field in
                fieldEditor(field)
            }
            if let problem = state.problem {
                ProblemBanner(problem: problem)
            }
            Button {
                send(.submit(questionId: question.id))
            } label: {
                if state.isSaving {
                    ProgressView().tint(Theme.onAccent)
                        .accessibilityLabel(t("question.saving"))
                } else {
                    Text(state.entryId == nil ? t("diary.add") : t("diary.saveChanges"))
                }
            }
            .buttonStyle(PrimaryButtonStyle())
            .disabled(state.value == nil || state.isSaving)
            if state.entryId != nil {
                Button(t("diary.cancelEdit")) {
                    send(.editEntry(questionId: question.id, entryId: nil))
                }
                .buttonStyle(SecondaryButtonStyle())
            }
            if state.draftSaved {
                Label(t("question.draftSaved"), systemImage: "square.and.pencil")
            }
        }
    }

    private var fields: [String: FieldValue] {
        state.value?.diaryFields ?? [:]
    }

    /// The entry with one field changed; a date field not yet set gets
    /// today's date, as the form shows.
    private func updated(_ id: String, _ value: FieldValue?) -> AnswerValue {
        var next = fields
        for field in question.fields where field.fieldType == "date" && next[field.id] == nil {
            next[field.id] = .date(isoDate: DiaryDates.iso(Date()))
        }
        next[id] = value
        return .diary(fields: next)
    }

    @ViewBuilder
    private func fieldEditor(_ field: DiaryField) -> some View {
        let current = fields[field.id]
        switch field.fieldType {
        case "date":
            DatePicker(
                field.label,
                selection: Binding(
                    get: { current?.dateValue.flatMap(DiaryDates.date) ?? Date() },
                    set: { send(.edit(questionId: question.id, value: updated(field.id, .date(isoDate: DiaryDates.iso($0))))) }),
                displayedComponents: .date)
                .frame(minHeight: Theme.touchTarget)
        case "number":
            VStack(alignment: .leading, spacing: 4) {
                Text(field.label)
                TextField(field.label, text: Binding(
                    get: { current?.numberValue.map { String($0) } ?? "" },
                    set: { text in
                        let digits = text.filter(\.isNumber)
                        send(.edit(questionId: question.id, value: updated(field.id, Int64(digits).map { FieldValue.number(value: $0) })))
                    }))
                    .keyboardType(.numberPad)
                    .padding(10)
                    .frame(minHeight: Theme.touchTarget)
                    .overlay(RoundedRectangle(cornerRadius: 8).stroke(Color.primary.opacity(0.6)))
            }
        case "scale":
            VStack(alignment: .leading, spacing: 4) {
                Text(field.label)
                ScaleEditor(
                    range: ScaleRange(min: 0, max: 10, minLabel: nil, maxLabel: nil),
                    selected: current?.numberValue
                ) {
                    send(.edit(questionId: question.id, value: updated(field.id, .number(value: $0))))
                }
            }
        default:
            VStack(alignment: .leading, spacing: 4) {
                Text(field.label)
                TextField(field.label, text: Binding(
                    get: { current?.textValue ?? "" },
                    set: { send(.edit(questionId: question.id, value: updated(field.id, .text(text: $0)))) }))
                    .padding(10)
                    .frame(minHeight: Theme.touchTarget)
                    .overlay(RoundedRectangle(cornerRadius: 8).stroke(Color.primary.opacity(0.6)))
            }
        }
    }

    /// One line for an entry: its values in the fields' order.
    private func summary(_ value: AnswerValue) -> String {
        let entry = value.diaryFields ?? [:]
        return question.fields.compactMap { field -> String? in
            switch entry[field.id] {
            case let .date(iso)?: return t.isoDate(iso)
            case let .text(text)?: return text
            case let .number(number)?: return "\(field.label): \(number)"
            case nil: return nil
            }
        }
        .joined(separator: " · ")
    }
}

/// Local dates of diary fields as the core stores them (`2026-11-23`).
enum DiaryDates {
    private static func formatter() -> DateFormatter {
        let f = DateFormatter()
        f.calendar = Calendar(identifier: .gregorian)
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone.current
        f.dateFormat = "yyyy-MM-dd"
        return f
    }

    static func iso(_ date: Date) -> String { formatter().string(from: date) }

    static func date(_ iso: String) -> Date? { formatter().date(from: iso) }
}

/// Reading the parts of an answer (views only).
extension AnswerValue {
    var textValue: String? {
        if case let .text(text) = self { return text }
        return nil
    }

    var scaleValue: Int64? {
        if case let .scale(value) = self { return value }
        return nil
    }

    var choiceValue: String? {
        if case let .choice(optionId) = self { return optionId }
        return nil
    }

    var choicesValue: [String]? {
        if case let .choices(optionIds) = self { return optionIds }
        return nil
    }

    var diaryFields: [String: FieldValue]? {
        if case let .diary(fields) = self { return fields }
        return nil
    }
}

extension FieldValue {
    var dateValue: String? {
        if case let .date(isoDate) = self { return isoDate }
        return nil
    }

    var textValue: String? {
        if case let .text(text) = self { return text }
        return nil
    }

    var numberValue: Int64? {
        if case let .number(value) = self { return value }
        return nil
    }
}
