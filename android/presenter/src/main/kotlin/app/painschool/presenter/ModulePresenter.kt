// The module reader's contents: an open module's sections in course order,
// each with its kind and whether it is done (the core's rule).
package app.painschool.presenter

import app.painschool.client.CourseClient
import app.painschool.core.Language
import app.painschool.core.ModuleCard
import app.painschool.core.SectionCard
import kotlinx.coroutines.CoroutineScope
import java.time.ZoneId

data class ModuleState(
    val title: String,
    val summary: String?,
    val progress: String?,
    val loading: Boolean,
    val sections: List<SectionRowUi>,
    val error: ErrorState?,
)

data class SectionRowUi(
    val sectionId: String,
    val title: String,
    val kindLabel: String,
    val doneLabel: String?,
    val contentDescription: String,
)

sealed interface ModuleEvent {
    /** Back from a section: progress may have changed. */
    data object Refresh : ModuleEvent
    data object Retry : ModuleEvent
}

data class ModuleModel(
    val language: Language,
    val zone: ZoneId,
    val card: ModuleCard? = null,
    val sections: List<SectionCard>? = null,
    val error: Throwable? = null,
)

class ModulePresenter(
    private val client: CourseClient,
    scope: CoroutineScope,
    private val moduleId: String,
    zone: ZoneId = ZoneId.systemDefault(),
    language: Language = Language.SWEDISH,
) : Presenter<ModuleModel, ModuleState, ModuleEvent>(ModuleModel(language, zone), scope, ::renderModule) {
    init {
        load()
    }

    override fun onEvent(event: ModuleEvent) {
        when (event) {
            ModuleEvent.Refresh, ModuleEvent.Retry -> load()
        }
    }

    private fun load() {
        change { it.copy(error = null) }
        launchSafely({ e -> change { it.copy(error = e) } }) {
            val lang = client.preferences().language
            val card = client.modules().firstOrNull { it.id == moduleId }
            val sections = client.moduleSections(moduleId)
            change { it.copy(language = lang, card = card, sections = sections) }
        }
    }
}

fun renderModule(m: ModuleModel): ModuleState {
    val t = strings(m.language)
    val f = Format(m.language, m.zone)
    val card = m.card
    return ModuleState(
        title = card?.let { "${t.moduleNumber(it.number.toInt())}: ${it.title}" } ?: t.moduleTitleLoading,
        summary = card?.summary,
        progress = m.sections?.let { s -> t.sectionsDone(s.count { it.done }, s.size) },
        loading = m.sections == null && m.error == null,
        sections = m.sections.orEmpty().map { s ->
            val kind = t.sectionKind(s.kind)
            SectionRowUi(
                sectionId = s.id,
                title = s.title,
                kindLabel = kind,
                doneLabel = if (s.done) t.done else null,
                contentDescription = listOfNotNull(s.title, kind, if (s.done) t.done else t.notDone).joinToString(", "),
            )
        },
        error = m.error?.let { errorState(it, t, f) },
    )
}
