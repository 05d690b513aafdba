// The back stack (Navigation.kt): taps push, back pops and stays at a tab's
// first screen, tabs switch and reset, links open their screens with this
// week beneath, and the mindfulness link finds its exercise.
package app.painschool.app

import app.painschool.client.FakeCourseClient
import app.painschool.core.MessageThread
import kotlinx.coroutines.runBlocking
import kotlin.test.*
import org.junit.Test

class NavigationTest {
    private val start = BackStack()

    @Test
    fun tapsPushAndBackPopsUntilTheTabsFirstScreen() {
        val reading = start.reduce(NavAction.Push(Screen.Module("m1"))).reduce(NavAction.Push(Screen.Section("m1-welcome")))
        assertEquals(listOf(Screen.ThisWeek, Screen.Module("m1"), Screen.Section("m1-welcome")), reading.screens)
        assertEquals(Tab.WEEK, reading.tab)
        assertTrue(reading.canGoBack)
        // A double tap does not stack the same screen twice.
        assertEquals(reading, reading.reduce(NavAction.Push(Screen.Section("m1-welcome"))))
        val back = reading.reduce(NavAction.Back).reduce(NavAction.Back)
        assertEquals(start, back)
        assertFalse(back.canGoBack)
        assertEquals(start, back.reduce(NavAction.Back))
    }

    @Test
    fun tabsSwitchAndTappingTheSameTabGoesToItsFirstScreen() {
        val deep = start.reduce(NavAction.Push(Screen.Module("m1")))
        val messages = deep.reduce(NavAction.SelectTab(Tab.MESSAGES))
        assertEquals(listOf(Screen.Messages(MessageThread.CLINICIAN)), messages.screens)
        assertEquals(Tab.MESSAGES, messages.tab)
        assertEquals(listOf(Screen.Settings), messages.reduce(NavAction.SelectTab(Tab.SETTINGS)).screens)
        assertEquals(start, deep.reduce(NavAction.SelectTab(Tab.WEEK)))
        // A tab's first screen pushed from elsewhere (reminder health's "change reminders") switches tabs.
        assertEquals(listOf(Screen.Settings), deep.reduce(NavAction.Push(Screen.Settings)).screens)
        assertEquals(listOf(Screen.Messages(MessageThread.TEAM)), deep.reduce(NavAction.Push(BackStack.messagesFor("TEAM"))).screens)
        assertEquals(Screen.Messages(MessageThread.CLINICIAN), BackStack.messagesFor(null))
        assertEquals(Screen.Messages(MessageThread.CLINICIAN), BackStack.messagesFor("nonsense"))
    }

    @Test
    fun theCourseTabLeadsBackToAnEarlierModule() {
        val course = start.reduce(NavAction.SelectTab(Tab.COURSE))
        assertEquals(listOf(Screen.Course), course.screens)
        val earlier = course.reduce(NavAction.Push(Screen.Module("m1"))).reduce(NavAction.Push(Screen.Section("m1-welcome")))
        assertEquals(Tab.COURSE, earlier.tab, "a module opened from the course stays in the course tab")
        assertEquals(listOf(Screen.Course, Screen.Module("m1"), Screen.Section("m1-welcome")), earlier.screens)
        assertEquals(course, earlier.reduce(NavAction.SelectTab(Tab.COURSE)), "the tab again: back to the list")
        assertEquals(Tab.entries.map { BackStack.rootOf(it) }.map { BackStack.tabOf(it) }, Tab.entries.toList())
    }

    @Test
    fun linksOpenTheirScreenWithThisWeekBeneath() {
        val somewhere = start.reduce(NavAction.SelectTab(Tab.SETTINGS))
        assertEquals(listOf(Screen.ThisWeek, Screen.Module("m2")), somewhere.reduce(NavAction.Open(Route.Module("m2"))).screens)
        assertEquals(listOf(Screen.ThisWeek, Screen.Mindfulness), somewhere.reduce(NavAction.Open(Route.Mindfulness)).screens)
        assertEquals(listOf(Screen.Messages(MessageThread.TEAM)), somewhere.reduce(NavAction.Open(Route.Messages(MessageThread.TEAM))).screens)
        assertEquals(listOf(Screen.ThisWeek, Screen.Access), somewhere.reduce(NavAction.Open(Route.Access)).screens)
        assertEquals(listOf(Screen.ThisWeek, Screen.Visits), somewhere.reduce(NavAction.Open(Route.Visits)).screens)
        assertEquals(start, somewhere.reduce(NavAction.Open(Route.ThisWeek)))
        // The activation link is handled before the stack: nothing changes.
        assertEquals(somewhere, somewhere.reduce(NavAction.Open(Route.Activate("smartskolan://activate?server=s&code=c"))))
        // Whatever the link, back ends at this week, never outside the app at once.
        assertTrue(somewhere.reduce(NavAction.Open(Route.Module("m2"))).canGoBack)
    }

    @Test
    fun theMindfulnessScreenIsReplacedByItsExerciseOrRemoved() {
        val opened = start.reduce(NavAction.Open(Route.Mindfulness))
        assertEquals(listOf(Screen.ThisWeek, Screen.Player("m1-breathing")), opened.reduce(NavAction.Replace(Screen.Player("m1-breathing"))).screens)
        assertEquals(start, opened.reduce(NavAction.Replace(null)))
        assertEquals(start, start.reduce(NavAction.Replace(null)))
    }

    @Test
    fun theMindfulnessLinkFindsTheLoadedExerciseOrTheNewestOpenOne(): Unit = runBlocking {
        val client = FakeCourseClient.enrolled()
        assertEquals("m2-body-scan", mindfulnessSection(client, loaded = "m2-body-scan"))
        assertEquals("m1-breathing", mindfulnessSection(client, loaded = null))
        // Locked modules are not asked for their sections.
        assertFalse(client.calls.any { it.startsWith("moduleSections m2") })
    }
}
