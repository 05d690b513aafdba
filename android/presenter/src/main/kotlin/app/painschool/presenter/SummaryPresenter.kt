// The printable summary: view it (the core's HTML), print it (the core's PDF
// bytes to the print sheet) or share it (a PDF file the core writes, to the
// share sheet). Whether the app puts it forward, and until when, is the
// core's offer.
package app.painschool.presenter

import app.painschool.client.CourseClient
import app.painschool.core.Language
import app.painschool.core.SummaryFormat
import app.painschool.core.SummaryOffer
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.receiveAsFlow
import java.io.File
import java.time.ZoneId

data class SummaryState(
    val title: String,
    /** Until the core has said whether it offers the summary. */
    val loading: Boolean,
    val intro: String,
    val offer: String?,
    val view: ControlUi,
    val print: ControlUi,
    val share: ControlUi,
    /** The summary as HTML once the patient chose to view it. */
    val html: String?,
    val busy: Boolean,
    val busyLabel: String?,
    val privacyNote: String,
    val error: ErrorState?,
)

/** What the shell does once: open the print sheet or the share sheet. */
sealed interface SummaryEffect {
    class Print(val pdf: ByteArray, val jobName: String) : SummaryEffect
    data class Share(val path: String, val mimeType: String, val title: String) : SummaryEffect
}

sealed interface SummaryEvent {
    data object View : SummaryEvent
    data object Print : SummaryEvent
    data object Share : SummaryEvent
    data object Retry : SummaryEvent
}

enum class SummaryTask { VIEW, PRINT, SHARE }

data class SummaryModel(
    val language: Language,
    val zone: ZoneId,
    val offer: SummaryOffer? = null,
    val html: String? = null,
    val busy: SummaryTask? = null,
    val failed: SummaryTask? = null,
    val error: Throwable? = null,
)

/**
 * @param shareDir the app's folder for files it shares (the shell's FileProvider path).
 */
class SummaryPresenter(
    private val client: CourseClient,
    scope: CoroutineScope,
    private val shareDir: File,
    zone: ZoneId = ZoneId.systemDefault(),
    language: Language = Language.SWEDISH,
) : Presenter<SummaryModel, SummaryState, SummaryEvent>(SummaryModel(language, zone), scope, ::renderSummary) {
    private val channel = Channel<SummaryEffect>(Channel.BUFFERED)

    /** One-off actions for the shell. */
    val effects: Flow<SummaryEffect> = channel.receiveAsFlow()

    init {
        launchSafely({ e -> change { it.copy(error = e) } }) {
            val lang = client.preferences().language
            val offer = client.summaryOffer()
            change { it.copy(language = lang, offer = offer) }
        }
    }

    override fun onEvent(event: SummaryEvent) {
        when (event) {
            SummaryEvent.View -> perform(SummaryTask.VIEW)
            SummaryEvent.Print -> perform(SummaryTask.PRINT)
            SummaryEvent.Share -> perform(SummaryTask.SHARE)
            SummaryEvent.Retry -> model.failed?.let(::perform)
        }
    }

    private fun perform(task: SummaryTask) {
        if (model.busy != null) return
        change { it.copy(busy = task, failed = null, error = null) }
        launchSafely({ e -> change { it.copy(busy = null, failed = task, error = e) } }) {
            val t = strings(model.language)
            when (task) {
                SummaryTask.VIEW -> {
                    val html = client.summaryHtml()
                    change { it.copy(html = html) }
                }
                SummaryTask.PRINT -> channel.send(SummaryEffect.Print(client.summaryPdf(), t.summaryFileTitle))
                SummaryTask.SHARE -> {
                    shareDir.mkdirs()
                    val path = client.writeSummary(File(shareDir, t.summaryFileName).path, SummaryFormat.PDF)
                    channel.send(SummaryEffect.Share(path, "application/pdf", t.summaryFileTitle))
                }
            }
            change { it.copy(busy = null) }
        }
    }
}

fun renderSummary(m: SummaryModel): SummaryState {
    val t = strings(m.language)
    val f = Format(m.language, m.zone)
    val idle = m.busy == null
    return SummaryState(
        title = t.summaryTitle,
        loading = m.offer == null && m.error == null,
        intro = t.summaryIntro,
        offer = m.offer?.let { o -> o.reason?.let { t.summaryOffer(it, o.until?.let(f::date)) } },
        view = ControlUi(t.summaryView, t.summaryViewDescription, idle),
        print = ControlUi(t.summaryPrint, t.summaryPrintDescription, idle),
        share = ControlUi(t.summaryShare, t.summaryShareDescription, idle),
        html = m.html,
        busy = !idle,
        busyLabel = if (idle) null else t.summaryBusy,
        privacyNote = t.summaryPrivacy,
        error = m.error?.let { errorState(it, t, f) },
    )
}
