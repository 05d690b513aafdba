package app.painschool.presenter

import app.painschool.client.FakeCourseClient
import app.painschool.core.CourseException
import app.painschool.core.Language
import app.painschool.core.ModuleCard
import app.painschool.core.ModuleLock
import app.painschool.core.ModuleProgress
import app.painschool.core.Preferences
import app.painschool.core.TextSize
import org.junit.Test
import kotlin.test.assertEquals
import kotlin.test.assertFalse
import kotlin.test.assertNotNull
import kotlin.test.assertNull
import kotlin.test.assertTrue

class CoursePresenterTest {
    private fun presenter(fake: FakeCourseClient, screen: TestScreen) = CoursePresenter(fake, screen.scope, STOCKHOLM)

    @Test
    fun weekOneListsTheOpenModuleAndWhenTheNextOpens(): Unit = TestScreen().use { screen ->
        val s = presenter(FakeCourseClient.enrolled(), screen).state.value
        Golden.check("course-week-1", s)
        assertEquals(listOf("m1", "m2"), s.modules.map { it.moduleId })
        assertTrue(s.modules[0].open)
        assertFalse(s.modules[1].open)
        assertEquals("Öppnar måndag 9 november", s.modules[1].status)
        assertEquals("Modul 2: ${s.modules[1].title}. Öppnar måndag 9 november", s.modules[1].contentDescription)
    }

    @Test
    fun finishedOpenAndClinicianPacedModulesInEnglish(): Unit = TestScreen().use { screen ->
        val fake = FakeCourseClient.enrolled()
        fake.preferences = Preferences(null, Language.ENGLISH, TextSize.STANDARD)
        // Out of order on purpose: the list is in course order.
        fake.modules = listOf(
            ModuleCard("m3", 3u, "Physical activity and exercise", "", ModuleLock.Locked(null), ModuleProgress(0u, 7u, false), null),
            ModuleCard("m1", 1u, "Introduction and pain physiology", "", ModuleLock.Open, ModuleProgress(9u, 9u, true), null),
            ModuleCard("m2", 2u, "Treatment and rehabilitation", "", ModuleLock.Open, ModuleProgress(3u, 8u, false), null),
        )
        val s = presenter(fake, screen).state.value
        Golden.check("course-clinician-paced-en", s)
        assertEquals(listOf("Done", "3 of 8 parts done", "Your clinician opens this module"), s.modules.map { it.status })
        assertEquals(listOf(true, false, false), s.modules.map { it.finished })
        assertEquals("The course", s.title)
    }

    @Test
    fun aFailureShowsWithRetryAndTheRetryReadsAgain(): Unit = TestScreen().use { screen ->
        val fake = FakeCourseClient.enrolled()
        fake.fail("modules", CourseException.StorageFull())
        val p = presenter(fake, screen)
        assertNotNull(p.state.value.error)
        assertEquals(ErrorAction.OPEN_SETTINGS, p.state.value.error!!.action)
        fake.fail("modules", null)
        p.onEvent(CourseEvent.Retry)
        assertNull(p.state.value.error)
        assertEquals(2, p.state.value.modules.size)
    }
}
