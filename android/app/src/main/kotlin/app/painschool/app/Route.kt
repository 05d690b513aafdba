// The app's links: the core's reminder deep links (core/src/reminders/plan.rs
// `deep_link`: painschool://module/{id}, mindfulness, messages/{clinician|team},
// visits, access; the shell adds painschool://week) and the activation
// letter's QR code (smartskolan://activate?server=…&code=…, read by the
// activation presenter). Parsing only, never throwing: a painschool:// link
// the app does not know, or a malformed one, opens this week. Plain Kotlin,
// tested in RouteTest.
package app.painschool.app

import app.painschool.core.MessageThread
import java.net.URI
import java.net.URISyntaxException

/** Where a link leads. */
sealed interface Route {
    /** The start screen. */
    data object ThisWeek : Route

    /** A module's contents. */
    data class Module(val moduleId: String) : Route

    /** The mindfulness exercise (the daily practice reminder, the playback notification). */
    data object Mindfulness : Route

    /** A message thread. */
    data class Messages(val thread: MessageThread) : Route

    /** The patient's visits (there is no visits screen yet: this week is shown). */
    data object Visits : Route

    /** The end of access. */
    data object Access : Route

    /** The letter's QR link, as scanned with the phone's camera app. */
    data class Activate(val link: String) : Route

    companion object {
        private val ID = Regex("^[a-z0-9][a-z0-9-]{0,63}$")

        /**
         * The route of `uri`: null when it is not one of the app's links (another
         * scheme, or none); [ThisWeek] for a painschool:// link the app does not
         * know or cannot read. Never throws.
         */
        fun fromDeepLink(uri: String?): Route? {
            val text = uri?.trim().orEmpty()
            val scheme = text.substringBefore(':', "").lowercase()
            if (scheme != "painschool" && scheme != "smartskolan") return null
            val parsed = try {
                URI(text)
            } catch (e: URISyntaxException) {
                return ThisWeek
            }
            val host = parsed.host?.lowercase().orEmpty()
            if (scheme == "smartskolan") return if (host == "activate") Activate(text) else ThisWeek
            val parts = parsed.path.orEmpty().split('/').filter { it.isNotEmpty() }
            return when (host) {
                "module" -> parts.singleOrNull()?.takeIf(ID::matches)?.let(::Module)
                "mindfulness" -> Mindfulness.takeIf { parts.isEmpty() }
                "messages" -> when (parts.singleOrNull()) {
                    "clinician" -> Messages(MessageThread.CLINICIAN)
                    "team" -> Messages(MessageThread.TEAM)
                    else -> null
                }
                "visits" -> Visits.takeIf { parts.isEmpty() }
                "access" -> Access.takeIf { parts.isEmpty() }
                else -> null
            } ?: ThisWeek
        }
    }
}
