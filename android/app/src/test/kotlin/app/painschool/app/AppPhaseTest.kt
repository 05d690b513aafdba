// The app's phases (AppPhase.kt): every way opening can fail becomes the
// phase the app acts on, the real core's refusal with a locked key store is
// "wait for the unlock" (nothing created), and each phase says what to do in
// Swedish and English.
package app.painschool.app

import app.painschool.client.RustCourseClient
import app.painschool.client.SystemClock
import app.painschool.core.Language
import app.painschool.core.OpenException
import app.painschool.presenter.ErrorAction
import kotlinx.coroutines.runBlocking
import java.io.IOException
import java.time.ZoneId
import kotlin.test.*
import org.junit.Test

class AppPhaseTest {
    private val zone = ZoneId.of("Europe/Stockholm")

    @Test
    fun eachOpenFailureHasItsPhase() {
        assertIs<AppPhase.KeyUnavailable>(phaseAfterOpenFailure(OpenException.KeyUnavailable("locked")))
        assertIs<AppPhase.ContentBroken>(phaseAfterOpenFailure(OpenException.ContentBroken(3u)))
        assertIs<AppPhase.StorageFull>(phaseAfterOpenFailure(OpenException.StorageFull()))
        assertIs<AppPhase.DatabaseTooNew>(phaseAfterOpenFailure(OpenException.DatabaseTooNew(9u, 4u)))
        assertIs<AppPhase.DatabaseUnreadable>(phaseAfterOpenFailure(OpenException.WrongKey()))
        assertIs<AppPhase.DatabaseUnreadable>(phaseAfterOpenFailure(OpenException.DatabaseCorrupt(false)))
        assertIs<AppPhase.Failed>(phaseAfterOpenFailure(OpenException.Internal("x")))
        // The content copy: a full disk, or any other failure (a broken package).
        assertIs<AppPhase.StorageFull>(phaseAfterOpenFailure(ContentInstaller.NoSpace(IOException("ENOSPC"))))
        assertIs<AppPhase.ContentBroken>(phaseAfterOpenFailure(IOException("asset missing")))
        assertIs<AppPhase.Failed>(phaseAfterOpenFailure(IllegalStateException()))
    }

    @Test
    fun onlyAMovedAsideDatabaseOpensAgainAtOnceAndOnlyOnce() {
        assertTrue(opensAgainAtOnce(OpenException.DatabaseCorrupt(true), attempt = 0))
        assertFalse(opensAgainAtOnce(OpenException.DatabaseCorrupt(true), attempt = 1))
        assertFalse(opensAgainAtOnce(OpenException.DatabaseCorrupt(false), attempt = 0))
        assertFalse(opensAgainAtOnce(OpenException.KeyUnavailable("locked"), attempt = 0))
    }

    @Test
    fun theLockedKeyWaitsAndRetriesOnResumeButABrokenPackageDoesNot() {
        assertTrue(AppPhase.KeyUnavailable(OpenException.KeyUnavailable("x")).opensAgainOnResume)
        assertTrue(AppPhase.StorageFull(OpenException.StorageFull()).opensAgainOnResume)
        assertTrue(AppPhase.Failed(OpenException.Internal("x")).opensAgainOnResume)
        assertFalse(AppPhase.ContentBroken(OpenException.ContentBroken(1u)).opensAgainOnResume)
        assertFalse(AppPhase.DatabaseTooNew(OpenException.DatabaseTooNew(9u, 4u)).opensAgainOnResume)
        assertFalse(AppPhase.DatabaseUnreadable(OpenException.WrongKey()).opensAgainOnResume)
        assertFalse(AppPhase.Ready.opensAgainOnResume)
    }

    @Test
    fun eachPhaseSaysWhatToDoInBothLanguages() {
        assertNull(AppPhase.Opening.problem(Language.SWEDISH, zone))
        assertNull(AppPhase.Ready.problem(Language.ENGLISH, zone))
        val locked = AppPhase.KeyUnavailable(OpenException.KeyUnavailable("x"))
        assertEquals("Lås upp telefonen och försök igen.", locked.problem(Language.SWEDISH, zone)?.message)
        assertEquals(ErrorAction.RETRY, locked.problem(Language.SWEDISH, zone)?.action)
        val full = AppPhase.StorageFull(OpenException.StorageFull())
        assertEquals(ErrorAction.OPEN_SETTINGS, full.problem(Language.ENGLISH, zone)?.action)
        val tooNew = AppPhase.DatabaseTooNew(OpenException.DatabaseTooNew(9u, 4u))
        assertEquals("Uppdatera appen för att fortsätta.", tooNew.problem(Language.SWEDISH, zone)?.message)
        val broken = AppPhase.ContentBroken(OpenException.ContentBroken(1u))
        assertEquals(ErrorAction.CONTACT_CLINIC, broken.problem(Language.ENGLISH, zone)?.action)
        for (phase in listOf(locked, full, tooNew, broken, AppPhase.Failed(RuntimeException()))) {
            val sv = phase.problem(Language.SWEDISH, zone)!!
            val en = phase.problem(Language.ENGLISH, zone)!!
            assertTrue(sv.message.isNotBlank() && en.message.isNotBlank() && sv.message != en.message)
        }
    }

    @Test
    fun theRealCoreWithALockedKeyStoreIsWaitForTheUnlockAndCreatesNothing(): Unit = runBlocking {
        val data = tempFolder()
        val e = assertFailsWith<OpenException> {
            RustCourseClient.open(data.path, REPO_CONTENT.path, LockedTestKeys(), clock = SystemClock)
        }
        assertIs<AppPhase.KeyUnavailable>(phaseAfterOpenFailure(e))
        assertEquals(emptyList(), data.list()?.toList().orEmpty().filter { it.startsWith("patient.db") })
    }
}
