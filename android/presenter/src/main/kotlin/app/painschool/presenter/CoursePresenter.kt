// The whole course: all eight modules in order, each open (with its
// progress, or finished) or locked (with the day it opens, or that the
// clinician opens it). The way back to an earlier module's texts and
// answers, and the way ahead to see what comes.
package app.painschool.presenter

import app.painschool.client.CourseClient
import app.painschool.core.Language
import app.painschool.core.ModuleCard
import app.painschool.core.ModuleLock
import kotlinx.coroutines.CoroutineScope
import java.time.ZoneId

/** What the course screen shows. */
data class CourseState(
    val title: String,
    val loading: Boolean,
    val modules: List<ModuleRowUi>,
    val error: ErrorState?,
)

/** One module in the list. `open`: the row leads to the module (`moduleId`); a locked one does not. */
data class ModuleRowUi(
    val moduleId: String,
    val number: String,
    val title: String,
    val status: String,
    val open: Boolean,
    val finished: Boolean,
    val contentDescription: String,
)

/** What the course screen reports. */
sealed interface CourseEvent {
    /** The screen came back (progress may have changed, a module may have opened). */
    data object Refresh : CourseEvent
    data object Retry : CourseEvent
}

/** What the course presenter knows. */
data class CourseModel(
    val language: Language,
    val zone: ZoneId,
    val modules: List<ModuleCard>? = null,
    val error: Throwable? = null,
)

/** The course screen's presenter. */
class CoursePresenter(
    private val client: CourseClient,
    scope: CoroutineScope,
    zone: ZoneId = ZoneId.systemDefault(),
    language: Language = Language.SWEDISH,
) : Presenter<CourseModel, CourseState, CourseEvent>(CourseModel(language, zone), scope, ::renderCourse) {
    init {
        load()
    }

    override fun onEvent(event: CourseEvent) {
        when (event) {
            CourseEvent.Refresh, CourseEvent.Retry -> load()
        }
    }

    private fun load() {
        change { it.copy(error = null) }
        launchSafely({ e -> change { it.copy(error = e) } }) {
            val lang = client.preferences().language
            val modules = client.modules()
            change { it.copy(language = lang, modules = modules) }
        }
    }
}

/** The course screen's state for `m` (pure). */
fun renderCourse(m: CourseModel): CourseState {
    val t = strings(m.language)
    val f = Format(m.language, m.zone)
    return CourseState(
        title = t.courseTitle,
        loading = m.modules == null && m.error == null,
        modules = m.modules.orEmpty().sortedBy { it.number }.map { card ->
            val number = t.moduleNumber(card.number.toInt())
            val open = card.lock is ModuleLock.Open
            val status = when {
                card.progress.finished -> t.done
                open -> t.sectionsDone(card.progress.sectionsDone.toInt(), card.progress.sectionsTotal.toInt())
                card.opensOn != null -> t.moduleOpensOn(f.weekdayDate(card.opensOn!!))
                else -> t.moduleOpenedByClinician
            }
            ModuleRowUi(
                moduleId = card.id,
                number = number,
                title = card.title,
                status = status,
                open = open,
                finished = card.progress.finished,
                contentDescription = "$number: ${card.title}. $status",
            )
        },
        error = m.error?.let { errorState(it, t, f) },
    )
}
