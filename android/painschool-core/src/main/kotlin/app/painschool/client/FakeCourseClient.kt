// A CourseClient for previews and presenter tests: everything it returns is
// a public, settable field, so a test can put a screen in any state; any call
// can be made to fail with `fail(…)`. Its sample course is synthetic, in
// Swedish and English (the patient's language from `preferences`).
package app.painschool.client

import app.painschool.core.AnswerRule
import app.painschool.core.Access
import app.painschool.core.AccessStatus
import app.painschool.core.Activated
import app.painschool.core.AnswerValue
import app.painschool.core.AnswerVersion
import app.painschool.core.ChoiceOption
import app.painschool.core.ComposeView
import app.painschool.core.CourseException
import app.painschool.core.DiaryField
import app.painschool.core.Enrolment
import app.painschool.core.HealthAction
import app.painschool.core.HealthStatus
import app.painschool.core.KeyProvider
import app.painschool.core.Language
import app.painschool.core.LoadedTrack
import app.painschool.core.LocalTime
import app.painschool.core.MediaRef
import app.painschool.core.Message
import app.painschool.core.MessageAuthor
import app.painschool.core.MessageStatus
import app.painschool.core.MessageThread
import app.painschool.core.ModuleCard
import app.painschool.core.ModuleLock
import app.painschool.core.ModuleProgress
import app.painschool.core.NextUnlock
import app.painschool.core.NotificationPermission
import app.painschool.core.Pace
import app.painschool.core.PlayerException
import app.painschool.core.PlayerFailure
import app.painschool.core.PlayerState
import app.painschool.core.PlayerStatus
import app.painschool.core.PracticeToday
import app.painschool.core.Preferences
import app.painschool.core.QuestionView
import app.painschool.core.QuietHours
import app.painschool.core.ReminderHealth
import app.painschool.core.ReminderKind
import app.painschool.core.ReminderPlan
import app.painschool.core.ReminderRequest
import app.painschool.core.ReminderScreen
import app.painschool.core.ReminderSettings
import app.painschool.core.ScaleRange
import app.painschool.core.SectionCard
import app.painschool.core.SectionView
import app.painschool.core.SummaryFormat
import app.painschool.core.SummaryOffer
import app.painschool.core.SyncActivity
import app.painschool.core.SyncReport
import app.painschool.core.SyncState
import app.painschool.core.TextSize
import app.painschool.core.ThisWeek
import app.painschool.core.TrackInfo
import app.painschool.core.Visit
import java.time.Instant

/** A fake for previews and presenter tests. */
class FakeCourseClient(
    /** The "this week" state; `sample()` builds the default. */
    week: ThisWeek? = null,
) : CourseClient {
    companion object {
        /** An activated patient in week 1 of the sample course. */
        fun enrolled(): FakeCourseClient = FakeCourseClient().also {
            it.activated = true
            it.week = it.sampleWeek()
        }
    }

    /** The fixed "now" of the sample data: Tuesday 2026-11-03 09:00 UTC. */
    val now: Instant = Instant.parse("2026-11-03T09:00:00Z")

    var preferences = Preferences(null, Language.SWEDISH, TextSize.STANDARD)
    private val sv get() = preferences.language == Language.SWEDISH
    private fun t(sv: String, en: String) = if (this.sv) sv else en

    var week: ThisWeek? = week
    var activated = false

    /** The server and code of the last activation. */
    var activatedWith: Pair<String, String>? = null
    var reminderSettings = ReminderSettings(
        moduleReminders = true,
        moduleWeekday = null,
        moduleTime = LocalTime(10u, 0u),
        practiceTime = null,
        quietHours = QuietHours(LocalTime(21u, 0u), LocalTime(8u, 0u)),
        nudges = true,
        messageAlerts = true,
    )
    var healthStatus = HealthStatus.WORKING
    var access: AccessStatus = AccessStatus(
        access = Access.Active(Instant.parse("2027-11-02T08:00:00Z"), 364, false),
        summaryOffered = false,
        unsent = 0uL,
        endConfirmed = false,
        wipeDue = false,
    )
    var offer = SummaryOffer(null, null)
    var practiceMinutes = 0u
    val messages: MutableMap<MessageThread, MutableList<Message>> =
        mutableMapOf(MessageThread.CLINICIAN to mutableListOf(), MessageThread.TEAM to mutableListOf())
    var replyTime: String? = "Vi svarar inom två vardagar."
    val drafts: MutableMap<Pair<String, String?>, AnswerValue> = mutableMapOf()
    val submitted: MutableList<AnswerVersion> = mutableListOf()
    val exercisesDone: MutableSet<String> = mutableSetOf()
    var summaryBytes: ByteArray = "%PDF-1.7 fake".toByteArray()

    /** The reminder plan; `publishPlan()` sends it to the observers. */
    var plan: ReminderPlan = ReminderPlan(
        listOf(
            ReminderRequest(
                "module-m2", ReminderKind.MODULE_OPENED, Instant.parse("2026-11-09T09:00:00Z"), "2026-11-09T10:00", false,
                t("Smärtskolan", "The Pain School"),
                t("En ny del av kursen är öppen. Ta den när det passar dig.", "A new part of the course is open. Take it when it suits you."),
                ReminderScreen.Module("m2"), "painschool://module/m2",
            ),
        ),
        0u,
    )

    /** Whether `wipeIfDue` wiped (it does when `access.wipeDue`). */
    var wiped = false

    /** The player the next `player()` returns. */
    var fakePlayer = FakePlayerClient()

    /** What was called, in order: names and ids only (never text). */
    val calls: MutableList<String> = mutableListOf()

    private val failures = mutableMapOf<String, Exception>()
    private val weekObserverList = mutableListOf<(Result<ThisWeek>) -> Unit>()
    private val syncObservers = mutableListOf<(SyncState) -> Unit>()
    private val planObservers = mutableListOf<(Result<ReminderPlan>) -> Unit>()
    private var versions = 0

    /** Makes every call of `operation` (a method name) throw `error` until `fail(operation, null)`. */
    fun fail(operation: String, error: Exception?) {
        if (error == null) failures.remove(operation) else failures[operation] = error
    }

    private fun call(operation: String, vararg ids: String?) {
        calls += (listOf(operation) + ids.map { it ?: "-" }).joinToString(" ")
        failures[operation]?.let { throw it }
    }

    /** How many "this week" subscriptions are open. */
    val weekObservers: Int get() = weekObserverList.size

    /** Sends the current week to the observers (after a test changed `week`). */
    fun publishWeek() {
        val w = week
        val r = if (w == null) Result.failure(CourseException.NotEnrolled()) else Result.success(w)
        weekObserverList.toList().forEach { it(r) }
    }

    private fun syncState() = SyncState(SyncActivity.Idle, activated, if (activated) now else null, null)

    override suspend fun activate(serverUrl: String, code: String): Activated {
        call("activate")
        activatedWith = serverUrl to code
        activated = true
        if (week == null) week = sampleWeek()
        syncObservers.toList().forEach { it(syncState()) }
        publishWeek()
        return Activated("fake-device", Enrolment(now, "Europe/Stockholm", Pace.Weekly, false, listOf(), null))
    }

    override suspend fun syncNow(): SyncReport {
        call("syncNow")
        var sent = 0u
        for (list in messages.values) {
            list.replaceAll { if (it.status == MessageStatus.QUEUED) { sent++; it.copy(status = MessageStatus.SENT) } else it }
        }
        return SyncReport(sent, 0u, 0u, null)
    }

    override fun observeSyncState(onChange: (SyncState) -> Unit): AutoCloseable {
        syncObservers += onChange
        onChange(syncState())
        return AutoCloseable { syncObservers -= onChange }
    }

    override suspend fun thisWeek(): ThisWeek {
        call("thisWeek")
        return week ?: throw CourseException.NotEnrolled()
    }

    override fun observeThisWeek(onChange: (Result<ThisWeek>) -> Unit): AutoCloseable {
        weekObserverList += onChange
        val w = week
        val failure = failures["thisWeek"]
        onChange(
            when {
                failure != null -> Result.failure(failure)
                w == null -> Result.failure(CourseException.NotEnrolled())
                else -> Result.success(w)
            },
        )
        return AutoCloseable { weekObserverList -= onChange }
    }

    /** The modules `modules()` returns; null: the sample's (module 1 open, module 2 opening 9 November). */
    var modules: List<ModuleCard>? = null

    override suspend fun modules(): List<ModuleCard> {
        call("modules")
        return modules ?: sampleModules()
    }

    override suspend fun moduleSections(moduleId: String): List<SectionCard> {
        call("moduleSections", moduleId)
        if (moduleId != "m1") throw CourseException.ModuleLocked(moduleId, Instant.parse("2026-11-08T23:00:00Z"))
        return sampleSections().map { s -> SectionCard(s.sectionId, s.kind, s.title, done(s)) }
    }

    /** Whether a sample section counts as done (a rough copy of the core's rule, for the fake only). */
    private fun done(s: SectionView): Boolean = when (s.kind) {
        "audio", "video", "mindfulness" -> s.sectionId in exercisesDone
        "text", "image" -> calls.any { it == "openSection ${s.sectionId}" }
        else -> s.questions.filter { it.required }.let { req ->
            req.isNotEmpty() && req.all { q -> submitted.any { it.questionId == q.id } }
        }
    }

    override suspend fun openSection(id: String): SectionView {
        call("openSection", id)
        if (!id.startsWith("m1-")) {
            throw CourseException.ModuleLocked(id.substringBefore('-'), Instant.parse("2026-11-08T23:00:00Z"))
        }
        val view = sampleSections().firstOrNull { it.sectionId == id } ?: throw CourseException.NotFound("section", id)
        return view.copy(questions = view.questions.map { q ->
            q.copy(
                answers = current(q.id, q.questionType == "diary"),
                draft = drafts[q.id to null],
            )
        })
    }

    private fun current(questionId: String, repeated: Boolean): List<AnswerVersion> {
        val mine = submitted.filter { it.questionId == questionId }
        return if (repeated) mine.groupBy { it.entryId }.values.map { it.last() } else listOfNotNull(mine.lastOrNull())
    }

    override suspend fun markExerciseDone(sectionId: String) {
        call("markExerciseDone", sectionId)
        exercisesDone += sectionId
    }

    override suspend fun saveDraft(questionId: String, entryId: String?, value: AnswerValue) {
        call("saveDraft", questionId, entryId)
        drafts[questionId to entryId] = value
    }

    override suspend fun submit(questionId: String, entryId: String?, value: AnswerValue): AnswerVersion {
        call("submit", questionId, entryId)
        if (value is AnswerValue.Text && value.text.isBlank()) throw CourseException.InvalidAnswer(questionId, AnswerRule.Empty)
        versions += 1
        val entry = entryId ?: if (value is AnswerValue.Diary) "entry-$versions" else null
        val v = AnswerVersion("version-$versions", questionId, entry, value, now, null)
        submitted += v
        drafts.remove(questionId to entryId)
        return v
    }

    override suspend fun messages(thread: MessageThread): List<Message> {
        call("messages", thread.name)
        return messages.getValue(thread).toList()
    }

    override suspend fun sendMessage(thread: MessageThread, text: String): Message {
        call("sendMessage", thread.name)
        val trimmed = text.trim()
        if (trimmed.isEmpty()) throw CourseException.InvalidInput("the message is empty")
        if (trimmed.length > 4000) throw CourseException.InvalidInput("the message is longer than 4000 characters")
        val m = Message("message-${messages.values.sumOf { it.size } + 1}", thread, MessageAuthor.PATIENT, null, trimmed, now, MessageStatus.QUEUED, null)
        messages.getValue(thread) += m
        messageDrafts.remove(thread)
        return m
    }

    override suspend fun markThreadRead(thread: MessageThread): UInt {
        call("markThreadRead", thread.name)
        var n = 0u
        messages.getValue(thread).replaceAll {
            if (it.author == MessageAuthor.CLINIC && it.status == MessageStatus.SENT) { n++; it.copy(status = MessageStatus.READ, readAt = now) } else it
        }
        return n
    }

    /** What the patient was writing, per thread (the core keeps it until sent). */
    val messageDrafts: MutableMap<MessageThread, String> = mutableMapOf()

    override suspend fun saveMessageDraft(thread: MessageThread, text: String) {
        call("saveMessageDraft", thread.name)
        if (text.isEmpty()) messageDrafts.remove(thread) else messageDrafts[thread] = text
    }

    override suspend fun messageDraft(thread: MessageThread): String? {
        call("messageDraft", thread.name)
        return messageDrafts[thread]
    }

    /** The booked visits `visits()` returns (none by default). */
    var visits: List<Visit> = emptyList()

    override suspend fun visits(): List<Visit> {
        call("visits")
        return visits.sortedBy { it.startsAt }
    }

    override suspend fun compose(thread: MessageThread): ComposeView {
        call("compose", thread.name)
        return ComposeView(
            thread,
            if (activated || week != null) "Demoenheten" else null,
            replyTime?.let { if (sv) it else "We reply within two working days." },
            t(
                "Meddelanden är inte för akuta ärenden. Vid akut fara för liv eller hälsa, ring 112. För sjukvårdsrådgivning dygnet runt, ring 1177.",
                "Messages are not for emergencies. If life or health is in danger, call 112. For medical advice at any hour, call 1177.",
            ),
            4000u,
        )
    }

    override fun player(): PlayerClient {
        calls += "player"
        failures["player"]?.let { throw it }
        return fakePlayer
    }

    override suspend fun practiceToday(): PracticeToday {
        call("practiceToday")
        return PracticeToday(practiceMinutes, now)
    }

    override suspend fun summaryPdf(): ByteArray {
        call("summaryPdf")
        return summaryBytes
    }

    override suspend fun summaryHtml(): String {
        call("summaryHtml")
        return "<!doctype html><title>${t("Sammanfattning", "Summary")}</title>"
    }

    override suspend fun writeSummary(path: String, format: SummaryFormat): String {
        call("writeSummary", format.name)
        java.io.File(path).writeBytes(if (format == SummaryFormat.PDF) summaryBytes else summaryHtml().toByteArray())
        return path
    }

    override suspend fun summaryOffer(): SummaryOffer {
        call("summaryOffer")
        return offer
    }

    override suspend fun preferences(): Preferences {
        call("preferences")
        return preferences
    }

    override suspend fun setPreferences(preferences: Preferences) {
        call("setPreferences")
        if ((preferences.displayName?.trim()?.length ?: 0) > 100) {
            throw CourseException.InvalidInput("the display name is longer than 100 characters")
        }
        this.preferences = preferences.copy(displayName = preferences.displayName?.trim()?.ifEmpty { null })
        publishWeek()
    }

    override suspend fun reminderSettings(): ReminderSettings {
        call("reminderSettings")
        return reminderSettings
    }

    override suspend fun setReminderSettings(settings: ReminderSettings) {
        call("setReminderSettings")
        val quiet = settings.quietHours
        fun inside(t: LocalTime?): Boolean {
            if (quiet == null || t == null) return false
            val m = t.hour.toInt() * 60 + t.minute.toInt()
            val s = quiet.start.hour.toInt() * 60 + quiet.start.minute.toInt()
            val e = quiet.end.hour.toInt() * 60 + quiet.end.minute.toInt()
            return if (s <= e) m in s until e else m >= s || m < e
        }
        if (inside(settings.moduleTime)) throw CourseException.InvalidInput("the module reminder time is within the quiet hours")
        if (inside(settings.practiceTime)) throw CourseException.InvalidInput("the practice reminder time is within the quiet hours")
        reminderSettings = settings
    }

    override suspend fun reminderHealth(permission: NotificationPermission): ReminderHealth {
        call("reminderHealth", permission.name)
        val status = when (permission) {
            NotificationPermission.DENIED -> HealthStatus.OFF
            NotificationPermission.NOT_ASKED -> HealthStatus.NOT_ASKED
            NotificationPermission.PROVISIONAL -> HealthStatus.QUIET
            NotificationPermission.ALLOWED -> healthStatus
        }
        val (message, action) = when (status) {
            HealthStatus.WORKING -> null to HealthAction.NONE
            HealthStatus.OFF -> t(
                "Aviseringar är avstängda, så du får inga påminnelser.",
                "Notifications are off, so you will not get reminders.",
            ) to HealthAction.OPEN_SYSTEM_SETTINGS
            HealthStatus.NOT_ASKED -> t(
                "Tillåt aviseringar för att få påminnelser.",
                "Allow notifications to get reminders.",
            ) to HealthAction.ASK_PERMISSION
            HealthStatus.QUIET -> t(
                "Påminnelserna kommer tyst.",
                "Reminders arrive quietly.",
            ) to HealthAction.OPEN_SYSTEM_SETTINGS
            HealthStatus.ALL_OFF_IN_APP -> t(
                "Du har stängt av alla påminnelser.",
                "You have turned every reminder off.",
            ) to HealthAction.OPEN_REMINDER_SETTINGS
        }
        val next = Instant.parse("2026-11-05T09:00:00Z")
        return ReminderHealth(status, message, action, ReminderKind.NUDGE, next, "2026-11-05T10:00", 12u)
    }

    override suspend fun reminderPlan(): ReminderPlan {
        call("reminderPlan")
        return plan
    }

    override fun observeReminderPlan(onChange: (Result<ReminderPlan>) -> Unit): AutoCloseable {
        planObservers += onChange
        onChange(failures["reminderPlan"]?.let { Result.failure(it) } ?: Result.success(plan))
        return AutoCloseable { planObservers -= onChange }
    }

    /** Sends the current plan to the observers (after a test changed `plan`). */
    fun publishPlan() {
        planObservers.toList().forEach { it(Result.success(plan)) }
    }

    /** How many reminder-plan subscriptions are open. */
    val planObserverCount: Int get() = planObservers.size

    override suspend fun accessStatus(): AccessStatus {
        call("accessStatus")
        return access
    }

    override suspend fun wipeIfDue(keys: KeyProvider): Boolean {
        call("wipeIfDue")
        if (!access.wipeDue) return false
        keys.delete()
        wiped = true
        activated = false
        week = null
        return true
    }

    // The sample course.

    /** The start screen in week 1: module 1 open, module 2 on Monday. */
    fun sampleWeek(): ThisWeek = ThisWeek(
        today = "2026-11-03",
        courseWeek = 1u,
        access = access.access,
        current = sampleModules()[0],
        nextUnlock = NextUnlock("m2", 2u, Instant.parse("2026-11-08T23:00:00Z"), "2026-11-09"),
        modulesOpen = 1u,
        modulesFinished = 0u,
        modulesTotal = 8u,
        checkInDue = true,
    )

    fun sampleModules(): List<ModuleCard> = listOf(
        ModuleCard(
            "m1", 1u, t("Introduktion och smärtfysiologi", "Introduction and pain physiology"),
            t("Så fungerar Smärtskolan, och hur smärta uppstår.", "How the Pain School works, and how pain arises."),
            ModuleLock.Open,
            sampleSections().let { all -> ModuleProgress(all.count(::done).toUInt(), all.size.toUInt(), all.all(::done)) },
            null,
        ),
        ModuleCard(
            "m2", 2u, t("Behandling och mål", "Treatment and goals"),
            t("Vad som hjälper, och dina egna mål.", "What helps, and your own goals."),
            ModuleLock.Locked(Instant.parse("2026-11-08T23:00:00Z")), ModuleProgress(0u, 8u, false), "2026-11-09",
        ),
    )

    /** Module 1's sections: one of each kind. */
    fun sampleSections(): List<SectionView> {
        fun media(name: String) = MediaRef("/bundle/modules/01/media/$name", "0".repeat(64))
        fun section(id: String, kind: String, title: String) =
            SectionView("m1", id, kind, title, null, null, null, null, null, null, null, listOf())
        fun question(id: String, type: String, prompt: String, required: Boolean = true) =
            QuestionView(id, prompt, type, required, null, listOf(), listOf(), listOf(), null)
        val scale = { id: String, prompt: String ->
            question(id, "scale", prompt).copy(scale = ScaleRange(0, 10, t("Inte alls", "Not at all"), t("Helt", "Completely")))
        }
        return listOf(
            section("m1-welcome", "text", t("Så fungerar Smärtskolan", "How the Pain School works")).copy(
                bodyMarkdown = t("Välkommen! **En modul i veckan.**", "Welcome! **One module a week.**"),
            ),
            section("m1-pain-system-image", "image", t("Smärtsystemet", "The pain system")).copy(
                media = media("pain-system.svg"),
                altText = t("En nerv går från handen till hjärnan.", "A nerve runs from the hand to the brain."),
                caption = t("Signalen går uppåt.", "The signal travels upwards."),
            ),
            section("m1-audio-intro", "audio", t("Lyssna: välkommen", "Listen: welcome")).copy(
                media = media("audio-intro.ogg"), transcriptMarkdown = t("Hej och välkommen.", "Hello and welcome."), durationSeconds = 34u,
            ),
            section("m1-pain-animation", "video", t("Animation: en smärtsignal", "Animation: a pain signal")).copy(
                media = media("pain-animation.mp4"), captions = media("pain-animation.vtt"),
                transcriptMarkdown = t("En signal går från handen.", "A signal leaves the hand."), durationSeconds = 117u,
            ),
            section("m1-breathing", "mindfulness", t("Andningsövning", "Breathing exercise")).copy(
                bodyMarkdown = t("Sitt bekvämt.", "Sit comfortably."), media = media("breathing.ogg"),
                transcriptMarkdown = t("Andas in lugnt.", "Breathe in calmly."), durationSeconds = 414u,
            ),
            section("m1-my-pain", "assignment", t("Uppgift: min smärta", "Assignment: my pain")).copy(
                bodyMarkdown = t("Svara med egna ord.", "Answer in your own words."),
                questions = listOf(
                    question("m1-pain-daily-life", "free_text", t("Hur påverkar smärtan din vardag?", "How does pain affect your daily life?")),
                    scale("m1-coping-confidence", t("Hur säker känner du dig?", "How confident do you feel?")),
                    question("m1-pain-duration", "single_choice", t("Hur länge har du haft smärta?", "How long have you had pain?")).copy(
                        options = listOf(ChoiceOption("under-1-year", t("Mindre än ett år", "Less than a year")), ChoiceOption("over-1-year", t("Mer än ett år", "More than a year"))),
                    ),
                    question("m1-pain-triggers", "multiple_choice", t("Vad gör smärtan värre?", "What makes the pain worse?")).copy(
                        options = listOf(ChoiceOption("stress", "Stress"), ChoiceOption("poor-sleep", t("Dålig sömn", "Poor sleep"))),
                    ),
                    question("m1-week-checklist", "checklist", t("Att göra den här veckan", "To do this week"), required = false).copy(
                        options = listOf(ChoiceOption("read-texts", t("Läst texterna", "Read the texts"))),
                    ),
                    question("m1-activity-diary", "diary", t("Aktivitetsdagbok", "Activity diary")).copy(
                        fields = listOf(
                            DiaryField("date", t("Datum", "Date"), "date"),
                            DiaryField("activity", t("Aktivitet", "Activity"), "text"),
                            DiaryField("minutes", t("Minuter", "Minutes"), "number"),
                            DiaryField("pain-after", t("Smärta efter (0–10)", "Pain after (0–10)"), "scale"),
                        ),
                    ),
                ),
            ),
            section("m1-reflection", "reflection", t("Reflektion", "Reflection")).copy(
                questions = listOf(question("m1-reflection-learned", "free_text", t("Vad har du lärt dig?", "What have you learned?"))),
            ),
            section("m1-weekly-check-in", "check_in", t("Veckans avstämning", "Weekly check-in")).copy(
                questions = listOf(scale("check-in-pain", t("Hur ont har du haft?", "How much pain have you had?"))),
            ),
        )
    }
}

/** A player without sound: tests move it with `advance` and `emit`. */
class FakePlayerClient(
    var durationMs: ULong = 414_000uL,
    /** Where a saved position says to resume, with its label ("4:12"). */
    var resumeAt: Pair<ULong, String>? = null,
) : PlayerClient {
    var current = PlayerState(PlayerStatus.Idle, null, 0uL, 1f)
        private set
    private val observers = mutableListOf<(PlayerState) -> Unit>()
    var loadFailure: PlayerFailure? = null
    var closed = false
    val calls = mutableListOf<String>()

    fun emit(state: PlayerState) {
        current = state
        observers.toList().forEach { it(state) }
    }

    private fun status(s: PlayerStatus, position: ULong = current.positionMs) = emit(current.copy(status = s, positionMs = position))

    /** Plays `ms` more (only while playing); ends at the duration. */
    fun advance(ms: ULong) {
        if (current.status != PlayerStatus.Playing) return
        val to = minOf(current.positionMs + ms, durationMs)
        status(if (to >= durationMs) PlayerStatus.Ended else PlayerStatus.Playing, to)
    }

    override suspend fun load(sectionId: String): LoadedTrack {
        calls += "load $sectionId"
        loadFailure?.let {
            emit(current.copy(status = PlayerStatus.Failed(it)))
            throw PlayerException.Failed(it, "fake")
        }
        val track = TrackInfo(sectionId, Language.SWEDISH, durationMs)
        emit(PlayerState(PlayerStatus.Ready, track, 0uL, current.volume))
        return LoadedTrack(track, resumeAt?.first, resumeAt?.second)
    }

    private fun loaded() {
        if (current.track == null) throw PlayerException.Failed(PlayerFailure.NOTHING_LOADED, "fake")
    }

    override suspend fun play() { calls += "play"; loaded(); status(PlayerStatus.Playing) }
    override suspend fun playFrom(positionMs: ULong) { calls += "playFrom $positionMs"; loaded(); status(PlayerStatus.Playing, positionMs) }
    override suspend fun pause() { calls += "pause"; loaded(); status(PlayerStatus.Paused) }
    override suspend fun seek(positionMs: ULong) { calls += "seek $positionMs"; loaded(); status(current.status, minOf(positionMs, durationMs)) }
    override suspend fun stop() { calls += "stop"; status(PlayerStatus.Ready, 0uL) }
    override fun state(): PlayerState = current

    override fun observe(onState: (PlayerState) -> Unit): AutoCloseable {
        observers += onState
        onState(current)
        return AutoCloseable { observers -= onState }
    }

    override suspend fun interruptionBegan() { calls += "interruptionBegan"; if (current.status == PlayerStatus.Playing) status(PlayerStatus.Paused) }
    override suspend fun interruptionEnded(resume: Boolean) { calls += "interruptionEnded $resume"; if (resume) status(PlayerStatus.Playing) }
    override suspend fun headphonesUnplugged() { calls += "headphonesUnplugged"; if (current.status == PlayerStatus.Playing) status(PlayerStatus.Paused) }
    override fun close() { closed = true }
}
