// The printable summary, drawn from SummaryState: what it is, the core's
// offer, a privacy note, and at the bottom: view (the core's HTML in a
// WebView with JavaScript, file and content access off), print (the core's
// PDF bytes to the system's print dialog) and share (the PDF the core wrote
// to the cache's summary/ folder, through the FileProvider). Print and share
// come from the presenter as one-off effects.
package app.painschool.app.ui

import android.content.Intent
import android.webkit.WebView
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.setValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.platform.LocalContext
import androidx.compose.ui.platform.LocalDensity
import androidx.compose.ui.unit.dp
import androidx.compose.ui.viewinterop.AndroidView
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import app.painschool.app.ShellAction
import app.painschool.app.platform.SummaryPrinting
import app.painschool.client.CourseClient
import app.painschool.core.Language
import app.painschool.presenter.SummaryEffect
import app.painschool.presenter.SummaryEvent
import app.painschool.presenter.SummaryPresenter
import app.painschool.presenter.SummaryState
import java.io.File

/** The summary with its presenter; print and share go to the system's sheets. */
@Composable
fun SummaryRoute(client: CourseClient, language: Language, onShellAction: (ShellAction) -> Unit) {
    val context = LocalContext.current
    val presenter = rememberPresenter(client) { SummaryPresenter(client, it, SummaryPrinting.shareDir(context), language = language) }
    val state by presenter.state.collectAsStateWithLifecycle()
    LaunchedEffect(presenter) {
        presenter.effects.collect { effect ->
            when (effect) {
                is SummaryEffect.Print -> SummaryPrinting.print(context, effect.pdf, effect.jobName)
                is SummaryEffect.Share -> {
                    val send = SummaryPrinting.shareFileIntent(context, File(effect.path), effect.mimeType)
                    context.startActivity(Intent.createChooser(send, effect.title))
                }
            }
        }
    }
    SummaryScreen(state, presenter::onEvent, onShellAction)
}

/** Draws [SummaryState]; the HTML view replaces the page until it is closed. */
@Composable
fun SummaryScreen(state: SummaryState, onEvent: (SummaryEvent) -> Unit, onShellAction: (ShellAction) -> Unit) {
    var viewing by remember { mutableStateOf(false) }
    val html = state.html
    if (viewing && html != null) {
        // The page's text follows the app's scale (the system's times the patient's setting).
        val zoom = (LocalDensity.current.fontScale * 100).toInt()
        Column(Modifier.fillMaxSize()) {
            AndroidView(
                factory = { ctx ->
                    WebView(ctx).apply {
                        settings.javaScriptEnabled = false
                        settings.allowFileAccess = false
                        settings.allowContentAccess = false
                        settings.textZoom = zoom
                    }
                },
                update = { it.loadDataWithBaseURL(null, html, "text/html", "utf-8", null) },
                modifier = Modifier.weight(1f).fillMaxWidth(),
            )
            Column(Modifier.padding(16.dp)) {
                PrimaryButton(LocalShellTexts.current.close, { viewing = false })
            }
        }
        return
    }
    ScreenLayout(
        bottom = {
            PrimaryButton(state.view.label, { viewing = true; onEvent(SummaryEvent.View) }, enabled = state.view.enabled, description = state.view.contentDescription)
            SecondaryButton(state.print.label, { onEvent(SummaryEvent.Print) }, enabled = state.print.enabled, description = state.print.contentDescription)
            SecondaryButton(state.share.label, { onEvent(SummaryEvent.Share) }, enabled = state.share.enabled, description = state.share.contentDescription)
        },
    ) {
        ScreenHeader(state.title, state.loading, state.error, { onEvent(SummaryEvent.Retry) }, onShellAction)
        BodyText(state.intro)
        state.offer?.let { BodyText(it) }
        state.busyLabel?.let { Loading(it) }
        BodyText(state.privacyNote, secondary = true)
    }
}
