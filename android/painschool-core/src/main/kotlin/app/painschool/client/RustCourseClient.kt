// The real CourseClient: a thin pass-through to the generated bindings over
// the Rust core. No logic here: every rule is the core's.
package app.painschool.client

import app.painschool.core.AccessStatus
import app.painschool.core.Activated
import app.painschool.core.AnswerValue
import app.painschool.core.AnswerVersion
import app.painschool.core.Clock
import app.painschool.core.ComposeView
import app.painschool.core.Course
import app.painschool.core.CourseException
import app.painschool.core.HttpClient
import app.painschool.core.KeyProvider
import app.painschool.core.LoadedTrack
import app.painschool.core.Message
import app.painschool.core.MessageThread
import app.painschool.core.MindfulnessPlayer
import app.painschool.core.ModuleCard
import app.painschool.core.NotificationPermission
import app.painschool.core.PlayerListener
import app.painschool.core.PlayerState
import app.painschool.core.PracticeToday
import app.painschool.core.Preferences
import app.painschool.core.ReminderHealth
import app.painschool.core.ReminderPlan
import app.painschool.core.ReminderPlanListener
import app.painschool.core.ReminderSettings
import app.painschool.core.SectionCard
import app.painschool.core.SectionView
import app.painschool.core.SummaryFormat
import app.painschool.core.SummaryOffer
import app.painschool.core.SyncReport
import app.painschool.core.SyncState
import app.painschool.core.SyncStateListener
import app.painschool.core.ThisWeek
import app.painschool.core.ThisWeekListener
import app.painschool.core.Visit
import app.painschool.core.openCourse
import java.time.Instant

/**
 * The real client over the Rust core. One per data folder per process; [close] it
 * before opening the same folder again (after the wipe at the end of access).
 */
class RustCourseClient private constructor(private val course: Course) : CourseClient, AutoCloseable {
    companion object {
        /**
         * Opens the course in `dataDir` with the key from `keys` (Android Keystore in the
         * app). Sync goes through `http`, the platform's own HTTP stack by default.
         * `developmentLoopbackHttp` lets activation and sync use `http://` to this
         * machine (development and tests only; every other server must be `https://`).
         */
        suspend fun open(
            dataDir: String,
            bundleDir: String,
            keys: KeyProvider,
            http: HttpClient = UrlConnectionHttpClient(),
            clock: Clock = SystemClock,
            developmentLoopbackHttp: Boolean = false,
        ): RustCourseClient {
            val course = openCourse(dataDir, bundleDir, keys, clock, http)
            if (developmentLoopbackHttp) course.setDevelopmentLoopbackHttp(true)
            return RustCourseClient(course)
        }
    }

    override suspend fun activate(serverUrl: String, code: String): Activated = course.activate(serverUrl, code)
    override suspend fun syncNow(): SyncReport = course.syncNow()

    override fun observeSyncState(onChange: (SyncState) -> Unit): AutoCloseable =
        course.subscribeSyncState(object : SyncStateListener {
            override fun onUpdate(state: SyncState) = onChange(state)
        })

    override suspend fun thisWeek(): ThisWeek = course.thisWeek()

    override fun observeThisWeek(onChange: (Result<ThisWeek>) -> Unit): AutoCloseable =
        course.subscribeThisWeek(object : ThisWeekListener {
            override fun onUpdate(state: ThisWeek) = onChange(Result.success(state))
            override fun onError(error: CourseException) = onChange(Result.failure(error))
        })

    override suspend fun modules(): List<ModuleCard> = course.modules()
    override suspend fun moduleSections(moduleId: String): List<SectionCard> = course.moduleSections(moduleId)
    override suspend fun openSection(id: String): SectionView = course.openSection(id)
    override suspend fun markExerciseDone(sectionId: String) = course.markExerciseDone(sectionId)

    override suspend fun saveDraft(questionId: String, entryId: String?, value: AnswerValue) =
        course.saveDraft(questionId, entryId, value)

    override suspend fun submit(questionId: String, entryId: String?, value: AnswerValue): AnswerVersion =
        course.submitAnswer(questionId, entryId, value)

    override suspend fun messages(thread: MessageThread): List<Message> = course.messages(thread)
    override suspend fun sendMessage(thread: MessageThread, text: String): Message = course.sendMessage(thread, text)
    override suspend fun markThreadRead(thread: MessageThread): UInt = course.markThreadRead(thread)
    override suspend fun compose(thread: MessageThread): ComposeView = course.compose(thread)
    override suspend fun saveMessageDraft(thread: MessageThread, text: String) = course.saveMessageDraft(thread, text)
    override suspend fun messageDraft(thread: MessageThread): String? = course.messageDraft(thread)
    override suspend fun visits(): List<Visit> = course.visits()

    override fun player(): PlayerClient = RustPlayerClient(course.player())
    override suspend fun practiceToday(): PracticeToday = course.practiceToday()

    override suspend fun summaryPdf(): ByteArray = course.summaryPdf()
    override suspend fun summaryHtml(): String = course.summaryHtml()
    override suspend fun writeSummary(path: String, format: SummaryFormat): String = course.writeSummary(path, format)
    override suspend fun summaryOffer(): SummaryOffer = course.summaryOffer()

    override suspend fun preferences(): Preferences = course.preferences()
    override suspend fun setPreferences(preferences: Preferences) = course.setPreferences(preferences)
    override suspend fun reminderSettings(): ReminderSettings = course.reminderSettings()
    override suspend fun setReminderSettings(settings: ReminderSettings) = course.setReminderSettings(settings)
    override suspend fun reminderHealth(permission: NotificationPermission): ReminderHealth =
        course.reminderHealth(permission)

    override suspend fun reminderPlan(): ReminderPlan = course.reminderPlan()

    override fun observeReminderPlan(onChange: (Result<ReminderPlan>) -> Unit): AutoCloseable =
        course.subscribeReminderPlan(object : ReminderPlanListener {
            override fun onUpdate(plan: ReminderPlan) = onChange(Result.success(plan))
            override fun onError(error: CourseException) = onChange(Result.failure(error))
        })

    override suspend fun accessStatus(): AccessStatus = course.accessStatus()
    override suspend fun wipeIfDue(keys: KeyProvider): Boolean = course.wipeIfDue(keys)

    /** Releases the course (its database connection and streams). */
    override fun close() = course.close()
}

/** The player over the bindings' `MindfulnessPlayer`. */
class RustPlayerClient(private val player: MindfulnessPlayer) : PlayerClient {
    override suspend fun load(sectionId: String): LoadedTrack = player.load(sectionId)
    override suspend fun play() = player.play()
    override suspend fun playFrom(positionMs: ULong) = player.playFrom(positionMs)
    override suspend fun pause() = player.pause()
    override suspend fun seek(positionMs: ULong) = player.seek(positionMs)
    override suspend fun stop() = player.stop()
    override fun state(): PlayerState = player.state()

    override fun observe(onState: (PlayerState) -> Unit): AutoCloseable {
        val deliver = onState
        return player.subscribe(object : PlayerListener {
            override fun onState(state: PlayerState) = deliver(state)
        })
    }

    override suspend fun interruptionBegan() = player.interruptionBegan()
    override suspend fun interruptionEnded(resume: Boolean) = player.interruptionEnded(resume)
    override suspend fun headphonesUnplugged() = player.headphonesUnplugged()
    override fun close() = player.close()
}

/** The device clock. */
object SystemClock : Clock {
    override fun now(): Instant = Instant.now()
}
