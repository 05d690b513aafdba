// A fake `CourseClient` and `PlayerClient` for SwiftUI previews and UI
// tests: no core, no files, no network. A `FakeScenario` puts it in each
// state the screens must draw (before activation, each stage of the course,
// the end of access, offline, failing calls); `update` changes any part.
// All data is synthetic.
import Foundation
import PainSchoolCore

/// The states the fake starts in.
public enum FakeScenario: String, CaseIterable, Sendable {
    /// Not activated: course calls throw `NotEnrolled`; activation accepts
    /// the code `TEST-CODE` and refuses others with `InvalidCode`.
    case notActivated
    /// Activated, the course starts in two days.
    case notStarted
    /// Day 2: module 1 open, the check-in due, notifications not asked.
    case firstWeek
    /// Week 4: module 4 open, two unread messages, reminders denied.
    case midCourse
    /// Module 8 open: the summary is offered (last module).
    case lastModule
    /// 12 days of access left.
    case accessEnding
    /// Access ended; messages and the summary for 14 more days.
    case accessEnded
    /// Week 4 without a network: sync is offline.
    case offline
    /// Every call fails (storage full), for the error states.
    case failing
}

/// Everything the fake answers with.
public struct FakeState {
    public var activated: Bool
    public var week: ThisWeek?
    public var modules: [ModuleCard]
    public var sections: [String: [SectionSummary]]
    public var sectionViews: [String: SectionView]
    public var drafts: [String: AnswerValue] = [:]
    public var history: [String: [AnswerVersion]] = [:]
    public var messages: [MessageThread: [Message]]
    /// What the patient was writing, per thread (kept until sent).
    public var messageDrafts: [MessageThread: String] = [:]
    public var unitName: String?
    public var replyTime: String?
    public var visits: [Visit]
    public var preferences: Preferences
    public var reminderSettings: ReminderSettings
    public var plan: ReminderPlan
    public var access: AccessStatus
    public var offer: SummaryOffer
    public var practiceMinutes: UInt32
    public var syncState: SyncState
    /// Set: every course call throws it.
    public var failure: CourseError?
    /// Set: activation and sync throw it.
    public var syncFailure: SyncError?
    /// Set: the player's `load` throws `PlayerError.Failed` with it.
    public var playerFailure: PlayerFailure?
    /// Offered by the player's `load` ("continue at 4:12").
    public var resumeAtMs: UInt64?
}

public final class FakeCourseClient: CourseClient, @unchecked Sendable {
    private let lock = NSLock()
    private var data: FakeState
    private var weekObservers: [UUID: @MainActor @Sendable (Result<ThisWeek, CourseError>) -> Void] = [:]
    private var syncObservers: [UUID: @MainActor @Sendable (SyncState) -> Void] = [:]
    private var planObservers: [UUID: @MainActor @Sendable (Result<ReminderPlan, CourseError>) -> Void] = [:]

    public init(_ scenario: FakeScenario = .firstWeek, language: Language = .swedish) {
        data = FakeData.state(scenario, language: language)
    }

    /// Changes the fake's state; streams deliver the change.
    public func update(_ change: (inout FakeState) -> Void) {
        lock.lock()
        change(&data)
        let week = weekResult()
        let plan = planResult()
        let sync = data.syncState
        let weekCallbacks = Array(weekObservers.values)
        let planCallbacks = Array(planObservers.values)
        let syncCallbacks = Array(syncObservers.values)
        lock.unlock()
        weekCallbacks.forEach { deliverOnMain(week, to: $0) }
        planCallbacks.forEach { deliverOnMain(plan, to: $0) }
        syncCallbacks.forEach { deliverOnMain(sync, to: $0) }
    }

    /// Reads the state under the lock; throws the set failure first.
    private func read<T>(_ get: (FakeState) throws -> T) throws -> T {
        lock.lock()
        defer { lock.unlock() }
        if let failure = data.failure { throw failure }
        return try get(data)
    }

    /// Throws the set failure.
    private func check() throws {
        lock.lock()
        let failure = data.failure
        lock.unlock()
        if let failure { throw failure }
    }

    /// Called with the lock held.
    private func weekResult() -> Result<ThisWeek, CourseError> {
        if let failure = data.failure { return .failure(failure) }
        guard let week = data.week else { return .failure(.NotEnrolled) }
        return .success(week)
    }

    /// Called with the lock held.
    private func planResult() -> Result<ReminderPlan, CourseError> {
        if let failure = data.failure { return .failure(failure) }
        return .success(data.plan)
    }

    private static func key(_ questionId: String, _ entryId: String?) -> String {
        questionId + "|" + (entryId ?? "")
    }

    // MARK: Activation and sync

    public func activate(serverUrl: String, code: String) async throws -> Activated {
        try await Task.sleep(nanoseconds: 400_000_000)
        lock.lock()
        let failure = data.syncFailure
        lock.unlock()
        if let failure { throw failure }
        guard serverUrl.hasPrefix("https://") else { throw SyncError.InvalidServerUrl }
        guard code.uppercased().filter({ $0.isLetter || $0.isNumber }) == "TESTCODE" else {
            throw SyncError.InvalidCode
        }
        let scenario = FakeData.state(.firstWeek, language: .swedish)
        update { state in
            state = scenario
        }
        return Activated(deviceId: "fake-device", enrolment: FakeData.enrolment)
    }

    public func syncNow() async throws -> SyncReport {
        lock.lock()
        let failure = data.syncFailure
        let activated = data.activated
        lock.unlock()
        if let failure { throw failure }
        guard activated else { throw SyncError.NotActivated }
        update { state in
            state.syncState = SyncState(activity: .idle, activated: true, lastSuccess: Date(), retryAt: nil)
            for thread in [MessageThread.clinician, MessageThread.team] {
                state.messages[thread] = state.messages[thread]?.map { message in
                    var sent = message
                    if sent.status == .queued { sent.status = .sent }
                    return sent
                }
            }
        }
        return SyncReport(sent: 0, rejected: 0, received: 0, deferredUntil: nil)
    }

    public func observeSyncState(_ onChange: @escaping @MainActor @Sendable (SyncState) -> Void) -> Subscription {
        let id = UUID()
        lock.lock()
        syncObservers[id] = onChange
        let state = data.syncState
        lock.unlock()
        deliverOnMain(state, to: onChange)
        return Subscription { [weak self] in self?.removeObserver(id) }
    }

    public func setDevelopmentLoopbackHttp(_ allowed: Bool) {}

    private func removeObserver(_ id: UUID) {
        lock.lock()
        weekObservers[id] = nil
        syncObservers[id] = nil
        planObservers[id] = nil
        lock.unlock()
    }

    // MARK: This week, modules and sections

    public func thisWeek() async throws -> ThisWeek {
        try read { state in
            guard let week = state.week else { throw CourseError.NotEnrolled }
            return week
        }
    }

    public func observeThisWeek(_ onChange: @escaping @MainActor @Sendable (Result<ThisWeek, CourseError>) -> Void) -> Subscription {
        let id = UUID()
        lock.lock()
        weekObservers[id] = onChange
        let week = weekResult()
        lock.unlock()
        deliverOnMain(week, to: onChange)
        return Subscription { [weak self] in self?.removeObserver(id) }
    }

    public func modules() async throws -> [ModuleCard] {
        try read { state in
            guard state.week != nil else { throw CourseError.NotEnrolled }
            return state.modules
        }
    }

    public func sections(moduleId: String) async throws -> [SectionSummary] {
        try read { state in
            guard let sections = state.sections[moduleId] else {
                throw CourseError.NotFound(kind: "module", id: moduleId)
            }
            return sections
        }
    }

    public func openSection(_ id: String) async throws -> SectionView {
        try await Task.sleep(nanoseconds: 150_000_000)
        return try read { state in
            if case let .ended(endedAt, graceUntil) = state.access.access {
                throw CourseError.AccessEnded(endedAt: endedAt, graceUntil: graceUntil)
            }
            guard var view = state.sectionViews[id] else {
                throw CourseError.NotFound(kind: "section", id: id)
            }
            if let module = state.modules.first(where: { $0.id == view.moduleId }),
               case let .locked(opensAt) = module.lock {
                throw CourseError.ModuleLocked(moduleId: module.id, opensAt: opensAt)
            }
            view.questions = view.questions.map { question in
                var q = question
                q.draft = state.drafts[Self.key(question.id, nil)]
                let current = state.history.filter { $0.key.hasPrefix(question.id + "|") }
                    .compactMap { $0.value.last }
                    .sorted { $0.submittedAt < $1.submittedAt }
                if !current.isEmpty { q.answers = current }
                return q
            }
            return view
        }
    }

    public func markExerciseDone(sectionId: String) async throws {
        _ = try read { $0.sectionViews[sectionId] }
    }

    public func checkInSectionId() async throws -> String? {
        try read { state in
            state.sections.values.joined().first(where: { $0.kind == "check_in" })?.id
        }
    }

    public func contentVersion() -> String { "fake-2026.11.0" }

    // MARK: Answers and drafts

    public func saveDraft(questionId: String, entryId: String?, value: AnswerValue) async throws {
        try check()
        update { $0.drafts[Self.key(questionId, entryId)] = value }
    }

    public func draft(questionId: String, entryId: String?) async throws -> AnswerValue? {
        try read { $0.drafts[Self.key(questionId, entryId)] }
    }

    public func submit(questionId: String, entryId: String?, value: AnswerValue) async throws -> AnswerVersion {
        try await Task.sleep(nanoseconds: 200_000_000)
        try check()
        if case let .text(text) = value, text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw CourseError.InvalidAnswer(questionId: questionId, rule: .empty)
        }
        let entry: String?
        if case .diary = value {
            entry = entryId ?? UUID().uuidString
        } else {
            entry = entryId
        }
        let version = AnswerVersion(
            versionId: UUID().uuidString, questionId: questionId, entryId: entry,
            value: value, submittedAt: Date(), reviewedAt: nil)
        update { state in
            state.history[Self.key(questionId, entry), default: []].append(version)
            state.drafts[Self.key(questionId, entryId)] = nil
        }
        return version
    }

    public func moduleAnswers(moduleId: String) async throws -> [QuestionAnswers] {
        try read { state in
            state.sectionViews.values
                .filter { $0.moduleId == moduleId }
                .sorted { $0.sectionId < $1.sectionId }
                .flatMap { section in
                    section.questions.map { question in
                        QuestionAnswers(
                            sectionId: section.sectionId, questionId: question.id, prompt: question.prompt,
                            questionType: question.questionType,
                            answers: state.history.filter { $0.key.hasPrefix(question.id + "|") }
                                .compactMap { $0.value.last })
                    }
                }
        }
    }

    public func answerHistory(questionId: String, entryId: String?) async throws -> [AnswerVersion] {
        try read { $0.history[Self.key(questionId, entryId)] ?? [] }
    }

    // MARK: Messages and visits

    public func messages(thread: MessageThread) async throws -> [Message] {
        try read { $0.messages[thread] ?? [] }
    }

    public func sendMessage(thread: MessageThread, text: String) async throws -> Message {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, trimmed.count <= 4_000 else {
            throw CourseError.InvalidInput(reason: "a message has 1-4000 characters")
        }
        try check()
        let message = Message(
            id: UUID().uuidString, thread: thread, author: .patient, authorName: nil,
            text: trimmed, writtenAt: Date(), status: .queued, readAt: nil)
        update {
            $0.messages[thread, default: []].append(message)
            $0.messageDrafts[thread] = nil
        }
        return message
    }

    public func saveMessageDraft(thread: MessageThread, text: String) async throws {
        try check()
        update { $0.messageDrafts[thread] = text.isEmpty ? nil : text }
    }

    public func messageDraft(thread: MessageThread) async throws -> String? {
        try read { $0.messageDrafts[thread] }
    }

    public func markThreadRead(thread: MessageThread) async throws -> UInt32 {
        var count: UInt32 = 0
        try check()
        update { state in
            state.messages[thread] = state.messages[thread]?.map { message in
                var seen = message
                if seen.author == .clinic, seen.status == .sent {
                    seen.status = .read
                    seen.readAt = Date()
                    count += 1
                }
                return seen
            }
        }
        return count
    }

    public func compose(thread: MessageThread) async throws -> ComposeView {
        try read { state in
            ComposeView(
                thread: thread, unitName: state.unitName, replyTime: state.replyTime,
                safetyLine: FakeData.text(
                    "Inte för akuta ärenden. Ring 1177 för sjukvårdsrådgivning, 112 vid en nödsituation.",
                    "Not for emergencies. Call 1177 for healthcare advice, 112 in an emergency.",
                    state.preferences.language),
                maxChars: 4_000)
        }
    }

    public func unreadMessages() async throws -> Int {
        try read { state in
            state.messages.values.joined().filter { $0.author == .clinic && $0.status == .sent }.count
        }
    }

    public func visits() async throws -> [Visit] {
        try read { $0.visits }
    }

    // MARK: Mindfulness

    public func makePlayer() throws -> PlayerClient {
        lock.lock()
        defer { lock.unlock() }
        return FakePlayerClient(failure: data.playerFailure, resumeAtMs: data.resumeAtMs)
    }

    public func practiceToday() async throws -> PracticeToday {
        try read { PracticeToday(minutes: $0.practiceMinutes, at: Date()) }
    }

    public func mindfulnessExercises() async throws -> [SectionSummary] {
        try read { state in
            state.modules.filter { $0.lock == .open }.flatMap { module in
                (state.sections[module.id] ?? []).filter { $0.kind == "mindfulness" }
            }
        }
    }

    // MARK: The printable summary

    public func summaryPdf() async throws -> Data {
        try await Task.sleep(nanoseconds: 300_000_000)
        return try read { _ in FakeData.pdf }
    }

    public func summaryHtml() async throws -> String {
        try read { _ in "<!doctype html><html lang=\"sv\"><title>Sammanfattning</title><h1>Sammanfattning</h1></html>" }
    }

    public func writeSummary(to url: URL, format: SummaryFormat) async throws -> URL {
        let bytes: Data
        switch format {
        case .pdf: bytes = try await summaryPdf()
        case .html:
            let html = try await summaryHtml()
            bytes = Data(html.utf8)
        }
        try bytes.write(to: url, options: .atomic)
        return url
    }

    public func summaryOffer() async throws -> SummaryOffer {
        try read { $0.offer }
    }

    // MARK: Preferences and reminders

    public func preferences() async throws -> Preferences {
        try read { $0.preferences }
    }

    public func setPreferences(_ preferences: Preferences) async throws {
        try check()
        let language = preferences.language
        update { state in
            let translated = FakeData.state(.firstWeek, language: language)
            state.preferences = preferences
            state.modules = state.modules.map { card in
                var card = card
                card.title = translated.modules.first(where: { $0.id == card.id })?.title ?? card.title
                return card
            }
            if var week = state.week, let current = week.current {
                week.current?.title = translated.modules.first(where: { $0.id == current.id })?.title ?? current.title
                state.week = week
            }
        }
    }

    public func reminderSettings() async throws -> ReminderSettings {
        try read { $0.reminderSettings }
    }

    public func setReminderSettings(_ settings: ReminderSettings) async throws {
        try check()
        if let quiet = settings.quietHours, FakeData.inside(settings.moduleTime, quiet) {
            throw CourseError.InvalidInput(reason: "module_time is inside the quiet hours")
        }
        if let practice = settings.practiceTime, let quiet = settings.quietHours, FakeData.inside(practice, quiet) {
            throw CourseError.InvalidInput(reason: "practice_time is inside the quiet hours")
        }
        update { $0.reminderSettings = settings }
    }

    public func reminderPlan() async throws -> ReminderPlan {
        try read { $0.plan }
    }

    public func observeReminderPlan(_ onChange: @escaping @MainActor @Sendable (Result<ReminderPlan, CourseError>) -> Void) -> Subscription {
        let id = UUID()
        lock.lock()
        planObservers[id] = onChange
        let plan = planResult()
        lock.unlock()
        deliverOnMain(plan, to: onChange)
        return Subscription { [weak self] in self?.removeObserver(id) }
    }

    public func reminderHealth(permission: NotificationPermission) async throws -> ReminderHealth {
        try read { state in
            let language = state.preferences.language
            let next = state.plan.requests.first
            let s = state.reminderSettings
            let allOff = !s.moduleReminders && s.practiceTime == nil && !s.nudges && !s.messageAlerts
            let status: HealthStatus
            let action: HealthAction
            let message: String?
            switch permission {
            case .denied:
                status = .off
                action = .openSystemSettings
                message = FakeData.text(
                    "Påminnelser är avstängda i telefonens inställningar.",
                    "Reminders are turned off in the phone's settings.", language)
            case .notAsked:
                status = .notAsked
                action = .askPermission
                message = FakeData.text(
                    "Vill du få påminnelser när en ny del öppnar?",
                    "Would you like reminders when a new part opens?", language)
            case .provisional:
                status = .quiet
                action = .openSystemSettings
                message = FakeData.text(
                    "Påminnelser kommer tyst, bara i listan.",
                    "Reminders arrive quietly, in the list only.", language)
            case .allowed:
                status = allOff ? .allOffInApp : .working
                action = allOff ? .openReminderSettings : .none
                message = allOff
                    ? FakeData.text("Alla påminnelser är avstängda.", "All reminders are turned off.", language)
                    : nil
            }
            return ReminderHealth(
                status: status, message: message, action: action, nextKind: next?.kind,
                nextAt: next?.fireAt, nextAtLocal: next?.fireAtLocal,
                pending: UInt32(state.plan.requests.count))
        }
    }

    // MARK: The end of access

    public func accessStatus() async throws -> AccessStatus {
        try read { $0.access }
    }

    public func wipeIfDue() async throws -> Bool {
        let due = try read { $0.access.wipeDue }
        if due {
            update { state in
                state = FakeData.state(.notActivated, language: state.preferences.language)
            }
        }
        return due
    }
}

/// A player without sound: positions advance on a timer while playing.
public final class FakePlayerClient: PlayerClient, @unchecked Sendable {
    private let lock = NSLock()
    private var current = PlayerState(status: .idle, track: nil, positionMs: 0, volume: 1.0)
    private var observers: [UUID: @MainActor @Sendable (PlayerState) -> Void] = [:]
    private var ticker: Task<Void, Never>?
    private let failure: PlayerFailure?
    private let resumeAtMs: UInt64?

    public init(failure: PlayerFailure? = nil, resumeAtMs: UInt64? = nil) {
        self.failure = failure
        self.resumeAtMs = resumeAtMs
    }

    private func change(_ f: (inout PlayerState) -> Void) {
        lock.lock()
        f(&current)
        let state = current
        let callbacks = Array(observers.values)
        lock.unlock()
        callbacks.forEach { deliverOnMain(state, to: $0) }
    }

    private func requireTrack() throws {
        lock.lock()
        let loaded = current.track != nil
        lock.unlock()
        guard loaded else {
            throw PlayerError.Failed(kind: .nothingLoaded, detail: "nothing loaded")
        }
    }

    private func startTicking() {
        ticker?.cancel()
        ticker = Task { [weak self] in
            while !Task.isCancelled {
                try? await Task.sleep(nanoseconds: 250_000_000)
                guard let self else { return }
                var ended = false
                self.change { state in
                    guard state.status == .playing, let track = state.track else { return }
                    state.positionMs = min(state.positionMs + 250, track.durationMs)
                    if state.positionMs >= track.durationMs {
                        state.status = .ended
                        ended = true
                    }
                }
                if ended { return }
            }
        }
    }

    public func load(sectionId: String) async throws -> LoadedTrack {
        change { $0.status = .loading }
        try await Task.sleep(nanoseconds: 200_000_000)
        if let failure {
            change { $0.status = .failed(reason: failure) }
            throw PlayerError.Failed(kind: failure, detail: "fake failure")
        }
        let track = TrackInfo(sectionId: sectionId, language: .swedish, durationMs: 414_000)
        change { state in
            state.status = .ready
            state.track = track
            state.positionMs = 0
        }
        let label = resumeAtMs.map { ms in String(format: "%ld:%02ld", Int(ms / 60_000), Int(ms / 1_000 % 60)) }
        return LoadedTrack(track: track, resumeAtMs: resumeAtMs, resumeLabel: label)
    }

    public func play() async throws {
        try requireTrack()
        change { state in
            if state.status == .ended { state.positionMs = 0 }
            state.status = .playing
        }
        startTicking()
    }

    public func play(fromMs positionMs: UInt64) async throws {
        try requireTrack()
        change { state in
            state.positionMs = positionMs
            state.status = .playing
        }
        startTicking()
    }

    public func pause() async throws {
        try requireTrack()
        change { $0.status = .paused }
    }

    public func stop() async throws {
        try requireTrack()
        ticker?.cancel()
        change { state in
            state.status = .ready
            state.positionMs = 0
        }
    }

    public func seek(toMs positionMs: UInt64) async throws {
        try requireTrack()
        change { state in
            state.positionMs = min(positionMs, state.track?.durationMs ?? 0)
        }
    }

    public func setVolume(_ volume: Float) {
        change { $0.volume = max(0, min(1, volume)) }
    }

    public func state() -> PlayerState {
        lock.lock()
        defer { lock.unlock() }
        return current
    }

    public func observe(_ onChange: @escaping @MainActor @Sendable (PlayerState) -> Void) -> Subscription {
        let id = UUID()
        lock.lock()
        observers[id] = onChange
        let state = current
        lock.unlock()
        deliverOnMain(state, to: onChange)
        return Subscription { [weak self] in
            guard let self else { return }
            self.lock.lock()
            self.observers[id] = nil
            self.lock.unlock()
        }
    }

    public func interruptionBegan() async throws {
        change { state in
            if state.status == .playing { state.status = .paused }
        }
    }

    public func interruptionEnded(shouldResume: Bool) async throws {
        if shouldResume {
            change { state in
                if state.status == .paused { state.status = .playing }
            }
        }
    }

    public func headphonesUnplugged() async throws {
        change { state in
            if state.status == .playing { state.status = .paused }
        }
    }
}
