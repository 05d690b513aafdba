// The module reader's model for one section: opens it through the core
// (which records it as read), keeps what the patient is writing per
// question, autosaves drafts (they never leave the phone) a moment after
// each change and when the screen closes, submits answers (validated and
// queued for the clinic by the core), and marks audio, video and
// exercises as done.
import Foundation
import Observation
import PainSchool

@MainActor
@Observable
final class ReaderViewModel {
    /// One question's editing state.
    struct QuestionState: Equatable {
        /// What is being written; nil: nothing yet.
        var value: AnswerValue?
        /// Diary: the entry being edited; nil: a new entry.
        var entryId: String?
        var isSaving = false
        /// When the last answer was saved (shown as a confirmation).
        var submittedAt: Date?
        /// The draft on the phone matches what is written.
        var draftSaved = false
        var problem: Problem?
    }

    struct State: Equatable {
        var section: SectionView?
        var problem: Problem?
        var questions: [String: QuestionState] = [:]
        var exerciseDone = false

        var isLoading: Bool { section == nil && problem == nil }
    }

    enum Event {
        case appeared
        case retry
        case edit(questionId: String, value: AnswerValue)
        case submit(questionId: String)
        /// Diary: edit an existing entry, or start a new one (nil).
        case editEntry(questionId: String, entryId: String?)
        case markDone
        case disappeared
    }

    let sectionId: String
    private(set) var state = State()
    private let client: CourseClient
    private let afterWrite: @MainActor () -> Void
    @ObservationIgnored private var draftTasks: [String: Task<Void, Never>] = [:]
    /// How long after the last keystroke a draft is saved.
    private let draftDelay: UInt64 = 800_000_000

    init(client: CourseClient, sectionId: String, afterWrite: @escaping @MainActor () -> Void) {
        self.client = client
        self.sectionId = sectionId
        self.afterWrite = afterWrite
    }

    func send(_ event: Event) {
        switch event {
        case .appeared:
            guard state.section == nil else { return }
            Task { await load() }
        case .retry:
            Task { await load() }
        case let .edit(questionId, value):
            state.questions[questionId, default: QuestionState()].value = value
            state.questions[questionId]?.draftSaved = false
            state.questions[questionId]?.problem = nil
            scheduleDraft(questionId)
        case let .submit(questionId):
            Task { await submit(questionId) }
        case let .editEntry(questionId, entryId):
            Task { await editEntry(questionId, entryId) }
        case .markDone:
            Task { await markDone() }
        case .disappeared:
            flushDrafts()
        }
    }

    // MARK: Loading

    private func load() async {
        do {
            let section = try await client.openSection(sectionId)
            state.section = section
            state.problem = nil
            for question in section.questions where state.questions[question.id] == nil {
                var fresh = QuestionState()
                fresh.value = Self.initialValue(question, kind: section.kind)
                fresh.draftSaved = question.draft != nil
                state.questions[question.id] = fresh
            }
        } catch {
            state.problem = Problem(error)
        }
    }

    /// The draft if there is one; else the current answer, to edit; a
    /// diary or the weekly check-in starts empty (each is a new entry).
    static func initialValue(_ question: QuestionView, kind: String) -> AnswerValue? {
        if let draft = question.draft {
            return draft
        }
        if question.questionType == "diary" || kind == "check_in" {
            return nil
        }
        return question.answers.last?.value
    }

    // MARK: Drafts

    private func scheduleDraft(_ questionId: String) {
        draftTasks[questionId]?.cancel()
        let delay = draftDelay
        draftTasks[questionId] = Task { [weak self] in
            try? await Task.sleep(nanoseconds: delay)
            guard !Task.isCancelled else { return }
            await self?.saveDraft(questionId)
        }
    }

    private func saveDraft(_ questionId: String) async {
        guard let question = state.questions[questionId], let value = question.value else { return }
        do {
            try await client.saveDraft(questionId: questionId, entryId: question.entryId, value: value)
            if state.questions[questionId]?.value == value {
                state.questions[questionId]?.draftSaved = true
            }
        } catch {
            state.questions[questionId]?.problem = Problem(error)
        }
    }

    /// Saves every draft still waiting (the screen is closing).
    private func flushDrafts() {
        let pending = draftTasks.keys
        for questionId in pending {
            draftTasks[questionId]?.cancel()
            if state.questions[questionId]?.draftSaved == false {
                Task { await saveDraft(questionId) }
            }
        }
        draftTasks = [:]
    }

    // MARK: Answers

    private func submit(_ questionId: String) async {
        guard let question = state.section?.questions.first(where: { $0.id == questionId }),
              let value = state.questions[questionId]?.value else { return }
        let entryId = state.questions[questionId]?.entryId
        draftTasks[questionId]?.cancel()
        draftTasks[questionId] = nil
        state.questions[questionId]?.isSaving = true
        state.questions[questionId]?.problem = nil
        do {
            let version = try await client.submit(questionId: questionId, entryId: entryId, value: value)
            record(version, questionId: questionId)
            state.questions[questionId]?.submittedAt = version.submittedAt
            state.questions[questionId]?.draftSaved = false
            if question.questionType == "diary" {
                state.questions[questionId]?.value = nil
                state.questions[questionId]?.entryId = nil
            }
            afterWrite()
        } catch {
            state.questions[questionId]?.problem = Problem(error)
        }
        state.questions[questionId]?.isSaving = false
    }

    /// Puts a saved version in the section as the current answer.
    private func record(_ version: AnswerVersion, questionId: String) {
        guard var section = state.section,
              let index = section.questions.firstIndex(where: { $0.id == questionId }) else { return }
        var answers = section.questions[index].answers
        if let existing = answers.firstIndex(where: { $0.entryId == version.entryId }) {
            answers[existing] = version
        } else {
            answers.append(version)
        }
        section.questions[index].answers = answers
        section.questions[index].draft = nil
        state.section = section
    }

    private func editEntry(_ questionId: String, _ entryId: String?) async {
        flushDrafts()
        var value: AnswerValue?
        do {
            value = try await client.draft(questionId: questionId, entryId: entryId)
        } catch {
            _ = Problem(error)
        }
        if value == nil, let entryId {
            value = state.section?.questions.first(where: { $0.id == questionId })?
                .answers.first(where: { $0.entryId == entryId })?.value
        }
        var question = state.questions[questionId] ?? QuestionState()
        question.entryId = entryId
        question.value = value
        question.draftSaved = value != nil
        question.problem = nil
        state.questions[questionId] = question
    }

    // MARK: Exercises

    private func markDone() async {
        guard !state.exerciseDone else { return }
        do {
            try await client.markExerciseDone(sectionId: sectionId)
            state.exerciseDone = true
            afterWrite()
        } catch {
            state.problem = Problem(error)
        }
    }
}
