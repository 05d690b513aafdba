// The module reader's section: Markdown text, an image with its alt text,
// audio and mindfulness (through the player screen), video with captions,
// and forms (assignments, reflections, the check-in) whose answers are
// autosaved as drafts while the patient types, then submitted. The core
// validates; this screen shows what it says.
package app.painschool.presenter

import app.painschool.client.CourseClient
import app.painschool.core.AnswerValue
import app.painschool.core.AnswerVersion
import app.painschool.core.CourseException
import app.painschool.core.FieldValue
import app.painschool.core.Language
import app.painschool.core.QuestionView
import app.painschool.core.SectionView
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job
import java.time.ZoneId

data class SectionState(
    val title: String,
    val kindLabel: String,
    val loading: Boolean,
    /** Markdown: the text, or the introduction of a form or an exercise. */
    val body: String?,
    val image: ImageUi?,
    val video: VideoUi?,
    /** Audio and mindfulness play in the player screen (`target`: the section). */
    val player: LinkUi?,
    val transcriptLabel: String?,
    val transcript: String?,
    val exercise: ExerciseUi?,
    val questions: List<QuestionUi>,
    val error: ErrorState?,
)

data class ImageUi(val path: String, val contentDescription: String, val caption: String?)

data class VideoUi(
    val path: String,
    val captionsPath: String?,
    val length: String?,
    val contentDescription: String,
)

/** "Mark as done" for audio, video and mindfulness. */
data class ExerciseUi(val done: Boolean, val label: String, val contentDescription: String)

data class QuestionUi(
    val questionId: String,
    val prompt: String,
    val optionalLabel: String?,
    val input: InputUi,
    val draftStatus: String?,
    val answeredLabel: String?,
    val submitLabel: String,
    val submitEnabled: Boolean,
    val error: String?,
)

sealed interface InputUi {
    data class FreeText(val text: String, val contentDescription: String) : InputUi

    data class Scale(
        val min: Long,
        val max: Long,
        val minLabel: String?,
        val maxLabel: String?,
        val selected: Long?,
        /** What TalkBack reads for the slider, e.g. "6 av 10". */
        val valueDescription: String,
        val contentDescription: String,
    ) : InputUi

    data class Choices(val multiple: Boolean, val options: List<OptionUi>) : InputUi

    data class Diary(
        val fields: List<DiaryFieldUi>,
        val entries: List<DiaryEntryUi>,
        val entriesLabel: String,
    ) : InputUi
}

data class OptionUi(val optionId: String, val label: String, val selected: Boolean, val contentDescription: String)

data class DiaryFieldUi(val fieldId: String, val label: String, val type: String, val value: String, val contentDescription: String)

data class DiaryEntryUi(val entryId: String, val summary: String, val answeredLabel: String)

sealed interface SectionEvent {
    data class TextChanged(val questionId: String, val text: String) : SectionEvent
    data class ScaleSelected(val questionId: String, val value: Long) : SectionEvent
    data class OptionSelected(val questionId: String, val optionId: String) : SectionEvent
    data class OptionToggled(val questionId: String, val optionId: String) : SectionEvent

    /** A field of the new diary entry, as typed (a date as `2026-11-03`). */
    data class DiaryFieldChanged(val questionId: String, val fieldId: String, val value: String) : SectionEvent
    data class Submit(val questionId: String) : SectionEvent
    data object MarkDone : SectionEvent
    data object Retry : SectionEvent

    /**
     * The screen is going away or the app to the background (the shell sends
     * it when the screen leaves and on its lifecycle's stop): what waits for
     * the autosave pause is saved now, in the presenter's `saveScope`, which
     * outlives the screen, so no typing is lost.
     */
    data object SaveNow : SectionEvent
}

enum class DraftStatus { SAVING, SAVED, FAILED }

data class SectionModel(
    val language: Language,
    val zone: ZoneId,
    val view: SectionView? = null,
    /** What the patient has entered for each question (the answer, or the new diary entry). */
    val inputs: Map<String, AnswerValue> = emptyMap(),
    /** Diary fields as typed, per question. */
    val diary: Map<String, Map<String, String>> = emptyMap(),
    val drafts: Map<String, DraftStatus> = emptyMap(),
    val submitting: Set<String> = emptySet(),
    val questionErrors: Map<String, Throwable> = emptyMap(),
    val exerciseDone: Boolean = false,
    val error: Throwable? = null,
)

class SectionPresenter(
    private val client: CourseClient,
    scope: CoroutineScope,
    private val sectionId: String,
    private val delay: Delay = RealDelay,
    zone: ZoneId = ZoneId.systemDefault(),
    language: Language = Language.SWEDISH,
    /** Where `SaveNow` saves: a scope that outlives the screen (the app's), so leaving does not cancel it. */
    private val saveScope: CoroutineScope = scope,
) : Presenter<SectionModel, SectionState, SectionEvent>(SectionModel(language, zone), scope, ::renderSection) {
    private val autosaves = mutableMapOf<String, Job>()

    /** Edits not saved yet, by question (cleared once saved or submitted). */
    private val unsaved = java.util.concurrent.ConcurrentHashMap<String, AnswerValue>()

    init {
        load()
    }

    override fun onEvent(event: SectionEvent) {
        when (event) {
            is SectionEvent.TextChanged -> edit(event.questionId, AnswerValue.Text(event.text))
            is SectionEvent.ScaleSelected -> edit(event.questionId, AnswerValue.Scale(event.value))
            is SectionEvent.OptionSelected -> edit(event.questionId, AnswerValue.Choice(event.optionId))
            is SectionEvent.OptionToggled -> {
                val q = question(event.questionId) ?: return
                val chosen = (model.inputs[q.id] as? AnswerValue.Choices)?.optionIds.orEmpty().toMutableSet()
                if (!chosen.add(event.optionId)) chosen.remove(event.optionId)
                // In the question's order, so the same choice is always the same value.
                edit(q.id, AnswerValue.Choices(q.options.map { it.id }.filter { it in chosen }))
            }
            is SectionEvent.DiaryFieldChanged -> {
                val q = question(event.questionId) ?: return
                val typed = model.diary[q.id].orEmpty() + (event.fieldId to event.value)
                change { it.copy(diary = it.diary + (q.id to typed)) }
                edit(q.id, diaryValue(q, typed))
            }
            is SectionEvent.Submit -> submit(event.questionId)
            SectionEvent.MarkDone -> launchSafely(::failed) {
                client.markExerciseDone(sectionId)
                change { it.copy(exerciseDone = true) }
            }
            SectionEvent.Retry -> load()
            SectionEvent.SaveNow -> for ((questionId, value) in unsaved.entries.toList()) {
                autosaves.remove(questionId)?.cancel()
                launchSafely({ draftFailed(questionId) }, saveScope) {
                    client.saveDraft(questionId, null, value)
                    unsaved.remove(questionId, value)
                    change { it.copy(drafts = it.drafts + (questionId to DraftStatus.SAVED)) }
                }
            }
        }
    }

    private fun question(id: String): QuestionView? = model.view?.questions?.firstOrNull { it.id == id }

    private fun failed(e: Exception) = change { it.copy(error = e) }

    private fun draftFailed(questionId: String) = change { it.copy(drafts = it.drafts + (questionId to DraftStatus.FAILED)) }

    private fun load() {
        change { it.copy(error = null) }
        launchSafely(::failed) {
            val lang = client.preferences().language
            val view = client.openSection(sectionId)
            val done = if (view.kind in EXERCISES) {
                client.moduleSections(view.moduleId).firstOrNull { it.id == sectionId }?.done ?: false
            } else false
            change { m ->
                m.copy(
                    language = lang, view = view, exerciseDone = done,
                    inputs = view.questions.mapNotNull { q -> startValue(view, q)?.let { q.id to it } }.toMap(),
                    diary = view.questions.filter { it.questionType == "diary" }.associate { q ->
                        q.id to ((q.draft as? AnswerValue.Diary)?.fields.orEmpty().mapValues { (_, v) -> v.typed() })
                    },
                )
            }
        }
    }

    /**
     * What a question's input starts with: its draft, else its current answer.
     * A diary entry and a check-in (one entry per week) start from the draft only.
     */
    private fun startValue(view: SectionView, q: QuestionView): AnswerValue? =
        q.draft ?: if (q.questionType == "diary" || view.kind == "check_in") null else q.answers.lastOrNull()?.value

    /** Keeps what was entered and saves it as a draft once typing pauses. */
    private fun edit(questionId: String, value: AnswerValue) {
        change { it.copy(inputs = it.inputs + (questionId to value), questionErrors = it.questionErrors - questionId) }
        unsaved[questionId] = value
        autosaves.remove(questionId)?.cancel()
        autosaves[questionId] = save(questionId, value)
    }

    /** Saves `value` as the question's draft once typing pauses. */
    private fun save(questionId: String, value: AnswerValue): Job =
        launchSafely({ draftFailed(questionId) }) {
            delay.wait(AUTOSAVE_MILLIS)
            change { it.copy(drafts = it.drafts + (questionId to DraftStatus.SAVING)) }
            client.saveDraft(questionId, null, value)
            unsaved.remove(questionId, value)
            change { it.copy(drafts = it.drafts + (questionId to DraftStatus.SAVED)) }
        }

    private fun submit(questionId: String) {
        val q = question(questionId) ?: return
        val value = model.inputs[questionId]
        if (value == null) {
            change { it.copy(questionErrors = it.questionErrors + (questionId to NothingToSubmit())) }
            return
        }
        autosaves.remove(questionId)?.cancel()
        unsaved.remove(questionId)
        change { it.copy(submitting = it.submitting + questionId, questionErrors = it.questionErrors - questionId) }
        launchSafely({ e ->
            change { it.copy(submitting = it.submitting - questionId, questionErrors = it.questionErrors + (questionId to e)) }
        }) {
            client.submit(questionId, null, value)
            val view = client.openSection(sectionId)
            change { m ->
                val diary = q.questionType == "diary"
                m.copy(
                    view = view,
                    submitting = m.submitting - questionId,
                    drafts = m.drafts - questionId,
                    inputs = if (diary) m.inputs - questionId else m.inputs,
                    diary = if (diary) m.diary + (questionId to emptyMap()) else m.diary,
                )
            }
        }
    }

    private companion object {
        val EXERCISES = setOf("audio", "video", "mindfulness")
    }
}

/** Submit with nothing entered (no scale value chosen, no option picked). */
class NothingToSubmit : Exception("nothing entered")

/** A diary entry from the typed fields; a number that does not read is left out (the core names it missing). */
private fun diaryValue(q: QuestionView, typed: Map<String, String>): AnswerValue.Diary =
    AnswerValue.Diary(
        q.fields.mapNotNull { field ->
            val raw = typed[field.id]?.trim().orEmpty()
            if (raw.isEmpty()) return@mapNotNull null
            val value = when (field.fieldType) {
                "date" -> FieldValue.Date(raw)
                "number", "scale" -> raw.toLongOrNull()?.let { FieldValue.Number(it) }
                else -> FieldValue.Text(raw)
            }
            value?.let { field.id to it }
        }.toMap(),
    )

private fun FieldValue.typed(): String = when (this) {
    is FieldValue.Date -> isoDate
    is FieldValue.Text -> text
    is FieldValue.Number -> value.toString()
}

fun renderSection(m: SectionModel): SectionState {
    val t = strings(m.language)
    val f = Format(m.language, m.zone)
    val v = m.view
    val kind = v?.kind
    val media = v?.media
    val length = v?.durationSeconds?.let { f.length(it.toULong() * 1000uL) }
    val spoken = v?.durationSeconds?.let { f.spokenLength(it.toULong() * 1000uL, t) }
    return SectionState(
        title = v?.title ?: t.loading,
        kindLabel = kind?.let(t::sectionKind) ?: "",
        loading = v == null && m.error == null,
        body = v?.bodyMarkdown,
        image = if (v != null && kind == "image" && media != null) {
            ImageUi(media.path, v.altText ?: v.title, v.caption)
        } else null,
        video = if (v != null && kind == "video" && media != null) {
            VideoUi(media.path, v.captions?.path, length, t.videoDescription(v.title, spoken))
        } else null,
        player = if (v != null && (kind == "audio" || kind == "mindfulness")) {
            LinkUi(spoken?.let(t::exerciseLength) ?: "", t.startExercise, t.startExerciseDescription(v.title), v.sectionId)
        } else null,
        transcriptLabel = v?.transcriptMarkdown?.let { t.transcript },
        transcript = v?.transcriptMarkdown,
        exercise = if (v != null && (kind == "audio" || kind == "video" || kind == "mindfulness")) {
            ExerciseUi(m.exerciseDone, if (m.exerciseDone) t.done else t.markDone, if (m.exerciseDone) t.done else t.markDoneDescription(v.title))
        } else null,
        questions = v?.questions.orEmpty().map { renderQuestion(it, m, t, f) },
        error = m.error?.let { errorState(it, t, f) },
    )
}

private fun renderQuestion(q: QuestionView, m: SectionModel, t: Strings, f: Format): QuestionUi {
    val input = m.inputs[q.id]
    val ui: InputUi = when (q.questionType) {
        "scale" -> {
            val s = q.scale
            val selected = (input as? AnswerValue.Scale)?.value
            InputUi.Scale(
                min = s?.min ?: 0, max = s?.max ?: 10, minLabel = s?.minLabel, maxLabel = s?.maxLabel,
                selected = selected,
                valueDescription = selected?.let { t.scaleValue(it, s?.max ?: 10) } ?: t.scaleNone,
                contentDescription = q.prompt,
            )
        }
        "single_choice", "multiple_choice", "checklist" -> {
            val multiple = q.questionType != "single_choice"
            val chosen = when (input) {
                is AnswerValue.Choice -> setOf(input.optionId)
                is AnswerValue.Choices -> input.optionIds.toSet()
                else -> emptySet()
            }
            InputUi.Choices(multiple, q.options.map { o ->
                val on = o.id in chosen
                OptionUi(o.id, o.label, on, "${o.label}, ${if (on) t.selected else t.notSelected}")
            })
        }
        "diary" -> {
            val typed = m.diary[q.id].orEmpty()
            InputUi.Diary(
                fields = q.fields.map { DiaryFieldUi(it.id, it.label, it.fieldType, typed[it.id].orEmpty(), it.label) },
                entries = q.answers.map { a -> DiaryEntryUi(a.entryId ?: a.versionId, diarySummary(q, a), t.answered(f.dayTime(a.submittedAt))) },
                entriesLabel = t.diaryEntries(q.answers.size),
            )
        }
        else -> InputUi.FreeText((input as? AnswerValue.Text)?.text.orEmpty(), q.prompt)
    }
    val latest = if (q.questionType == "diary") null else q.answers.lastOrNull()
    val error = m.questionErrors[q.id]?.let { e ->
        when (e) {
            is NothingToSubmit -> t.answerFirst
            is CourseException.InvalidAnswer -> t.invalidAnswer(e.rule)
            else -> errorState(e, t, f).message
        }
    }
    return QuestionUi(
        questionId = q.id,
        prompt = q.prompt,
        optionalLabel = if (q.required) null else t.optional,
        input = ui,
        draftStatus = when (m.drafts[q.id]) {
            DraftStatus.SAVING -> t.draftSaving
            DraftStatus.SAVED -> t.draftSaved
            DraftStatus.FAILED -> t.draftFailed
            null -> if (q.draft != null) t.draftSaved else null
        },
        answeredLabel = latest?.let { a -> t.answered(f.dayTime(a.submittedAt)) + (if (a.reviewedAt != null) " " + t.reviewed else "") },
        submitLabel = when {
            q.questionType == "diary" -> t.addDiaryEntry
            latest != null && m.view?.kind != "check_in" -> t.updateAnswer
            else -> t.submitAnswer
        },
        submitEnabled = q.id !in m.submitting,
        error = error,
    )
}

/** A diary entry in one line, its fields in the question's order. */
private fun diarySummary(q: QuestionView, a: AnswerVersion): String {
    val fields = (a.value as? AnswerValue.Diary)?.fields.orEmpty()
    return q.fields.mapNotNull { fields[it.id]?.typed() }.joinToString(" · ")
}
