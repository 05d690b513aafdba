// A module's contents: its sections in course order, each with its kind and
// whether it is done (the core's rule). A tap opens the section. Drawn from
// ModuleState; read again when the patient comes back from a section.
package app.painschool.app.ui

import androidx.compose.foundation.clickable
import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.heightIn
import androidx.compose.foundation.layout.padding
import androidx.compose.material3.Card
import androidx.compose.material3.Icon
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Text
import androidx.compose.material.icons.Icons
import androidx.compose.material.icons.filled.CheckCircle
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.semantics.Role
import androidx.compose.ui.semantics.clearAndSetSemantics
import androidx.compose.ui.semantics.contentDescription
import androidx.compose.ui.semantics.onClick
import androidx.compose.ui.semantics.role
import androidx.compose.ui.unit.dp
import androidx.lifecycle.Lifecycle
import androidx.lifecycle.compose.LifecycleEventEffect
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import app.painschool.app.NavAction
import app.painschool.app.Screen
import app.painschool.app.ShellAction
import app.painschool.client.CourseClient
import app.painschool.core.Language
import app.painschool.presenter.ModuleEvent
import app.painschool.presenter.ModulePresenter
import app.painschool.presenter.ModuleState
import app.painschool.presenter.SectionRowUi

/** A module's contents with its presenter. */
@Composable
fun ModuleRoute(
    client: CourseClient,
    language: Language,
    moduleId: String,
    onNavigate: (NavAction) -> Unit,
    onShellAction: (ShellAction) -> Unit,
) {
    val presenter = rememberPresenter(client, moduleId) { ModulePresenter(client, it, moduleId, language = language) }
    val state by presenter.state.collectAsStateWithLifecycle()
    LifecycleEventEffect(Lifecycle.Event.ON_RESUME) { presenter.onEvent(ModuleEvent.Refresh) }
    ModuleScreen(state, presenter::onEvent, onNavigate, onShellAction)
}

/** Draws [ModuleState]. */
@Composable
fun ModuleScreen(state: ModuleState, onEvent: (ModuleEvent) -> Unit, onNavigate: (NavAction) -> Unit, onShellAction: (ShellAction) -> Unit) {
    ScreenLayout {
        ScreenHeader(state.title, state.loading, state.error, { onEvent(ModuleEvent.Retry) }, onShellAction)
        state.summary?.let { BodyText(it) }
        state.progress?.let { BodyText(it, secondary = true) }
        for (row in state.sections) SectionRow(row) { onNavigate(NavAction.Push(Screen.Section(row.sectionId))) }
    }
}

/** One section: a card the whole of which opens it; TalkBack reads title, kind and done. */
@Composable
private fun SectionRow(row: SectionRowUi, onOpen: () -> Unit) {
    Card(
        Modifier
            .fillMaxWidth()
            .heightIn(min = 48.dp)
            .clickable(onClick = onOpen)
            .clearAndSetSemantics {
                contentDescription = row.contentDescription
                role = Role.Button
                onClick { onOpen(); true }
            },
    ) {
        Row(Modifier.padding(16.dp), verticalAlignment = Alignment.CenterVertically, horizontalArrangement = Arrangement.spacedBy(12.dp)) {
            Column(Modifier.weight(1f), verticalArrangement = Arrangement.spacedBy(4.dp)) {
                Text(row.title, style = MaterialTheme.typography.titleMedium)
                Text(row.kindLabel, style = MaterialTheme.typography.bodyMedium, color = MaterialTheme.colorScheme.onSurfaceVariant)
            }
            row.doneLabel?.let { done ->
                // Decorative: the label beside it, and the row's description, say "done".
                Icon(Icons.Filled.CheckCircle, contentDescription = null, tint = MaterialTheme.colorScheme.secondary)
                Text(done, style = MaterialTheme.typography.bodyMedium)
            }
        }
    }
}
