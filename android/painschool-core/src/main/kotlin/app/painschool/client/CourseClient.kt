// The Android app's view of the core: screens talk to `CourseClient`; the
// real implementation (`RustCourseClient.kt`) wraps the generated bindings,
// a fake (`FakeCourseClient.kt`) drives previews and presenter tests. Plain
// Kotlin (no Android APIs), so CI compiles it on the JVM with the generated
// bindings. The Keystore-backed KeyProvider lives in the app module, which
// needs the Android SDK.
package app.painschool.client

import app.painschool.core.AccessStatus
import app.painschool.core.Activated
import app.painschool.core.AnswerValue
import app.painschool.core.AnswerVersion
import app.painschool.core.ComposeView
import app.painschool.core.KeyProvider
import app.painschool.core.LoadedTrack
import app.painschool.core.Message
import app.painschool.core.MessageThread
import app.painschool.core.ModuleCard
import app.painschool.core.NotificationPermission
import app.painschool.core.PlayerState
import app.painschool.core.PracticeToday
import app.painschool.core.Preferences
import app.painschool.core.ReminderHealth
import app.painschool.core.ReminderPlan
import app.painschool.core.ReminderSettings
import app.painschool.core.SectionCard
import app.painschool.core.SectionView
import app.painschool.core.SummaryFormat
import app.painschool.core.SummaryOffer
import app.painschool.core.SyncReport
import app.painschool.core.SyncState
import app.painschool.core.ThisWeek
import app.painschool.core.Visit

/**
 * What the screens need from the course, named for what they do. Every
 * `suspend` call runs its work on the library's runtime (never blocks the
 * caller's thread); failures are the bindings' typed exceptions
 * (`CourseException`, `SyncException`, `PlayerException`), none carrying
 * patient text. `observe…` calls deliver the current value at once, then each
 * change, from a library thread, until the returned handle is closed.
 */
interface CourseClient {
    // Activation and sync.

    /** Activates this phone with the letter's code against the clinic's server. */
    suspend fun activate(serverUrl: String, code: String): Activated

    /** Sends what is waiting and fetches what is new. */
    suspend fun syncNow(): SyncReport

    /** The sync state (activated or not, syncing, offline, last success). */
    fun observeSyncState(onChange: (SyncState) -> Unit): AutoCloseable

    // This week, modules and sections.

    suspend fun thisWeek(): ThisWeek
    fun observeThisWeek(onChange: (Result<ThisWeek>) -> Unit): AutoCloseable
    suspend fun modules(): List<ModuleCard>

    /** An open module's sections in course order, each with whether it is done. */
    suspend fun moduleSections(moduleId: String): List<SectionCard>

    /** Opens a section (records it as read). */
    suspend fun openSection(id: String): SectionView

    /** Marks an audio, video or mindfulness section as done. */
    suspend fun markExerciseDone(sectionId: String)

    // Answers and drafts.

    /** Autosave: drafts stay on the phone. `entryId` null: the answer, or a new diary entry. */
    suspend fun saveDraft(questionId: String, entryId: String?, value: AnswerValue)
    suspend fun submit(questionId: String, entryId: String?, value: AnswerValue): AnswerVersion

    // Messages.

    suspend fun messages(thread: MessageThread): List<Message>

    /** Queues a message for the next sync (the core checks its length). */
    suspend fun sendMessage(thread: MessageThread, text: String): Message
    suspend fun markThreadRead(thread: MessageThread): UInt

    /** Keeps what the patient is writing to `thread` (on the phone only; empty removes it; sending removes it). */
    suspend fun saveMessageDraft(thread: MessageThread, text: String)

    /** What the patient was writing to `thread` and has not sent. */
    suspend fun messageDraft(thread: MessageThread): String?

    /** The reply time and the safety line, in the patient's language. */
    suspend fun compose(thread: MessageThread): ComposeView

    /** The visits the clinic booked, by start time (cancelled ones included, marked). */
    suspend fun visits(): List<Visit>

    // The mindfulness player.

    /** A player for one screen; close it when the screen goes. */
    fun player(): PlayerClient
    suspend fun practiceToday(): PracticeToday

    // The printable summary.

    suspend fun summaryPdf(): ByteArray
    suspend fun summaryHtml(): String

    /** Writes the summary to `path` (all or nothing) and returns the path. */
    suspend fun writeSummary(path: String, format: SummaryFormat): String

    /** Whether and until when the app puts the summary forward. */
    suspend fun summaryOffer(): SummaryOffer

    // Preferences and reminders.

    suspend fun preferences(): Preferences
    suspend fun setPreferences(preferences: Preferences)
    suspend fun reminderSettings(): ReminderSettings

    /** Saves the reminder settings; the core refuses a time inside the quiet hours. */
    suspend fun setReminderSettings(settings: ReminderSettings)

    /** Whether reminders reach the patient, given what the OS allows. */
    suspend fun reminderHealth(permission: NotificationPermission): ReminderHealth

    /**
     * The OS notifications to register now (the core computes every time and text).
     * Register all of them and cancel what is no longer in it.
     */
    suspend fun reminderPlan(): ReminderPlan

    /**
     * The reminder plan at once, then after each change (a write, a setting, a new
     * module); a failure (not enrolled yet) arrives as `Result.failure` and the stream
     * goes on. Register every request again on each update.
     */
    fun observeReminderPlan(onChange: (Result<ReminderPlan>) -> Unit): AutoCloseable

    // The end of access.

    suspend fun accessStatus(): AccessStatus

    /**
     * Deletes the database and its key once the server has confirmed the end of access
     * and nothing is unsent (`AccessStatus.wipeDue`); true when it wiped. The course
     * must be opened again afterwards (it then needs a new activation).
     */
    suspend fun wipeIfDue(keys: KeyProvider): Boolean
}

/**
 * The mindfulness player of one screen. Control calls save the position;
 * the player never resumes by itself after an interruption.
 */
interface PlayerClient : AutoCloseable {
    /** Loads a section's recording (hash-checked); says where to resume, if anywhere. */
    suspend fun load(sectionId: String): LoadedTrack
    suspend fun play()
    suspend fun playFrom(positionMs: ULong)
    suspend fun pause()
    suspend fun seek(positionMs: ULong)
    suspend fun stop()
    fun state(): PlayerState

    /** The state at once, then each change (at most 4 position updates a second). */
    fun observe(onState: (PlayerState) -> Unit): AutoCloseable

    // From the OS audio session (the shell reports them).
    suspend fun interruptionBegan()
    suspend fun interruptionEnded(resume: Boolean)
    suspend fun headphonesUnplugged()
}
