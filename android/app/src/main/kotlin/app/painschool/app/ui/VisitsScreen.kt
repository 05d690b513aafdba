// The visits the clinic booked: coming ones in time order, then earlier
// ones; a cancelled visit stays, marked. Drawn from VisitsState; read again
// when the patient comes back (a sync may have brought a booking).
package app.painschool.app.ui

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.material3.Card
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.semantics.clearAndSetSemantics
import androidx.compose.ui.semantics.contentDescription
import androidx.compose.ui.text.style.TextDecoration
import androidx.compose.ui.unit.dp
import androidx.lifecycle.Lifecycle
import androidx.lifecycle.compose.LifecycleEventEffect
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import app.painschool.app.ShellAction
import app.painschool.client.CourseClient
import app.painschool.core.Language
import app.painschool.presenter.VisitUi
import app.painschool.presenter.VisitsEvent
import app.painschool.presenter.VisitsPresenter
import app.painschool.presenter.VisitsState

/** The visits screen with its presenter. */
@Composable
fun VisitsRoute(client: CourseClient, language: Language, onShellAction: (ShellAction) -> Unit) {
    val presenter = rememberPresenter(client) { VisitsPresenter(client, it, language = language) }
    val state by presenter.state.collectAsStateWithLifecycle()
    LifecycleEventEffect(Lifecycle.Event.ON_RESUME) { presenter.onEvent(VisitsEvent.Refresh) }
    VisitsScreen(state, presenter::onEvent, onShellAction)
}

/** Draws [VisitsState]. */
@Composable
fun VisitsScreen(state: VisitsState, onEvent: (VisitsEvent) -> Unit, onShellAction: (ShellAction) -> Unit) {
    ScreenLayout {
        ScreenHeader(state.title, state.loading, state.error, { onEvent(VisitsEvent.Retry) }, onShellAction)
        state.empty?.let { BodyText(it) }
        for (visit in state.upcoming) VisitCard(visit)
        state.pastLabel?.let { Heading(it, large = false) }
        for (visit in state.past) VisitCard(visit)
    }
}

/** One visit; TalkBack reads time, kind and "cancelled" as one. */
@Composable
private fun VisitCard(visit: VisitUi) {
    Card(Modifier.fillMaxWidth().clearAndSetSemantics { contentDescription = visit.contentDescription }) {
        Column(Modifier.padding(16.dp), verticalArrangement = Arrangement.spacedBy(4.dp)) {
            Text(
                visit.time,
                style = MaterialTheme.typography.titleMedium,
                textDecoration = if (visit.cancelled != null) TextDecoration.LineThrough else null,
            )
            Text(visit.kind, style = MaterialTheme.typography.bodyMedium)
            visit.cancelled?.let { Text(it, style = MaterialTheme.typography.bodyMedium, color = MaterialTheme.colorScheme.error) }
        }
    }
}
