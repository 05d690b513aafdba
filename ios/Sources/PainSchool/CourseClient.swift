// The iOS app's view of the core: screens talk to `CourseClient`; the real
// implementation wraps the generated bindings, `FakeCourseClient`
// (FakeCourseClient.swift) drives previews and UI tests. Hand-written; the
// generated code lives in Sources/PainSchoolCore.
//
// The records the screens read (`ThisWeek`, `SectionView`, `Message`, …)
// are the generated ones: plain values. What stays hidden behind this file
// is the `Course` object, its listeners and its `TaskHandle`s.
import Foundation
import PainSchoolCore

/// A running stream. Cancel it, or let it go, to stop the stream; after
/// `cancel()` returns nothing more is delivered.
public final class Subscription: @unchecked Sendable {
    private let lock = NSLock()
    private var onCancel: (@Sendable () -> Void)?

    public init(onCancel: @escaping @Sendable () -> Void) {
        self.onCancel = onCancel
    }

    /// A subscription with nothing behind it (the fake's streams).
    public static func inert() -> Subscription {
        Subscription(onCancel: {})
    }

    public func cancel() {
        lock.lock()
        let stop = onCancel
        onCancel = nil
        lock.unlock()
        stop?()
    }

    deinit { cancel() }
}

/// One section of a module as a list row: what the module reader lists
/// before a section is opened (opening records it as read).
public struct SectionSummary: Equatable, Hashable, Sendable, Identifiable {
    /// Stable section id.
    public let id: String
    /// `text`, `image`, `audio`, `video`, `mindfulness`, `assignment`,
    /// `reflection` or `check_in`.
    public let kind: String
    /// Title in the patient's language.
    public let title: String
    /// Whether it counts as done (as in the module's progress).
    public let done: Bool

    public init(id: String, kind: String, title: String, done: Bool = false) {
        self.id = id
        self.kind = kind
        self.title = title
        self.done = done
    }

    /// From the core's card (`Course.moduleSections`).
    init(card: SectionCard) {
        self.init(id: card.id, kind: card.kind, title: card.title, done: card.done)
    }
}

/// What the screens need from the course. Every `async` call runs its core
/// work on the library's own threads; await it from the main actor. Stream
/// callbacks arrive on the main thread.
public protocol CourseClient: AnyObject, Sendable {
    // MARK: Activation and sync

    /// Activates this device with the letter's server and code. Throws `SyncError`.
    func activate(serverUrl: String, code: String) async throws -> Activated
    /// Sends what was written, then fetches what is new. Throws `SyncError`.
    func syncNow() async throws -> SyncReport
    /// The sync state now and after each change, on the main thread.
    func observeSyncState(_ onChange: @escaping @MainActor @Sendable (SyncState) -> Void) -> Subscription
    /// Development builds only: lets activation and sync use loopback `http://`.
    func setDevelopmentLoopbackHttp(_ allowed: Bool)

    // MARK: This week, modules and sections

    func thisWeek() async throws -> ThisWeek
    /// The start screen's state now and after each change, on the main thread.
    func observeThisWeek(_ onChange: @escaping @MainActor @Sendable (Result<ThisWeek, CourseError>) -> Void) -> Subscription
    func modules() async throws -> [ModuleCard]
    /// The sections of a module in course order, without opening them.
    func sections(moduleId: String) async throws -> [SectionSummary]
    /// Opens a section (records it as read) and returns what the reader shows.
    func openSection(_ id: String) async throws -> SectionView
    /// Marks an audio, video or mindfulness section as done.
    func markExerciseDone(sectionId: String) async throws
    /// The weekly check-in's section, if the course has one.
    func checkInSectionId() async throws -> String?
    /// The content bundle's version (for the settings screen's "about").
    func contentVersion() -> String

    // MARK: Answers and drafts

    /// Autosave: drafts never leave this device.
    func saveDraft(questionId: String, entryId: String?, value: AnswerValue) async throws
    func draft(questionId: String, entryId: String?) async throws -> AnswerValue?
    /// Submits an answer: validated, stored as a new version, queued for the clinic.
    func submit(questionId: String, entryId: String?, value: AnswerValue) async throws -> AnswerVersion
    func moduleAnswers(moduleId: String) async throws -> [QuestionAnswers]
    func answerHistory(questionId: String, entryId: String?) async throws -> [AnswerVersion]

    // MARK: Messages and visits

    func messages(thread: MessageThread) async throws -> [Message]
    /// Stores and queues a message (status `queued`) for the next sync.
    func sendMessage(thread: MessageThread, text: String) async throws -> Message
    /// Marks the clinic's messages in a thread as read; returns how many were unread.
    func markThreadRead(thread: MessageThread) async throws -> UInt32
    /// The compose view: the unit's reply time and the safety line.
    func compose(thread: MessageThread) async throws -> ComposeView
    /// Keeps what the patient is writing to a thread (on the phone only;
    /// empty removes it; sending removes it).
    func saveMessageDraft(thread: MessageThread, text: String) async throws
    /// What the patient was writing to a thread and has not sent.
    func messageDraft(thread: MessageThread) async throws -> String?
    /// Clinic messages not read yet, in both threads.
    func unreadMessages() async throws -> Int
    func visits() async throws -> [Visit]

    // MARK: Mindfulness

    /// The player (on the device's sound output). Make one and keep it.
    func makePlayer() throws -> PlayerClient
    /// Minutes practised today on all the patient's devices (no streaks).
    func practiceToday() async throws -> PracticeToday
    /// The mindfulness exercises of the modules that are open.
    func mindfulnessExercises() async throws -> [SectionSummary]

    // MARK: The printable summary

    /// A4 PDF bytes for the print and share sheets.
    func summaryPdf() async throws -> Data
    func summaryHtml() async throws -> String
    /// Writes the summary to `url`, all or nothing; returns the file written.
    func writeSummary(to url: URL, format: SummaryFormat) async throws -> URL
    /// Whether the app should put the summary forward now.
    func summaryOffer() async throws -> SummaryOffer

    // MARK: Preferences and reminders

    func preferences() async throws -> Preferences
    func setPreferences(_ preferences: Preferences) async throws
    func reminderSettings() async throws -> ReminderSettings
    /// `CourseError.InvalidInput` when a time falls inside the quiet hours; nothing is saved then.
    func setReminderSettings(_ settings: ReminderSettings) async throws
    func reminderPlan() async throws -> ReminderPlan
    /// The reminder plan now and after each change, on the main thread.
    func observeReminderPlan(_ onChange: @escaping @MainActor @Sendable (Result<ReminderPlan, CourseError>) -> Void) -> Subscription
    func reminderHealth(permission: NotificationPermission) async throws -> ReminderHealth

    // MARK: The end of access

    func accessStatus() async throws -> AccessStatus
    /// Wipes the course and its key once the server confirmed the end and
    /// nothing is unsent. Returns whether it wiped; show activation then.
    func wipeIfDue() async throws -> Bool
}

/// Calls `deliver` with `value` on the main thread, in the order the calls
/// were made (the core's listeners run on its own threads).
func deliverOnMain<Value>(_ value: Value, to deliver: @escaping @MainActor @Sendable (Value) -> Void) {
    DispatchQueue.main.async {
        MainActor.assumeIsolated { deliver(value) }
    }
}

/// The real client over the Rust core.
public final class RustCourseClient: CourseClient {
    private let course: Course
    private let keys: KeyProvider

    /// Opens the course in `dataDir` with the content bundle in `bundleDir`
    /// and the database key from `keys` (the Keychain). Sync goes through
    /// `http`, URLSession by default. Throws `OpenError`: `KeyUnavailable`
    /// before the first unlock after a restart (nothing was created; try
    /// again once protected data is available).
    public static func open(
        dataDir: URL,
        bundleDir: URL,
        keys: KeyProvider,
        http: HttpClient = URLSessionHttpClient()
    ) async throws -> RustCourseClient {
        let course = try await openCourse(
            dataDir: dataDir.path,
            bundleDir: bundleDir.path,
            keys: keys,
            clock: SystemClock(),
            http: http)
        return RustCourseClient(course: course, keys: keys)
    }

    init(course: Course, keys: KeyProvider) {
        self.course = course
        self.keys = keys
    }

    // MARK: Activation and sync

    public func activate(serverUrl: String, code: String) async throws -> Activated {
        try await course.activate(serverUrl: serverUrl, code: code)
    }

    public func syncNow() async throws -> SyncReport {
        try await course.syncNow()
    }

    public func observeSyncState(_ onChange: @escaping @MainActor @Sendable (SyncState) -> Void) -> Subscription {
        let handle = course.subscribeSyncState(listener: SyncListener(onChange))
        return Subscription { handle.cancel() }
    }

    public func setDevelopmentLoopbackHttp(_ allowed: Bool) {
        course.setDevelopmentLoopbackHttp(allowed: allowed)
    }

    // MARK: This week, modules and sections

    public func thisWeek() async throws -> ThisWeek {
        try await course.thisWeek()
    }

    public func observeThisWeek(_ onChange: @escaping @MainActor @Sendable (Result<ThisWeek, CourseError>) -> Void) -> Subscription {
        let handle = course.subscribeThisWeek(listener: WeekListener(onChange))
        return Subscription { handle.cancel() }
    }

    public func modules() async throws -> [ModuleCard] {
        try await course.modules()
    }

    public func sections(moduleId: String) async throws -> [SectionSummary] {
        try await course.moduleSections(moduleId: moduleId).map(SectionSummary.init(card:))
    }

    public func openSection(_ id: String) async throws -> SectionView {
        try await course.openSection(sectionId: id)
    }

    public func markExerciseDone(sectionId: String) async throws {
        try await course.markExerciseDone(sectionId: sectionId)
    }

    public func checkInSectionId() async throws -> String? {
        for module in try await course.modules() where module.lock == .open {
            let sections = try await sections(moduleId: module.id)
            if let checkIn = sections.first(where: { $0.kind == "check_in" }) {
                return checkIn.id
            }
        }
        return nil
    }

    public func contentVersion() -> String {
        course.contentVersion()
    }

    // MARK: Answers and drafts

    public func saveDraft(questionId: String, entryId: String?, value: AnswerValue) async throws {
        try await course.saveDraft(questionId: questionId, entryId: entryId, value: value)
    }

    public func draft(questionId: String, entryId: String?) async throws -> AnswerValue? {
        try await course.draft(questionId: questionId, entryId: entryId)
    }

    public func submit(questionId: String, entryId: String?, value: AnswerValue) async throws -> AnswerVersion {
        try await course.submitAnswer(questionId: questionId, entryId: entryId, value: value)
    }

    public func moduleAnswers(moduleId: String) async throws -> [QuestionAnswers] {
        try await course.moduleAnswers(moduleId: moduleId)
    }

    public func answerHistory(questionId: String, entryId: String?) async throws -> [AnswerVersion] {
        try await course.answerHistory(questionId: questionId, entryId: entryId)
    }

    // MARK: Messages and visits

    public func messages(thread: MessageThread) async throws -> [Message] {
        try await course.messages(thread: thread)
    }

    public func sendMessage(thread: MessageThread, text: String) async throws -> Message {
        try await course.sendMessage(thread: thread, text: text)
    }

    public func markThreadRead(thread: MessageThread) async throws -> UInt32 {
        try await course.markThreadRead(thread: thread)
    }

    public func compose(thread: MessageThread) async throws -> ComposeView {
        try await course.compose(thread: thread)
    }

    public func saveMessageDraft(thread: MessageThread, text: String) async throws {
        try await course.saveMessageDraft(thread: thread, text: text)
    }

    public func messageDraft(thread: MessageThread) async throws -> String? {
        try await course.messageDraft(thread: thread)
    }

    public func unreadMessages() async throws -> Int {
        // A clinic message that is `sent` has reached this phone unread
        // (bindings: MessageStatus). The core has no count of its own yet.
        var unread = 0
        for thread in [MessageThread.clinician, MessageThread.team] {
            unread += try await course.messages(thread: thread)
                .filter { $0.author == .clinic && $0.status == .sent }
                .count
        }
        return unread
    }

    public func visits() async throws -> [Visit] {
        try await course.visits()
    }

    // MARK: Mindfulness

    public func makePlayer() throws -> PlayerClient {
        RustPlayerClient(player: try course.player())
    }

    public func practiceToday() async throws -> PracticeToday {
        try await course.practiceToday()
    }

    public func mindfulnessExercises() async throws -> [SectionSummary] {
        var exercises: [SectionSummary] = []
        for module in try await course.modules() where module.lock == .open {
            exercises += try await sections(moduleId: module.id)
                .filter { $0.kind == "mindfulness" }
        }
        return exercises
    }

    // MARK: The printable summary

    public func summaryPdf() async throws -> Data {
        try await course.summaryPdf()
    }

    public func summaryHtml() async throws -> String {
        try await course.summaryHtml()
    }

    public func writeSummary(to url: URL, format: SummaryFormat) async throws -> URL {
        let written = try await course.writeSummary(path: url.path, format: format)
        return URL(fileURLWithPath: written)
    }

    public func summaryOffer() async throws -> SummaryOffer {
        try await course.summaryOffer()
    }

    // MARK: Preferences and reminders

    public func preferences() async throws -> Preferences {
        try await course.preferences()
    }

    public func setPreferences(_ preferences: Preferences) async throws {
        try await course.setPreferences(preferences: preferences)
    }

    public func reminderSettings() async throws -> ReminderSettings {
        try await course.reminderSettings()
    }

    public func setReminderSettings(_ settings: ReminderSettings) async throws {
        try await course.setReminderSettings(settings: settings)
    }

    public func reminderPlan() async throws -> ReminderPlan {
        try await course.reminderPlan()
    }

    public func observeReminderPlan(_ onChange: @escaping @MainActor @Sendable (Result<ReminderPlan, CourseError>) -> Void) -> Subscription {
        let handle = course.subscribeReminderPlan(listener: PlanListener(onChange))
        return Subscription { handle.cancel() }
    }

    public func reminderHealth(permission: NotificationPermission) async throws -> ReminderHealth {
        try await course.reminderHealth(permission: permission)
    }

    // MARK: The end of access

    public func accessStatus() async throws -> AccessStatus {
        try await course.accessStatus()
    }

    public func wipeIfDue() async throws -> Bool {
        try await course.wipeIfDue(keys: keys)
    }

    // MARK: Listeners: called on the core's threads, delivered on the main thread.

    private final class WeekListener: ThisWeekListener {
        private let onChange: @MainActor @Sendable (Result<ThisWeek, CourseError>) -> Void
        init(_ onChange: @escaping @MainActor @Sendable (Result<ThisWeek, CourseError>) -> Void) {
            self.onChange = onChange
        }
        func onUpdate(state: ThisWeek) { deliverOnMain(.success(state), to: onChange) }
        func onError(error: CourseError) { deliverOnMain(.failure(error), to: onChange) }
    }

    private final class SyncListener: SyncStateListener {
        private let onChange: @MainActor @Sendable (SyncState) -> Void
        init(_ onChange: @escaping @MainActor @Sendable (SyncState) -> Void) {
            self.onChange = onChange
        }
        func onUpdate(state: SyncState) { deliverOnMain(state, to: onChange) }
    }

    private final class PlanListener: ReminderPlanListener {
        private let onChange: @MainActor @Sendable (Result<ReminderPlan, CourseError>) -> Void
        init(_ onChange: @escaping @MainActor @Sendable (Result<ReminderPlan, CourseError>) -> Void) {
            self.onChange = onChange
        }
        func onUpdate(plan: ReminderPlan) { deliverOnMain(.success(plan), to: onChange) }
        func onError(error: CourseError) { deliverOnMain(.failure(error), to: onChange) }
    }
}

/// The device clock.
final class SystemClock: PainSchoolCore.Clock {
    func now() -> Date { Date() }
}
