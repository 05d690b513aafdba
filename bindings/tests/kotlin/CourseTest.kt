// Calls every export of the bindings against the real library on the JVM.
// scripts/kotlin_surface.py fails CI when an exported function or method is
// not called here.
package app.painschool.core.test

import app.painschool.core.*
import kotlinx.coroutines.runBlocking
import java.time.Instant
import java.util.concurrent.TimeUnit
import kotlin.test.*
import org.junit.Test

class CourseTest {
    private val clock = FixedClock(Instant.parse("2026-11-03T09:00:00Z"))

    private suspend fun open(dir: java.nio.file.Path, keys: KeyProvider = MemoryKeys()): Course =
        openCourse(dir.toString(), Paths0.bundle, keys, clock, NoNetwork())

    private suspend fun enrolled(): Course {
        val c = open(Paths0.tempDir())
        c.enrol(weekly())
        return c
    }

    @Test
    fun versionsAreReported(): Unit = runBlocking {
        assertTrue(libraryVersion().matches(Regex("""\d+\.\d+\.\d+""")))
        val c = enrolled()
        assertTrue(c.contentVersion().isNotEmpty())
    }

    @Test
    fun aNewCourseStoresAFreshKeyAndReopensWithIt(): Unit = runBlocking {
        val dir = Paths0.tempDir()
        val keys = MemoryKeys()
        open(dir, keys).use { it.enrol(weekly()) }
        assertEquals(1, keys.stores)
        assertEquals(32, keys.key!!.size)
        val again = open(dir, keys)
        assertEquals("Europe/Stockholm", again.enrolment().timeZone)
        assertEquals(1, keys.stores, "the stored key is reused")
    }

    @Test
    fun thisWeekAndModulesFollowTheWeeklyPace(): Unit = runBlocking {
        val c = enrolled()
        val week = c.thisWeek()
        assertEquals(1u, week.courseWeek)
        assertEquals("2026-11-03", week.today)
        assertEquals("m1", week.current?.id)
        assertEquals(1u, week.modulesOpen)
        assertEquals(8u, week.modulesTotal)
        assertTrue(week.access is Access.Active)
        assertEquals("m2", week.nextUnlock?.moduleId)
        assertEquals("2026-11-09", week.nextUnlock?.opensOn)
        val modules = c.modules()
        assertEquals(8, modules.size)
        assertEquals(ModuleLock.Open, modules[0].lock)
        val m2 = modules[1].lock
        assertTrue(m2 is ModuleLock.Locked && m2.opensAt == Instant.parse("2026-11-08T23:00:00Z"))
        // A week later module 2 is open.
        clock.instant = Instant.parse("2026-11-09T09:00:00Z")
        assertEquals(2u, c.thisWeek().modulesOpen)
    }

    @Test
    fun sectionsOpenAndExercisesCount(): Unit = runBlocking {
        val c = enrolled()
        val contents = c.moduleSections("m1")
        assertEquals("m1-welcome", contents.first().id)
        assertEquals(c.modules()[0].progress.sectionsTotal.toInt(), contents.size)
        assertTrue(contents.none { it.done })
        assertEquals("check_in", contents.single { it.id == "m1-weekly-check-in" }.kind)
        assertFailsWith<CourseException.ModuleLocked> { c.moduleSections("m2") }
        val welcome = c.openSection("m1-welcome")
        assertEquals("text", welcome.kind)
        assertTrue(welcome.bodyMarkdown!!.isNotEmpty())
        val image = c.openSection("m1-pain-system-image")
        assertTrue(image.altText!!.isNotEmpty())
        assertTrue(java.io.File(image.media!!.path).exists())
        val before = c.modules()[0].progress.sectionsDone
        c.markExerciseDone("m1-breathing")
        assertEquals(before + 1u, c.modules()[0].progress.sectionsDone, "the breathing exercise counts")
        assertTrue(c.moduleSections("m1").single { it.id == "m1-breathing" }.done)
        val assignment = c.openSection("m1-my-pain")
        val scale = assignment.questions.first { it.id == "m1-coping-confidence" }.scale!!
        assertEquals(0L, scale.min)
        assertEquals(10L, scale.max)
        val choice = assignment.questions.first { it.id == "m1-pain-duration" }
        assertTrue(choice.options.isNotEmpty())
        val diary = assignment.questions.first { it.id == "m1-activity-diary" }
        assertEquals(listOf("date", "activity", "minutes", "pain-before", "pain-after"), diary.fields.map { it.id })
    }

    @Test
    fun draftsSubmitsHistoryAndModuleAnswers(): Unit = runBlocking {
        val c = enrolled()
        val q = "m1-reflection-learned"
        c.saveDraft(q, null, AnswerValue.Text("half a thought"))
        assertEquals(AnswerValue.Text("half a thought"), c.draft(q, null))
        val v1 = c.submitAnswer(q, null, AnswerValue.Text("first, with å ä ö"))
        assertNull(c.draft(q, null), "submit clears the draft")
        assertNull(v1.entryId)
        clock.instant = clock.instant.plusSeconds(60)
        val v2 = c.submitAnswer(q, null, AnswerValue.Text("second"))
        assertEquals(listOf(v1.versionId, v2.versionId), c.answerHistory(q, null).map { it.versionId })
        assertEquals(AnswerValue.Text("first, with å ä ö"), c.answerHistory(q, null)[0].value)
        val current = c.moduleAnswers("m1").first { it.questionId == q }
        assertEquals(listOf(AnswerValue.Text("second")), current.answers.map { it.value })
        assertEquals("free_text", current.questionType)
    }

    @Test
    fun diaryEntriesRepeat(): Unit = runBlocking {
        val c = enrolled()
        fun entry(minutes: Long) = AnswerValue.Diary(mapOf(
            "date" to FieldValue.Date("2026-11-03"),
            "activity" to FieldValue.Text("promenad"),
            "minutes" to FieldValue.Number(minutes),
            "pain-before" to FieldValue.Number(4),
            "pain-after" to FieldValue.Number(3),
        ))
        val a = c.submitAnswer("m1-activity-diary", null, entry(20))
        val b = c.submitAnswer("m1-activity-diary", null, entry(30))
        assertNotNull(a.entryId)
        assertNotEquals(a.entryId, b.entryId)
        // Editing an entry keeps its id and adds a version.
        c.submitAnswer("m1-activity-diary", a.entryId, entry(25))
        assertEquals(2, c.answerHistory("m1-activity-diary", a.entryId).size)
        val diary = c.moduleAnswers("m1").first { it.questionId == "m1-activity-diary" }
        assertEquals(2, diary.answers.size)
        // Choices and checklists.
        c.submitAnswer("m1-pain-triggers", null, AnswerValue.Choices(listOf("stress")))
        c.submitAnswer("m1-coping-confidence", null, AnswerValue.Scale(6))
    }

    @Test
    fun preferencesRoundTripAndChangeTheLanguage(): Unit = runBlocking {
        val c = enrolled()
        val p = c.preferences()
        assertEquals(Language.SWEDISH, p.language)
        val sv = c.openSection("m1-welcome").title
        c.setPreferences(Preferences("Testperson Ett", Language.ENGLISH, TextSize.LARGE))
        assertEquals(Preferences("Testperson Ett", Language.ENGLISH, TextSize.LARGE), c.preferences())
        assertEquals("How the Pain School works", c.openSection("m1-welcome").title)
        assertNotEquals(sv, "How the Pain School works")
    }

    @Test
    fun errorsAreTypedAndCarryNoAnswerText(): Unit = runBlocking {
        val c = enrolled()
        val locked = assertFailsWith<CourseException.ModuleLocked> {
            c.openSection("m2-intro")
        }
        assertEquals("m2", locked.moduleId)
        assertEquals(Instant.parse("2026-11-08T23:00:00Z"), locked.opensAt)
        val secret = "SECRET-" + "x".repeat(20_000)
        val invalid = assertFailsWith<CourseException.InvalidAnswer> {
            c.submitAnswer("m1-reflection-learned", null, AnswerValue.Text(secret))
        }
        assertEquals("m1-reflection-learned", invalid.questionId)
        assertFalse(invalid.message!!.contains("SECRET"))
        // The rule is typed, with its limit, so the app words it itself.
        assertTrue(invalid.rule is AnswerRule.TooLong, "${invalid.rule}")
        assertTrue((invalid.rule as AnswerRule.TooLong).maxChars in 1u..19_999u)
        val wrongType = assertFailsWith<CourseException.InvalidAnswer> {
            c.submitAnswer("m1-coping-confidence", null, AnswerValue.Text("not a number"))
        }
        assertEquals(AnswerRule.WrongType, wrongType.rule)
        val missing = assertFailsWith<CourseException.NotFound> { c.submitAnswer("no-such-question", null, AnswerValue.Scale(1)) }
        assertEquals("question", missing.kind)
        assertFailsWith<CourseException.InvalidInput> {
            c.submitAnswer("m1-reflection-learned", "some-entry", AnswerValue.Text("x"))
        }
        assertFailsWith<CourseException.InvalidInput> {
            c.submitAnswer("m1-activity-diary", null, AnswerValue.Diary(mapOf("date" to FieldValue.Date("23/11/2026"))))
        }
        assertFailsWith<CourseException.InvalidInput> {
            c.enrol(weekly().copy(timeZone = "Mars/Olympus_Mons"))
        }
        val fresh = open(Paths0.tempDir())
        assertFailsWith<CourseException.NotEnrolled> { fresh.thisWeek() }
    }

    @Test
    fun aWrongKeyIsATypedErrorNotACrash(): Unit = runBlocking {
        val dir = Paths0.tempDir()
        open(dir, MemoryKeys()).use { it.enrol(weekly()) }
        val wrong = MemoryKeys(ByteArray(32) { 9 })
        assertFailsWith<OpenException.WrongKey> { open(dir, wrong) }
        assertFailsWith<OpenException.KeyUnavailable> { open(dir, LockedKeys()) }
        assertFailsWith<OpenException.KeyUnavailable> { open(dir, MemoryKeys(ByteArray(5))) }
        assertFailsWith<OpenException.ContentBroken> {
            openCourse(Paths0.tempDir().toString(), Paths0.tempDir().toString(), MemoryKeys(), clock, NoNetwork())
        }
    }

    @Test
    fun aPanicComesBackAsAnErrorAndTheNextCallWorks(): Unit = runBlocking {
        val c = enrolled()
        val e = assertFailsWith<CourseException.Internal> { c.testPanicHoldingLock() }
        assertFalse(e.reason.contains("test panic"), "the panic message stays inside")
        // The lock the panic held is usable: the same object keeps working.
        assertEquals(1u, c.thisWeek().courseWeek)
        c.submitAnswer("m1-reflection-learned", null, AnswerValue.Text("after the panic"))
        assertEquals(1, c.answerHistory("m1-reflection-learned", null).size)
    }

    @Test
    fun theThisWeekStreamEmitsAtOnceThenChangesThenStops(): Unit = runBlocking {
        val c = enrolled()
        val a = Recorder()
        val handle = c.subscribeThisWeek(a)
        val first = a.next()
        assertEquals(0u, first.modulesFinished)
        assertEquals("Introduktion och smärtfysiologi", first.current?.title)
        // A write that changes the state: the language.
        c.setPreferences(Preferences(null, Language.ENGLISH, TextSize.STANDARD))
        assertEquals("Introduction and pain physiology", a.next().current?.title)
        assertFalse(handle.isFinished())
        handle.cancel()
        // After cancel nothing more arrives: another subscriber sees two
        // further changes, the cancelled one sees none.
        val b = Recorder()
        c.subscribeThisWeek(b).use { other ->
            assertEquals("Introduction and pain physiology", b.next().current?.title)
            c.setPreferences(Preferences(null, Language.SWEDISH, TextSize.STANDARD))
            assertEquals("Introduktion och smärtfysiologi", b.next().current?.title)
            c.setPreferences(Preferences(null, Language.ENGLISH, TextSize.STANDARD))
            assertEquals("Introduction and pain physiology", b.next().current?.title)
            assertFalse(other.isFinished())
        }
        assertTrue(a.updates.isEmpty(), "a cancelled stream delivers nothing")
        assertTrue(a.errors.isEmpty())
        // Closing the handle (`use` above) stops it the same way: a third
        // subscriber sees the next change, the closed one does not.
        val witness = Recorder()
        c.subscribeThisWeek(witness).use {
            witness.next()
            c.setPreferences(Preferences(null, Language.SWEDISH, TextSize.STANDARD))
            assertEquals("Introduktion och smärtfysiologi", witness.next().current?.title)
        }
        assertTrue(b.updates.isEmpty(), "a closed stream delivers nothing")
    }

    @Test
    fun theStreamReportsErrorsThenTheStateOnceThereIsOne(): Unit = runBlocking {
        val c = open(Paths0.tempDir())
        val r = Recorder()
        c.subscribeThisWeek(r).use {
            assertTrue(r.errors.poll(30, TimeUnit.SECONDS) is CourseException.NotEnrolled)
            c.enrol(weekly())
            assertEquals("m1", r.next().current?.id)
        }
    }
}
