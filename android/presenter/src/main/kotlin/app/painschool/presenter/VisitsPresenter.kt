// The visits the clinic booked (a reminder's "visits" link lands here):
// coming ones first in time order, then past ones; a cancelled visit stays
// in the list, marked, so the patient sees it was called off.
package app.painschool.presenter

import app.painschool.client.CourseClient
import app.painschool.core.Language
import app.painschool.core.Visit
import kotlinx.coroutines.CoroutineScope
import java.time.Instant
import java.time.ZoneId

/** What the visits screen shows. */
data class VisitsState(
    val title: String,
    val loading: Boolean,
    val upcoming: List<VisitUi>,
    val pastLabel: String?,
    val past: List<VisitUi>,
    val empty: String?,
    val error: ErrorState?,
)

/** One visit: when, what kind and how long, whether cancelled; TalkBack reads it as one. */
data class VisitUi(
    val visitId: String,
    val time: String,
    val kind: String,
    val cancelled: String?,
    val contentDescription: String,
)

/** What the visits screen reports. */
sealed interface VisitsEvent {
    /** The screen came back (a sync may have brought a booking). */
    data object Refresh : VisitsEvent
    data object Retry : VisitsEvent
}

/** What the visits presenter knows. */
data class VisitsModel(
    val language: Language,
    val zone: ZoneId,
    val now: Instant,
    val visits: List<Visit>? = null,
    val error: Throwable? = null,
)

/** The visits screen's presenter. `now` splits coming from past visits (the device clock in the app). */
class VisitsPresenter(
    private val client: CourseClient,
    scope: CoroutineScope,
    zone: ZoneId = ZoneId.systemDefault(),
    language: Language = Language.SWEDISH,
    private val now: () -> Instant = Instant::now,
) : Presenter<VisitsModel, VisitsState, VisitsEvent>(VisitsModel(language, zone, now()), scope, ::renderVisits) {
    init {
        load()
    }

    override fun onEvent(event: VisitsEvent) {
        when (event) {
            VisitsEvent.Refresh, VisitsEvent.Retry -> load()
        }
    }

    private fun load() {
        change { it.copy(error = null) }
        launchSafely({ e -> change { it.copy(error = e) } }) {
            val lang = client.preferences().language
            val visits = client.visits()
            change { it.copy(language = lang, visits = visits, now = now()) }
        }
    }
}

/** The visits screen's state for `m` (pure). */
fun renderVisits(m: VisitsModel): VisitsState {
    val t = strings(m.language)
    val f = Format(m.language, m.zone)
    fun ui(v: Visit): VisitUi {
        val time = f.weekdayDateTime(v.startsAt)
        val kind = t.visitKind(v.kind, v.minutes.toInt())
        val cancelled = if (v.cancelled) t.visitCancelled else null
        return VisitUi(v.id, time, kind, cancelled, listOfNotNull(time, kind, cancelled).joinToString(". "))
    }
    val all = m.visits.orEmpty().sortedBy { it.startsAt }
    val (upcoming, past) = all.partition { !it.isOver(m.now) }
    return VisitsState(
        title = t.visitsTitle,
        loading = m.visits == null && m.error == null,
        upcoming = upcoming.map(::ui),
        pastLabel = if (past.isEmpty()) null else t.visitsPast,
        past = past.sortedByDescending { it.startsAt }.map(::ui),
        empty = if (m.visits != null && upcoming.isEmpty()) t.visitsNoneComing else null,
        error = m.error?.let { errorState(it, t, f) },
    )
}

/** Whether the visit has ended by `now` (a visit counts as coming until it has ended). */
fun Visit.isOver(now: Instant): Boolean = startsAt.plusSeconds(minutes.toLong() * 60).isBefore(now)
