// The app's links (Route.kt): every deep link the core makes opens its
// screen; links the app does not know, or cannot read, open this week and
// never throw; other schemes are not the app's.
package app.painschool.app

import app.painschool.core.MessageThread
import kotlin.test.*
import org.junit.Test

class RouteTest {
    @Test
    fun everyLinkTheCoreMakesOpensItsScreen() {
        assertEquals(Route.Module("m2"), Route.fromDeepLink("painschool://module/m2"))
        assertEquals(Route.Mindfulness, Route.fromDeepLink("painschool://mindfulness"))
        assertEquals(Route.Messages(MessageThread.CLINICIAN), Route.fromDeepLink("painschool://messages/clinician"))
        assertEquals(Route.Messages(MessageThread.TEAM), Route.fromDeepLink("painschool://messages/team"))
        assertEquals(Route.Visits, Route.fromDeepLink("painschool://visits"))
        assertEquals(Route.Access, Route.fromDeepLink("painschool://access"))
        assertEquals(Route.ThisWeek, Route.fromDeepLink("painschool://week"))
        // Case and a trailing slash do not matter; a query is ignored.
        assertEquals(Route.Module("m10"), Route.fromDeepLink("PainSchool://MODULE/m10/"))
        assertEquals(Route.Access, Route.fromDeepLink("painschool://access?from=notification"))
    }

    @Test
    fun theCoresOwnPlanLinksAllParse() {
        // The links as core/src/reminders/plan.rs makes them, for each screen.
        val links = listOf("module/m1", "module/m8", "mindfulness", "messages/clinician", "messages/team", "visits", "access")
        for (l in links) assertNotEquals(Route.ThisWeek, Route.fromDeepLink("painschool://$l"), l)
    }

    @Test
    fun unknownOrMalformedLinksOpenThisWeekAndNeverThrow() {
        val odd = listOf(
            "painschool://", "painschool:", "painschool://nowhere", "painschool://module", "painschool://module/",
            "painschool://module/M2", "painschool://module/m2/extra", "painschool://module/../secret",
            "painschool://module/${"a".repeat(65)}", "painschool://messages", "painschool://messages/doctor",
            "painschool://mindfulness/x", "painschool://week with space", "painschool://%zz", "painschool:///module/m2",
            "smartskolan://elsewhere",
        )
        for (link in odd) assertEquals(Route.ThisWeek, Route.fromDeepLink(link), link)
    }

    @Test
    fun otherSchemesAreNotTheAppsLinks() {
        for (link in listOf(null, "", "   ", "https://example.org/module/m2", "module/m2", "mailto:a@b.c", "painschoolx://module/m2")) {
            assertNull(Route.fromDeepLink(link), link.toString())
        }
    }

    @Test
    fun theLettersQrLinkIsAnActivation() {
        val link = "smartskolan://activate?server=https%3A%2F%2Fclinic.example&code=3F9A-07C2-B1D4-6E58"
        assertEquals(Route.Activate(link), Route.fromDeepLink(link))
    }
}
