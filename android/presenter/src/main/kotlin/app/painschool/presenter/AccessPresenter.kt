// The end of access: "access is ending" (the last 30 days, as the core
// decides) and "access has ended" (content locked; messages and the summary
// for 14 more days). Both offer the summary while the core offers it, and
// say where to turn.
package app.painschool.presenter

import app.painschool.client.CourseClient
import app.painschool.core.Access
import app.painschool.core.AccessStatus
import app.painschool.core.Language
import app.painschool.core.SummaryOffer
import kotlinx.coroutines.CoroutineScope
import java.time.ZoneId

data class AccessState(
    val kind: AccessKind,
    val title: String,
    val body: String,
    val summary: LinkUi?,
    val messages: String?,
    val unsent: String?,
    val whereToTurn: String,
    val loading: Boolean,
    val error: ErrorState?,
)

enum class AccessKind { LOADING, NOT_STARTED, ACTIVE, ENDING, ENDED }

sealed interface AccessEvent {
    data object Refresh : AccessEvent
    data object Retry : AccessEvent
}

data class AccessModel(
    val language: Language,
    val zone: ZoneId,
    val status: AccessStatus? = null,
    val offer: SummaryOffer? = null,
    val error: Throwable? = null,
)

class AccessPresenter(
    private val client: CourseClient,
    scope: CoroutineScope,
    zone: ZoneId = ZoneId.systemDefault(),
    language: Language = Language.SWEDISH,
) : Presenter<AccessModel, AccessState, AccessEvent>(AccessModel(language, zone), scope, ::renderAccess) {
    init {
        load()
    }

    override fun onEvent(event: AccessEvent) {
        when (event) {
            AccessEvent.Refresh, AccessEvent.Retry -> load()
        }
    }

    private fun load() {
        change { it.copy(error = null) }
        launchSafely({ e -> change { it.copy(error = e) } }) {
            val lang = client.preferences().language
            val status = client.accessStatus()
            val offer = client.summaryOffer()
            change { it.copy(language = lang, status = status, offer = offer) }
        }
    }
}

fun renderAccess(m: AccessModel): AccessState {
    val t = strings(m.language)
    val f = Format(m.language, m.zone)
    val a = m.status?.access
    val kind = when {
        a == null -> AccessKind.LOADING
        a is Access.NotStarted -> AccessKind.NOT_STARTED
        a is Access.Ended -> AccessKind.ENDED
        a is Access.Active && a.endingSoon -> AccessKind.ENDING
        else -> AccessKind.ACTIVE
    }
    val (title, body) = when (a) {
        null -> t.loading to ""
        is Access.NotStarted -> t.accessTitle to t.accessNotStarted(f.date(a.startsAt))
        is Access.Active -> if (a.endingSoon) {
            t.accessEndingTitle to t.accessEndingBody(a.daysLeft, f.date(a.endsAt))
        } else {
            t.accessTitle to t.accessActiveBody(f.date(a.endsAt))
        }
        is Access.Ended -> t.accessEndedTitle to t.accessEndedBody(f.date(a.endedAt))
    }
    val offer = m.offer
    val summary = offer?.reason?.let { reason ->
        val text = t.summaryOffer(reason, offer.until?.let(f::date))
        LinkUi(text, t.summaryAction, t.summaryAction, null)
    }
    val unsent = m.status?.unsent?.toLong()?.takeIf { it > 0 }
    return AccessState(
        kind = kind,
        title = title,
        body = body,
        summary = summary,
        messages = (a as? Access.Ended)?.let { t.messagesUntil(f.date(it.graceUntil)) },
        unsent = unsent?.let(t::unsentChanges),
        whereToTurn = t.whereToTurn,
        loading = a == null && m.error == null,
        error = m.error?.let { errorState(it, t, f) },
    )
}
