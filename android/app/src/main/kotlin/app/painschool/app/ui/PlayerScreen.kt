// The mindfulness player, drawn from PlayerScreenState: the offer to continue
// where the patient stopped, today's practice minutes (no streaks), and the
// controls at the bottom within thumb reach: the seek slider (TalkBack reads
// where in the exercise the patient is), −15 s, play/pause, +15 s. When
// playback starts, the foreground service takes over the lock screen and
// the audio focus (PlaybackService), so the exercise goes on with the
// screen off.
package app.painschool.app.ui

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.heightIn
import androidx.compose.foundation.layout.padding
import androidx.compose.material3.Button
import androidx.compose.material3.Card
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.Slider
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
import androidx.compose.ui.unit.dp
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import app.painschool.app.ShellAction
import app.painschool.app.platform.PlaybackService
import app.painschool.client.CourseClient
import app.painschool.core.Language
import app.painschool.presenter.ControlUi
import app.painschool.presenter.PlayStatus
import app.painschool.presenter.PlayerEvent
import app.painschool.presenter.PlayerPresenter
import app.painschool.presenter.PlayerScreenState

/** The player with its presenter (over the app's one player, which outlives the screen). */
@Composable
fun PlayerRoute(client: CourseClient, language: Language, sectionId: String, onShellAction: (ShellAction) -> Unit) {
    val presenter = rememberPresenter(client, sectionId) { PlayerPresenter(client, it, sectionId, language = language) }
    val state by presenter.state.collectAsStateWithLifecycle()
    val context = LocalContext.current
    // Playing: the service keeps it going in the background and on the lock screen.
    LaunchedEffect(state.status) {
        if (state.status == PlayStatus.PLAYING) PlaybackService.start(context, state.title)
    }
    PlayerScreen(state, presenter::onEvent, onShellAction)
}

/** Draws [PlayerScreenState]. */
@Composable
fun PlayerScreen(state: PlayerScreenState, onEvent: (PlayerEvent) -> Unit, onShellAction: (ShellAction) -> Unit) {
    // While the thumb drags, the slider shows the drag; the seek goes when it lets go.
    var dragging by remember { mutableStateOf<Float?>(null) }
    ScreenLayout(
        bottom = {
            Slider(
                value = dragging ?: state.positionMs.toFloat(),
                onValueChange = { dragging = it },
                onValueChangeFinished = {
                    dragging?.let { onEvent(PlayerEvent.SeekTo(it.toLong())) }
                    dragging = null
                },
                valueRange = 0f..state.durationMs.coerceAtLeast(1).toFloat(),
                enabled = state.playPause.enabled,
                modifier = Modifier.fillMaxWidth().described(state.seekContentDescription, state.seekValueDescription),
            )
            Row(Modifier.fillMaxWidth()) {
                Text(state.position, style = MaterialTheme.typography.bodyMedium, modifier = Modifier.weight(1f))
                Text(state.duration, style = MaterialTheme.typography.bodyMedium)
            }
            Row(Modifier.fillMaxWidth(), horizontalArrangement = Arrangement.spacedBy(8.dp)) {
                Control(state.skipBack, primary = false, Modifier.weight(1f)) { onEvent(PlayerEvent.SkipBack) }
                Control(state.playPause, primary = true, Modifier.weight(1.4f)) { onEvent(PlayerEvent.PlayPause) }
                Control(state.skipForward, primary = false, Modifier.weight(1f)) { onEvent(PlayerEvent.SkipForward) }
            }
        },
    ) {
        ScreenHeader(state.title, state.loading, state.error, { onEvent(PlayerEvent.Retry) }, onShellAction)
        state.statusLabel?.let { StatusText(it) }
        state.resumeOffer?.let { offer ->
            Card(Modifier.fillMaxWidth()) {
                Column(Modifier.padding(16.dp), verticalArrangement = Arrangement.spacedBy(8.dp)) {
                    BodyText(offer.text)
                    PrimaryButton(offer.continueLabel, { onEvent(PlayerEvent.ContinueFromSaved) })
                    SecondaryButton(offer.startOverLabel, { onEvent(PlayerEvent.StartOver) })
                }
            }
        }
        state.minutesToday?.let { BodyText(it, secondary = true) }
        state.exercise?.let { ex ->
            SecondaryButton(ex.label, { onEvent(PlayerEvent.MarkDone) }, enabled = !ex.done, description = ex.contentDescription)
        }
    }
}

/** A player button with a text label (no icon to guess), at least 48 dp, described from the state. */
@Composable
private fun Control(control: ControlUi, primary: Boolean, modifier: Modifier, onClick: () -> Unit) {
    val described = Modifier.semantics { contentDescription = control.contentDescription }
    if (primary) {
        Button(onClick = onClick, enabled = control.enabled, modifier = modifier.heightIn(min = 56.dp).then(described)) { Text(control.label) }
    } else {
        OutlinedButton(onClick = onClick, enabled = control.enabled, modifier = modifier.heightIn(min = 56.dp).then(described)) { Text(control.label) }
    }
}
