// The module reader: a module's contents, and each kind of section.
package app.painschool.presenter

import app.painschool.client.FakeCourseClient
import app.painschool.core.AnswerRule
import app.painschool.core.AnswerValue
import app.painschool.core.CourseException
import app.painschool.core.FieldValue
import app.painschool.core.Language
import org.junit.Test
import kotlin.test.assertEquals
import kotlin.test.assertFalse
import kotlin.test.assertNotNull
import kotlin.test.assertNull
import kotlin.test.assertTrue

class ModulePresenterTest {
    @Test
    fun theContentsListEverySectionWithWhatIsDone(): Unit = TestScreen().use { screen ->
        val fake = FakeCourseClient.enrolled()
        val p = ModulePresenter(fake, screen.scope, "m1", STOCKHOLM)
        Golden.check("module-m1", p.state.value)
        assertEquals(8, p.state.value.sections.size)
        assertTrue(p.state.value.sections.none { it.doneLabel != null })

        fake.exercisesDone += "m1-breathing"
        p.onEvent(ModuleEvent.Refresh)
        val breathing = p.state.value.sections.single { it.sectionId == "m1-breathing" }
        assertEquals("Klar", breathing.doneLabel)
        assertEquals("Andningsövning, Mindfulness, Klar", breathing.contentDescription)
    }

    @Test
    fun aLockedModuleSaysWhenItOpens(): Unit = TestScreen().use { screen ->
        val fake = FakeCourseClient.enrolled()
        val p = ModulePresenter(fake, screen.scope, "m2", STOCKHOLM)
        Golden.check("module-locked", p.state.value)
        assertEquals("Den här modulen öppnar 9 november 2026.", p.state.value.error?.message)
    }

    @Test
    fun inEnglish(): Unit = TestScreen().use { screen ->
        val fake = FakeCourseClient.enrolled()
        fake.preferences = fake.preferences.copy(language = Language.ENGLISH)
        val p = ModulePresenter(fake, screen.scope, "m1", STOCKHOLM)
        Golden.check("module-m1-en", p.state.value)
    }
}

class SectionPresenterTest {
    private fun open(fake: FakeCourseClient, screen: TestScreen, id: String, delay: Delay = ManualDelay()) =
        SectionPresenter(fake, screen.scope, id, delay, STOCKHOLM)

    @Test
    fun textImageVideoAndExercises(): Unit = TestScreen().use { screen ->
        val fake = FakeCourseClient.enrolled()
        Golden.check("section-text", open(fake, screen, "m1-welcome").state.value)

        val image = open(fake, screen, "m1-pain-system-image").state.value
        Golden.check("section-image", image)
        assertEquals("En nerv går från handen till hjärnan.", image.image?.contentDescription, "the alt text is what TalkBack reads")

        val video = open(fake, screen, "m1-pain-animation").state.value
        Golden.check("section-video", video)
        assertNotNull(video.video?.captionsPath)

        val mindfulness = open(fake, screen, "m1-breathing")
        Golden.check("section-mindfulness", mindfulness.state.value)
        assertEquals("m1-breathing", mindfulness.state.value.player?.target)
        assertFalse(mindfulness.state.value.exercise!!.done)
        mindfulness.onEvent(SectionEvent.MarkDone)
        assertTrue(mindfulness.state.value.exercise!!.done)
        assertTrue("m1-breathing" in fake.exercisesDone)
        assertTrue(open(fake, screen, "m1-breathing").state.value.exercise!!.done, "done, when opened again")
    }

    @Test
    fun typingIsAutosavedOnceItPauses(): Unit = TestScreen().use { screen ->
        val fake = FakeCourseClient.enrolled()
        val delay = ManualDelay()
        val p = open(fake, screen, "m1-my-pain", delay)
        Golden.check("section-assignment", p.state.value)
        p.onEvent(SectionEvent.TextChanged("m1-pain-daily-life", "Syntetiskt"))
        p.onEvent(SectionEvent.TextChanged("m1-pain-daily-life", "Syntetiskt svar"))
        assertEquals(1, delay.pending, "the earlier wait was cancelled")
        assertTrue(fake.calls.none { it.startsWith("saveDraft") }, "nothing saved while typing")
        delay.release()
        assertEquals(listOf("saveDraft m1-pain-daily-life -"), fake.calls.filter { it.startsWith("saveDraft") })
        assertEquals(AnswerValue.Text("Syntetiskt svar"), fake.drafts["m1-pain-daily-life" to null])
        assertEquals(listOf(AUTOSAVE_MILLIS, AUTOSAVE_MILLIS), delay.requested)
        p.onEvent(SectionEvent.ScaleSelected("m1-coping-confidence", 6))
        p.onEvent(SectionEvent.OptionSelected("m1-pain-duration", "over-1-year"))
        p.onEvent(SectionEvent.OptionToggled("m1-pain-triggers", "poor-sleep"))
        p.onEvent(SectionEvent.OptionToggled("m1-pain-triggers", "stress"))
        delay.release()
        Golden.check("section-assignment-drafts-saved", p.state.value)
        assertEquals(AnswerValue.Choices(listOf("stress", "poor-sleep")), fake.drafts["m1-pain-triggers" to null], "in the question's order")

        // Opened again, the drafts are where the patient left them.
        val again = open(fake, screen, "m1-my-pain", delay).state.value
        val text = again.questions.single { it.questionId == "m1-pain-daily-life" }
        assertEquals(InputUi.FreeText("Syntetiskt svar", text.prompt), text.input)
        assertEquals("Utkastet är sparat i telefonen.", text.draftStatus)
    }

    @Test
    fun leavingSavesWhatWaitsForTheTypingPause(): Unit = TestScreen().use { screen ->
        val fake = FakeCourseClient.enrolled()
        val delay = ManualDelay()
        val p = open(fake, screen, "m1-my-pain", delay)
        p.onEvent(SectionEvent.TextChanged("m1-pain-daily-life", "Syntetiskt svar"))
        p.onEvent(SectionEvent.ScaleSelected("m1-coping-confidence", 4))
        assertEquals(2, delay.pending)
        assertTrue(fake.calls.none { it.startsWith("saveDraft") })
        // The screen stops before the pause ends: both are saved now.
        p.onEvent(SectionEvent.SaveNow)
        assertEquals(0, delay.pending, "the waits were cancelled")
        assertEquals(AnswerValue.Text("Syntetiskt svar"), fake.drafts["m1-pain-daily-life" to null])
        assertEquals(AnswerValue.Scale(4), fake.drafts["m1-coping-confidence" to null])
        // Saved once each; a second stop has nothing left to save.
        p.onEvent(SectionEvent.SaveNow)
        assertEquals(2, fake.calls.count { it.startsWith("saveDraft") })
    }

    @Test
    fun leavingSavesEvenAsTheScreensScopeEnds() {
        val fake = FakeCourseClient.enrolled()
        val delay = ManualDelay()
        TestScreen().use { app ->
            val screen = TestScreen()
            val p = SectionPresenter(fake, screen.scope, "m1-my-pain", delay, STOCKHOLM, saveScope = app.scope)
            p.onEvent(SectionEvent.TextChanged("m1-pain-daily-life", "Syntetiskt svar"))
            // The screen leaves: its scope ends with the save still waiting, and the
            // shell's last word is SaveNow. The app's scope does the saving.
            screen.close()
            p.onEvent(SectionEvent.SaveNow)
            assertEquals(AnswerValue.Text("Syntetiskt svar"), fake.drafts["m1-pain-daily-life" to null])
        }
    }

    @Test
    fun submittingShowsWhenItWasSavedAndWhatTheCoreRefused(): Unit = TestScreen().use { screen ->
        val fake = FakeCourseClient.enrolled()
        val delay = ManualDelay()
        val p = open(fake, screen, "m1-my-pain", delay)
        p.onEvent(SectionEvent.Submit("m1-coping-confidence"))
        assertEquals("Skriv eller välj ett svar först.", p.state.value.questions[1].error)
        assertTrue(fake.calls.none { it.startsWith("submit") })

        p.onEvent(SectionEvent.TextChanged("m1-pain-daily-life", "   "))
        p.onEvent(SectionEvent.Submit("m1-pain-daily-life"))
        assertEquals(0, delay.pending, "submit cancels the pending autosave")
        assertEquals("Skriv eller välj ett svar först.", p.state.value.questions[0].error)

        p.onEvent(SectionEvent.TextChanged("m1-pain-daily-life", "Syntetiskt svar"))
        assertNull(p.state.value.questions[0].error, "typing clears the error")
        p.onEvent(SectionEvent.Submit("m1-pain-daily-life"))
        p.onEvent(SectionEvent.ScaleSelected("m1-coping-confidence", 7))
        p.onEvent(SectionEvent.Submit("m1-coping-confidence"))
        Golden.check("section-assignment-submitted", p.state.value)
        val q = p.state.value.questions[0]
        assertEquals("Sparat 3 november 10:00.", q.answeredLabel)
        assertEquals("Spara ändringen", q.submitLabel)

        fake.fail("submit", CourseException.AccessEnded(fake.now, fake.now))
        p.onEvent(SectionEvent.Submit("m1-pain-daily-life"))
        assertEquals("Din tillgång till kursen har upphört.", p.state.value.questions[0].error)
    }

    @Test
    fun aDiaryGetsOneEntryPerSubmit(): Unit = TestScreen().use { screen ->
        val fake = FakeCourseClient.enrolled()
        val delay = ManualDelay()
        val p = open(fake, screen, "m1-my-pain", delay)
        val diary = "m1-activity-diary"
        p.onEvent(SectionEvent.DiaryFieldChanged(diary, "date", "2026-11-03"))
        p.onEvent(SectionEvent.DiaryFieldChanged(diary, "activity", "Promenad"))
        p.onEvent(SectionEvent.DiaryFieldChanged(diary, "minutes", "20"))
        p.onEvent(SectionEvent.DiaryFieldChanged(diary, "pain-after", "3"))
        delay.release()
        assertEquals(
            AnswerValue.Diary(mapOf(
                "date" to FieldValue.Date("2026-11-03"), "activity" to FieldValue.Text("Promenad"),
                "minutes" to FieldValue.Number(20), "pain-after" to FieldValue.Number(3),
            )),
            fake.drafts[diary to null],
        )
        p.onEvent(SectionEvent.Submit(diary))
        val ui = p.state.value.questions.single { it.questionId == diary }
        Golden.check("section-diary-entry", ui)
        val input = ui.input as InputUi.Diary
        assertEquals(listOf("2026-11-03 · Promenad · 20 · 3"), input.entries.map { it.summary })
        assertTrue(input.fields.all { it.value.isEmpty() }, "the form is empty for the next entry")
    }

    @Test
    fun theCoresRulesBecomeSentences(): Unit = TestScreen().use { screen ->
        val fake = FakeCourseClient.enrolled()
        val p = open(fake, screen, "m1-reflection")
        fake.fail("submit", CourseException.InvalidAnswer("m1-reflection-learned", AnswerRule.TooLong(4000u)))
        p.onEvent(SectionEvent.TextChanged("m1-reflection-learned", "x"))
        p.onEvent(SectionEvent.Submit("m1-reflection-learned"))
        assertEquals("Svaret är för långt: högst 4000 tecken. Korta ner det lite.", p.state.value.questions.single().error)
    }

    @Test
    fun aLockedSectionAndARetry(): Unit = TestScreen().use { screen ->
        val fake = FakeCourseClient.enrolled()
        val p = open(fake, screen, "m2-intro")
        Golden.check("section-locked", p.state.value)
        fake.fail("openSection", CourseException.Internal("x"))
        p.onEvent(SectionEvent.Retry)
        assertEquals(ErrorAction.RETRY, p.state.value.error?.action)
    }

    @Test
    fun theCheckInInEnglish(): Unit = TestScreen().use { screen ->
        val fake = FakeCourseClient.enrolled()
        fake.preferences = fake.preferences.copy(language = Language.ENGLISH)
        val p = open(fake, screen, "m1-weekly-check-in")
        p.onEvent(SectionEvent.ScaleSelected("check-in-pain", 4))
        Golden.check("section-check-in-en", p.state.value)
        assertEquals("4 of 10", (p.state.value.questions.single().input as InputUi.Scale).valueDescription)
        p.onEvent(SectionEvent.Submit("check-in-pain"))
        assertEquals("Save the answer", p.state.value.questions.single().submitLabel)

        // Opened again (next week), the check-in starts empty: last week's answer is not this week's.
        val next = open(fake, screen, "m1-weekly-check-in").state.value.questions.single()
        assertNull((next.input as InputUi.Scale).selected)
        assertEquals("Saved 3 November 10:00.", next.answeredLabel)
    }
}
