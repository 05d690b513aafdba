// Activation: type the code from the clinic's letter, or scan its QR code
// (`smartskolan://activate?server=…&code=…`). The server checks the code;
// this screen only carries it there.
package app.painschool.presenter

import app.painschool.client.CourseClient
import app.painschool.core.Language
import kotlinx.coroutines.CoroutineScope
import java.net.URI
import java.net.URLDecoder
import java.time.ZoneId

data class ActivationState(
    val title: String,
    val intro: String,
    val codeLabel: String,
    val codeHint: String,
    val code: String,
    val codeContentDescription: String,
    val submitLabel: String,
    val submitEnabled: Boolean,
    val scanLabel: String,
    val scanContentDescription: String,
    val scannerOpen: Boolean,
    val busy: Boolean,
    val busyLabel: String?,
    val error: ErrorState?,
    val help: String,
    /** Activated: the shell moves on to "this week". */
    val activated: Boolean,
)

sealed interface ActivationEvent {
    data class CodeChanged(val code: String) : ActivationEvent
    data object Submit : ActivationEvent
    data object OpenScanner : ActivationEvent
    data object ScannerClosed : ActivationEvent

    /** The text of a scanned QR code. */
    data class Scanned(val text: String) : ActivationEvent

    /** The error's action was RETRY. */
    data object Retry : ActivationEvent
}

data class ActivationModel(
    val language: Language,
    val zone: ZoneId,
    val code: String = "",
    val server: String,
    val scannerOpen: Boolean = false,
    val busy: Boolean = false,
    val error: Throwable? = null,
    val notOurCode: Boolean = false,
    val activated: Boolean = false,
)

/**
 * @param serverUrl the clinic's server this build of the app talks to, for a
 *   typed code (a scanned code names its own server).
 */
class ActivationPresenter(
    private val client: CourseClient,
    scope: CoroutineScope,
    serverUrl: String,
    zone: ZoneId = ZoneId.systemDefault(),
    language: Language = Language.SWEDISH,
) : Presenter<ActivationModel, ActivationState, ActivationEvent>(
    ActivationModel(language, zone, server = serverUrl), scope, ::renderActivation,
) {
    init {
        launchSafely({ /* keep the language we have */ }) {
            val lang = client.preferences().language
            change { it.copy(language = lang) }
        }
    }

    override fun onEvent(event: ActivationEvent) {
        when (event) {
            is ActivationEvent.CodeChanged -> change { it.copy(code = event.code, error = null, notOurCode = false) }
            ActivationEvent.Submit -> activate(model.server, model.code.trim())
            ActivationEvent.OpenScanner -> change { it.copy(scannerOpen = true, error = null, notOurCode = false) }
            ActivationEvent.ScannerClosed -> change { it.copy(scannerOpen = false) }
            is ActivationEvent.Scanned -> {
                val parsed = parseLetterQr(event.text)
                if (parsed == null) {
                    change { it.copy(scannerOpen = false, notOurCode = true) }
                } else {
                    change { it.copy(scannerOpen = false, code = parsed.second, server = parsed.first) }
                    activate(parsed.first, parsed.second)
                }
            }
            ActivationEvent.Retry -> if (model.notOurCode) {
                change { it.copy(notOurCode = false, scannerOpen = true) }
            } else {
                activate(model.server, model.code.trim())
            }
        }
    }

    private fun activate(server: String, code: String) {
        if (code.isEmpty() || model.busy) return
        change { it.copy(busy = true, error = null, notOurCode = false) }
        launchSafely({ e -> change { it.copy(busy = false, error = e) } }) {
            client.activate(server, code)
            // Fetch what the clinic has sent; the phone works offline if this fails.
            runCatching { client.syncNow() }
            val lang = runCatching { client.preferences().language }.getOrNull()
            change { it.copy(busy = false, activated = true, language = lang ?: it.language) }
        }
    }
}

/** The server and code of the letter's QR code, or null if it is not one. */
fun parseLetterQr(text: String): Pair<String, String>? {
    val uri = runCatching { URI(text.trim()) }.getOrNull() ?: return null
    if (uri.scheme != "smartskolan" || uri.host != "activate") return null
    val query = uri.rawQuery ?: return null
    val params = query.split('&').mapNotNull {
        val i = it.indexOf('=')
        if (i <= 0) null else it.substring(0, i) to URLDecoder.decode(it.substring(i + 1), Charsets.UTF_8)
    }.toMap()
    val server = params["server"]?.takeIf { it.isNotBlank() } ?: return null
    val code = params["code"]?.takeIf { it.isNotBlank() } ?: return null
    return server to code
}

fun renderActivation(m: ActivationModel): ActivationState {
    val t = strings(m.language)
    val f = Format(m.language, m.zone)
    val error = when {
        m.notOurCode -> ErrorState(t.activationNotOurQr, ErrorAction.RETRY, t.activationScanAgain)
        m.error != null -> errorState(m.error, t, f)
        else -> null
    }
    return ActivationState(
        title = t.activationTitle,
        intro = t.activationIntro,
        codeLabel = t.activationCodeLabel,
        codeHint = t.activationCodeHint,
        code = m.code,
        codeContentDescription = t.activationCodeLabel,
        submitLabel = t.activationSubmit,
        submitEnabled = m.code.isNotBlank() && !m.busy,
        scanLabel = t.activationScan,
        scanContentDescription = t.activationScanDescription,
        scannerOpen = m.scannerOpen,
        busy = m.busy,
        busyLabel = if (m.busy) t.activationBusy else null,
        error = error,
        help = t.activationHelp,
        activated = m.activated,
    )
}
