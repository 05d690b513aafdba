// Activation: the letter's code typed (ASCII keyboard, capitals, no
// autocorrect) or its QR code scanned with Google's code scanner (it runs in
// Play services: no camera permission, no camera code here). The presenter
// (ActivationPresenter) checks nothing itself and carries the code to the
// server; this view draws its state and reports events.
package app.painschool.app.ui

import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.text.KeyboardActions
import androidx.compose.foundation.text.KeyboardOptions
import androidx.compose.material3.OutlinedTextField
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.setValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.platform.LocalContext
import androidx.compose.ui.semantics.contentDescription
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.text.input.ImeAction
import androidx.compose.ui.text.input.KeyboardCapitalization
import androidx.compose.ui.text.input.KeyboardType
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import app.painschool.app.BuildConfig
import app.painschool.app.ShellAction
import app.painschool.client.CourseClient
import app.painschool.core.Language
import app.painschool.presenter.ActivationEvent
import app.painschool.presenter.ActivationPresenter
import app.painschool.presenter.ActivationState
import com.google.mlkit.vision.barcode.common.Barcode
import com.google.mlkit.vision.codescanner.GmsBarcodeScannerOptions
import com.google.mlkit.vision.codescanner.GmsBarcodeScanning

/**
 * The activation screen with its presenter. `link` is a letter's QR link that opened
 * the app (scanned with the camera app); it is handed over as a scan.
 */
@Composable
fun ActivationRoute(client: CourseClient, language: Language, link: String?, onLinkUsed: () -> Unit, onShellAction: (ShellAction) -> Unit) {
    val presenter = rememberPresenter(client) { ActivationPresenter(client, it, BuildConfig.SERVER_URL, language = language) }
    val state by presenter.state.collectAsStateWithLifecycle()
    LaunchedEffect(link) {
        if (link != null) {
            presenter.onEvent(ActivationEvent.Scanned(link))
            onLinkUsed()
        }
    }
    ActivationScreen(state, presenter::onEvent, onShellAction)
}

/** Draws [ActivationState]. */
@Composable
fun ActivationScreen(state: ActivationState, onEvent: (ActivationEvent) -> Unit, onShellAction: (ShellAction) -> Unit) {
    val context = LocalContext.current
    var scannerFailed by remember { mutableStateOf(false) }
    // The presenter opened the scanner: show Google's, and report what it read.
    LaunchedEffect(state.scannerOpen) {
        if (!state.scannerOpen) return@LaunchedEffect
        scannerFailed = false
        val options = GmsBarcodeScannerOptions.Builder().setBarcodeFormats(Barcode.FORMAT_QR_CODE).build()
        GmsBarcodeScanning.getClient(context, options).startScan()
            .addOnSuccessListener { code ->
                val text = code.rawValue
                onEvent(if (text != null) ActivationEvent.Scanned(text) else ActivationEvent.ScannerClosed)
            }
            .addOnCanceledListener { onEvent(ActivationEvent.ScannerClosed) }
            .addOnFailureListener {
                scannerFailed = true
                onEvent(ActivationEvent.ScannerClosed)
            }
    }
    ScreenLayout(
        bottom = {
            PrimaryButton(state.submitLabel, { onEvent(ActivationEvent.Submit) }, enabled = state.submitEnabled)
            SecondaryButton(state.scanLabel, { onEvent(ActivationEvent.OpenScanner) }, enabled = !state.busy, description = state.scanContentDescription)
        },
    ) {
        Heading(state.title)
        BodyText(state.intro)
        OutlinedTextField(
            value = state.code,
            onValueChange = { onEvent(ActivationEvent.CodeChanged(it)) },
            label = { Text(state.codeLabel) },
            supportingText = { Text(state.codeHint) },
            singleLine = true,
            enabled = !state.busy,
            keyboardOptions = KeyboardOptions(
                capitalization = KeyboardCapitalization.Characters,
                autoCorrectEnabled = false,
                keyboardType = KeyboardType.Ascii,
                imeAction = ImeAction.Done,
            ),
            keyboardActions = KeyboardActions(onDone = { if (state.submitEnabled) onEvent(ActivationEvent.Submit) }),
            modifier = Modifier.fillMaxWidth().semantics { contentDescription = state.codeContentDescription },
        )
        state.busyLabel?.let { Loading(it) }
        if (scannerFailed) StatusText(LocalShellTexts.current.scannerUnavailable, error = true)
        state.error?.let { ErrorCard(it, { onEvent(ActivationEvent.Retry) }, onShellAction) }
        BodyText(state.help, secondary = true)
    }
}
