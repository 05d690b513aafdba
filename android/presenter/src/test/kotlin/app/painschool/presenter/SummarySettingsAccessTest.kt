// The summary, settings, and the access-ending and access-ended screens.
package app.painschool.presenter

import app.painschool.client.FakeCourseClient
import app.painschool.core.Access
import app.painschool.core.CourseException
import app.painschool.core.Language
import app.painschool.core.LocalTime
import app.painschool.core.SummaryOffer
import app.painschool.core.SummaryOfferReason
import app.painschool.core.TextSize
import app.painschool.core.Weekday
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import java.io.File
import java.nio.file.Files
import java.time.Instant
import org.junit.Test
import kotlin.test.assertEquals
import kotlin.test.assertFalse
import kotlin.test.assertNotNull
import kotlin.test.assertNull
import kotlin.test.assertTrue

class SummaryPresenterTest {
    private val shareDir: File = Files.createTempDirectory("painschool-share").toFile()

    @Test
    fun theOfferFollowsTheCore(): Unit = TestScreen().use { screen ->
        val fake = FakeCourseClient.enrolled()
        Golden.check("summary-start", SummaryPresenter(fake, screen.scope, shareDir, STOCKHOLM).state.value)
        fake.offer = SummaryOffer(SummaryOfferReason.LAST_MODULE, null)
        Golden.check("summary-last-module", SummaryPresenter(fake, screen.scope, shareDir, STOCKHOLM).state.value)
        fake.offer = SummaryOffer(SummaryOfferReason.ACCESS_ENDED, Instant.parse("2027-11-16T08:00:00Z"))
        val ended = SummaryPresenter(fake, screen.scope, shareDir, STOCKHOLM).state.value
        Golden.check("summary-access-ended", ended)
        assertEquals("Spara sammanfattningen av allt du har skrivit senast 16 november 2027. Sedan tas den bort från telefonen.", ended.offer)
    }

    @Test
    fun viewPrintAndShare(): Unit = runBlocking {
        TestScreen().use { screen ->
            val fake = FakeCourseClient.enrolled()
            val p = SummaryPresenter(fake, screen.scope, shareDir, STOCKHOLM)
            p.onEvent(SummaryEvent.View)
            assertTrue(p.state.value.html!!.startsWith("<!doctype html>"))

            p.onEvent(SummaryEvent.Print)
            val print = withTimeout(5_000) { p.effects.first() } as SummaryEffect.Print
            assertEquals("%PDF-", String(print.pdf.copyOfRange(0, 5)))
            assertEquals("Smärtskolan – sammanfattning", print.jobName)

            p.onEvent(SummaryEvent.Share)
            val share = withTimeout(5_000) { p.effects.first() } as SummaryEffect.Share
            assertEquals("application/pdf", share.mimeType)
            assertEquals(File(shareDir, "smartskolan-sammanfattning.pdf").path, share.path)
            assertTrue(File(share.path).readBytes().copyOfRange(0, 5).contentEquals("%PDF-".toByteArray()))
            assertFalse(p.state.value.busy)
        }
    }

    @Test
    fun aFailureIsShownAndTheRetryRepeatsIt(): Unit = runBlocking {
        TestScreen().use { screen ->
            val fake = FakeCourseClient.enrolled()
            val p = SummaryPresenter(fake, screen.scope, shareDir, STOCKHOLM)
            fake.fail("writeSummary", CourseException.StorageFull())
            p.onEvent(SummaryEvent.Share)
            Golden.check("summary-storage-full", p.state.value)
            assertEquals(ErrorAction.OPEN_SETTINGS, p.state.value.error?.action)
            fake.fail("writeSummary", null)
            p.onEvent(SummaryEvent.Retry)
            assertTrue(withTimeout(5_000) { p.effects.first() } is SummaryEffect.Share)
            assertNull(p.state.value.error)
        }
    }
}

class SettingsPresenterTest {
    @Test
    fun theDefaultsAndAChangeThatIsSaved(): Unit = TestScreen().use { screen ->
        val fake = FakeCourseClient.enrolled()
        val p = SettingsPresenter(fake, screen.scope, ManualDelay(), STOCKHOLM)
        Golden.check("settings-defaults", p.state.value)
        p.onEvent(SettingsEvent.ModuleDaySelected(Weekday.WEDNESDAY))
        p.onEvent(SettingsEvent.ModuleTimeSelected(18, 0))
        p.onEvent(SettingsEvent.PracticeToggled(true))
        p.onEvent(SettingsEvent.PracticeTimeSelected(19, 30))
        assertEquals(Weekday.WEDNESDAY, fake.reminderSettings.moduleWeekday)
        assertEquals(LocalTime(18u, 0u), fake.reminderSettings.moduleTime)
        assertEquals(LocalTime(19u, 30u), fake.reminderSettings.practiceTime)
        Golden.check("settings-changed", p.state.value)
        assertEquals("Sparat", p.state.value.saveStatus)
    }

    @Test
    fun aTimeInsideTheQuietHoursIsRefusedAndNothingChanges(): Unit = TestScreen().use { screen ->
        val fake = FakeCourseClient.enrolled()
        val p = SettingsPresenter(fake, screen.scope, ManualDelay(), STOCKHOLM)
        val before = fake.reminderSettings
        p.onEvent(SettingsEvent.ModuleTimeSelected(22, 0))
        Golden.check("settings-refused", p.state.value)
        assertEquals(before, fake.reminderSettings)
        assertEquals("10:00", p.state.value.moduleTime?.value, "the screen keeps what is saved")
        assertEquals("Tiden ligger inom dina tysta timmar. Välj en annan tid.", p.state.value.settingError)
        p.onEvent(SettingsEvent.QuietHoursToggled(false))
        p.onEvent(SettingsEvent.ModuleTimeSelected(22, 0))
        assertNull(p.state.value.settingError)
        assertNull(p.state.value.quietFrom)
        p.onEvent(SettingsEvent.ModuleTimeSelected(20, 0))
        p.onEvent(SettingsEvent.QuietFromSelected(22, 30))
        p.onEvent(SettingsEvent.QuietHoursToggled(false))
        p.onEvent(SettingsEvent.QuietHoursToggled(true))
        assertEquals("22:30", p.state.value.quietFrom?.value, "turned on again, the last quiet hours come back")
    }

    @Test
    fun theLanguageChangesTheScreenAtOnce(): Unit = TestScreen().use { screen ->
        val fake = FakeCourseClient.enrolled()
        val p = SettingsPresenter(fake, screen.scope, ManualDelay(), STOCKHOLM)
        p.onEvent(SettingsEvent.LanguageSelected(Language.ENGLISH))
        p.onEvent(SettingsEvent.TextSizeSelected(TextSize.LARGE))
        Golden.check("settings-en", p.state.value)
        assertEquals(Language.ENGLISH, fake.preferences.language)
        assertEquals(TextSize.LARGE, fake.preferences.textSize)
    }

    @Test
    fun theDisplayNameIsSavedOnceTypingPauses(): Unit = TestScreen().use { screen ->
        val fake = FakeCourseClient.enrolled()
        val delay = ManualDelay()
        val p = SettingsPresenter(fake, screen.scope, delay, STOCKHOLM)
        p.onEvent(SettingsEvent.DisplayNameChanged("Test"))
        p.onEvent(SettingsEvent.DisplayNameChanged("Testperson "))
        assertEquals(1, delay.pending)
        assertTrue("setPreferences" !in fake.calls)
        delay.release()
        assertEquals(1, fake.calls.count { it == "setPreferences" })
        assertEquals("Testperson", fake.preferences.displayName)
        assertEquals("Testperson ", p.state.value.displayName.value, "what is typed stays as typed")

        p.onEvent(SettingsEvent.DisplayNameChanged("x".repeat(101)))
        delay.release()
        assertEquals("Namnet är för långt.", p.state.value.settingError)
        assertEquals("Testperson", fake.preferences.displayName)
    }

    @Test
    fun aLoadFailureOffersARetry(): Unit = TestScreen().use { screen ->
        val fake = FakeCourseClient.enrolled()
        fake.fail("reminderSettings", CourseException.DatabaseCorrupt())
        val p = SettingsPresenter(fake, screen.scope, ManualDelay(), STOCKHOLM)
        assertEquals(ErrorAction.CONTACT_CLINIC, p.state.value.error?.action)
        fake.fail("reminderSettings", null)
        p.onEvent(SettingsEvent.Retry)
        assertNull(p.state.value.error)
        assertFalse(p.state.value.loading)
    }
}

class AccessPresenterTest {
    @Test
    fun activeEndingAndEnded(): Unit = TestScreen().use { screen ->
        val fake = FakeCourseClient.enrolled()
        val active = AccessPresenter(fake, screen.scope, STOCKHOLM).state.value
        Golden.check("access-active", active)
        assertEquals(AccessKind.ACTIVE, active.kind)

        fake.access = fake.access.copy(access = Access.Active(Instant.parse("2027-11-02T08:00:00Z"), 12, true))
        val ending = AccessPresenter(fake, screen.scope, STOCKHOLM).state.value
        Golden.check("access-ending", ending)
        assertEquals(AccessKind.ENDING, ending.kind)

        fake.access = fake.access.copy(
            access = Access.Ended(Instant.parse("2027-11-02T08:00:00Z"), Instant.parse("2027-11-16T08:00:00Z")),
            summaryOffered = true, unsent = 2uL,
        )
        fake.offer = SummaryOffer(SummaryOfferReason.ACCESS_ENDED, Instant.parse("2027-11-16T08:00:00Z"))
        val p = AccessPresenter(fake, screen.scope, STOCKHOLM)
        val ended = p.state.value
        Golden.check("access-ended", ended)
        assertEquals(AccessKind.ENDED, ended.kind)
        assertNotNull(ended.summary)
        assertEquals("Du kan skicka meddelanden till kliniken till och med 16 november 2027.", ended.messages)
        assertTrue("1177" in ended.whereToTurn && "112" in ended.whereToTurn)

        fake.preferences = fake.preferences.copy(language = Language.ENGLISH)
        p.onEvent(AccessEvent.Refresh)
        Golden.check("access-ended-en", p.state.value)
    }
}
