package app.painschool.presenter

import app.painschool.client.FakeCourseClient
import app.painschool.core.Language
import app.painschool.core.SyncException
import org.junit.Test
import kotlin.test.assertEquals
import kotlin.test.assertFalse
import kotlin.test.assertNull
import kotlin.test.assertTrue

class ActivationPresenterTest {
    private val server = "https://smarta.region.example"

    private fun presenter(fake: FakeCourseClient, screen: TestScreen) =
        ActivationPresenter(fake, screen.scope, server, STOCKHOLM)

    @Test
    fun aTypedCodeActivatesAndSyncs() = TestScreen().use { screen ->
        val fake = FakeCourseClient()
        val p = presenter(fake, screen)
        Golden.check("activation-empty", p.state.value)
        assertFalse(p.state.value.submitEnabled)
        p.onEvent(ActivationEvent.CodeChanged("ab12-cd34-ef56-7890"))
        Golden.check("activation-typed", p.state.value)
        p.onEvent(ActivationEvent.Submit)
        assertTrue(p.state.value.activated)
        assertEquals(server to "ab12-cd34-ef56-7890", fake.activatedWith)
        assertEquals(listOf("activate", "syncNow"), fake.calls.filter { it == "activate" || it == "syncNow" })
    }

    @Test
    fun aRefusedCodeSaysWhatToDoAndTheRetryWorks() = TestScreen().use { screen ->
        val fake = FakeCourseClient()
        val p = presenter(fake, screen)
        p.onEvent(ActivationEvent.CodeChanged("AAAA-BBBB-CCCC-DDDD"))
        fake.fail("activate", SyncException.InvalidCode())
        p.onEvent(ActivationEvent.Submit)
        Golden.check("activation-invalid-code", p.state.value)
        assertEquals(ErrorAction.CONTACT_CLINIC, p.state.value.error?.action)
        assertFalse(p.state.value.busy)

        fake.fail("activate", SyncException.Offline())
        p.onEvent(ActivationEvent.Submit)
        assertEquals(ErrorAction.RETRY, p.state.value.error?.action)
        fake.fail("activate", null)
        p.onEvent(ActivationEvent.Retry)
        assertNull(p.state.value.error)
        assertTrue(p.state.value.activated)
    }

    @Test
    fun aSyncFailureAfterActivationDoesNotStopIt() = TestScreen().use { screen ->
        val fake = FakeCourseClient()
        fake.fail("syncNow", SyncException.Offline())
        val p = presenter(fake, screen)
        p.onEvent(ActivationEvent.CodeChanged("ab12"))
        p.onEvent(ActivationEvent.Submit)
        assertTrue(p.state.value.activated)
        assertNull(p.state.value.error)
    }

    @Test
    fun theLettersQrCodeCarriesItsServerAndCode() = TestScreen().use { screen ->
        val fake = FakeCourseClient()
        val p = presenter(fake, screen)
        p.onEvent(ActivationEvent.OpenScanner)
        assertTrue(p.state.value.scannerOpen)
        p.onEvent(ActivationEvent.Scanned("smartskolan://activate?server=https%3A%2F%2Fsmarta.region.se%3A8443&code=ab12-cd34-ef56-7890"))
        assertFalse(p.state.value.scannerOpen)
        assertEquals("https://smarta.region.se:8443" to "ab12-cd34-ef56-7890", fake.activatedWith)
        assertTrue(p.state.value.activated)
    }

    @Test
    fun anotherQrCodeIsNotSentAnywhere() = TestScreen().use { screen ->
        val fake = FakeCourseClient()
        val p = presenter(fake, screen)
        p.onEvent(ActivationEvent.OpenScanner)
        p.onEvent(ActivationEvent.Scanned("https://example.com/?code=1234"))
        Golden.check("activation-not-our-qr", p.state.value)
        assertTrue("activate" !in fake.calls)
        p.onEvent(ActivationEvent.Retry)
        assertTrue(p.state.value.scannerOpen, "retry scans again")
        assertNull(p.state.value.error)
    }

    @Test
    fun theScreenIsInThePatientsLanguage() = TestScreen().use { screen ->
        val fake = FakeCourseClient()
        fake.preferences = fake.preferences.copy(language = Language.ENGLISH)
        val p = presenter(fake, screen)
        Golden.check("activation-empty-en", p.state.value)
    }

    @Test
    fun parsingTheQrCode() {
        assertEquals("http://127.0.0.1:8080" to "x y", parseLetterQr("smartskolan://activate?server=http%3A%2F%2F127.0.0.1%3A8080&code=x%20y"))
        assertNull(parseLetterQr("smartskolan://activate?server=&code=1"))
        assertNull(parseLetterQr("smartskolan://activate?code=1"))
        assertNull(parseLetterQr("smartskolan://other?server=a&code=1"))
        assertNull(parseLetterQr("not a uri at all"))
    }
}
