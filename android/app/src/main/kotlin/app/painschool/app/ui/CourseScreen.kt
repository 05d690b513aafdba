// The whole course: all modules in order. An open module's card opens it
// (back to earlier texts and answers); a locked one says when it opens and
// leads nowhere. Drawn from CourseState; read again when the patient comes
// back (a module may have opened, progress changed).
package app.painschool.app.ui

import androidx.compose.foundation.clickable
import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.heightIn
import androidx.compose.foundation.layout.padding
import androidx.compose.material.icons.Icons
import androidx.compose.material.icons.filled.CheckCircle
import androidx.compose.material.icons.filled.Lock
import androidx.compose.material3.Card
import androidx.compose.material3.Icon
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Text
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
import app.painschool.presenter.CourseEvent
import app.painschool.presenter.CoursePresenter
import app.painschool.presenter.CourseState
import app.painschool.presenter.ModuleRowUi

/** The course screen with its presenter. */
@Composable
fun CourseRoute(
    client: CourseClient,
    language: Language,
    onNavigate: (NavAction) -> Unit,
    onShellAction: (ShellAction) -> Unit,
) {
    val presenter = rememberPresenter(client) { CoursePresenter(client, it, language = language) }
    val state by presenter.state.collectAsStateWithLifecycle()
    LifecycleEventEffect(Lifecycle.Event.ON_RESUME) { presenter.onEvent(CourseEvent.Refresh) }
    CourseScreen(state, presenter::onEvent, onNavigate, onShellAction)
}

/** Draws [CourseState]. */
@Composable
fun CourseScreen(state: CourseState, onEvent: (CourseEvent) -> Unit, onNavigate: (NavAction) -> Unit, onShellAction: (ShellAction) -> Unit) {
    ScreenLayout {
        ScreenHeader(state.title, state.loading, state.error, { onEvent(CourseEvent.Retry) }, onShellAction)
        for (row in state.modules) ModuleRow(row) { onNavigate(NavAction.Push(Screen.Module(row.moduleId))) }
    }
}

/** One module: number, title and status; TalkBack reads them as one. Only an open module is a button. */
@Composable
private fun ModuleRow(row: ModuleRowUi, onOpen: () -> Unit) {
    val semantics = Modifier.clearAndSetSemantics {
        contentDescription = row.contentDescription
        if (row.open) {
            role = Role.Button
            onClick { onOpen(); true }
        }
    }
    val tap = if (row.open) Modifier.clickable(onClick = onOpen) else Modifier
    Card(Modifier.fillMaxWidth().heightIn(min = 48.dp).then(tap).then(semantics)) {
        Row(Modifier.padding(16.dp), verticalAlignment = Alignment.CenterVertically, horizontalArrangement = Arrangement.spacedBy(12.dp)) {
            Column(Modifier.weight(1f), verticalArrangement = Arrangement.spacedBy(4.dp)) {
                Text(row.number, style = MaterialTheme.typography.bodyMedium)
                Text(row.title, style = MaterialTheme.typography.titleMedium)
                Text(row.status, style = MaterialTheme.typography.bodyMedium)
            }
            // Decorative: the status text says the same.
            when {
                row.finished -> Icon(Icons.Filled.CheckCircle, contentDescription = null, tint = MaterialTheme.colorScheme.secondary)
                !row.open -> Icon(Icons.Filled.Lock, contentDescription = null)
            }
        }
    }
}
