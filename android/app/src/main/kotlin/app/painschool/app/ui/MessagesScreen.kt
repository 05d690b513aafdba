// Messages, drawn from MessagesState: two threads as tabs (the clinician,
// the team) with unread counts, each message with who, when and its status,
// and at the bottom, always in view above the compose box, the unit's reply
// time and the safety line (not for emergencies: 112, 1177). Sending queues
// the message; the app syncs soon after (SyncingCourseClient).
package app.painschool.app.ui

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Box
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.material3.Card
import androidx.compose.material3.CardDefaults
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedTextField
import androidx.compose.material3.Tab
import androidx.compose.material3.TabRow
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.DisposableEffect
import androidx.compose.runtime.getValue
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.semantics.clearAndSetSemantics
import androidx.compose.ui.semantics.contentDescription
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.unit.dp
import androidx.lifecycle.Lifecycle
import androidx.lifecycle.compose.LifecycleEventEffect
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import app.painschool.app.ShellAction
import app.painschool.client.CourseClient
import app.painschool.core.Language
import app.painschool.core.MessageThread
import app.painschool.presenter.MessageUi
import app.painschool.presenter.MessagesEvent
import app.painschool.presenter.MessagesPresenter
import app.painschool.presenter.MessagesState
import kotlinx.coroutines.CoroutineScope

/** Messages with their presenter, `thread` open first. */
@Composable
fun MessagesRoute(
    client: CourseClient,
    language: Language,
    thread: MessageThread,
    saveScope: CoroutineScope,
    onShellAction: (ShellAction) -> Unit,
) {
    val presenter = rememberPresenter(client, thread) {
        MessagesPresenter(client, it, thread, language = language, saveScope = saveScope)
    }
    val state by presenter.state.collectAsStateWithLifecycle()
    LifecycleEventEffect(Lifecycle.Event.ON_RESUME) { presenter.onEvent(MessagesEvent.Refresh) }
    // What is being written is kept at once when the app leaves the front or the screen goes.
    LifecycleEventEffect(Lifecycle.Event.ON_STOP) { presenter.onEvent(MessagesEvent.SaveNow) }
    DisposableEffect(presenter) { onDispose { presenter.onEvent(MessagesEvent.SaveNow) } }
    MessagesScreen(state, presenter::onEvent, onShellAction)
}

/** Draws [MessagesState]. */
@Composable
fun MessagesScreen(state: MessagesState, onEvent: (MessagesEvent) -> Unit, onShellAction: (ShellAction) -> Unit) {
    Column {
        TabRow(selectedTabIndex = state.tabs.indexOfFirst { it.selected }.coerceAtLeast(0)) {
            for (tab in state.tabs) {
                Tab(
                    selected = tab.selected,
                    onClick = { onEvent(MessagesEvent.SelectThread(tab.thread)) },
                    text = { Text(if (tab.unread > 0) "${tab.label} (${tab.unread})" else tab.label) },
                    modifier = Modifier.semantics { contentDescription = tab.contentDescription },
                )
            }
        }
        Box(Modifier.weight(1f)) { MessagesPage(state, onEvent, onShellAction) }
    }
}

/** The open thread and, at the bottom, the reply time, the safety line and the compose box. */
@Composable
private fun MessagesPage(state: MessagesState, onEvent: (MessagesEvent) -> Unit, onShellAction: (ShellAction) -> Unit) {
    ScreenLayout(
        bottom = {
            val compose = state.compose
            compose.replyTime?.let { BodyText(it, secondary = true) }
            Text(compose.safetyLine, style = MaterialTheme.typography.bodyMedium, color = MaterialTheme.colorScheme.onSurface)
            OutlinedTextField(
                value = compose.text,
                onValueChange = { onEvent(MessagesEvent.TextChanged(it)) },
                label = { Text(compose.label) },
                supportingText = { Text(compose.counter) },
                minLines = 2,
                modifier = Modifier.fillMaxWidth(),
            )
            compose.error?.let { StatusText(it, error = true) }
            PrimaryButton(compose.sendLabel, { onEvent(MessagesEvent.Send) }, enabled = compose.sendEnabled)
        },
    ) {
        ScreenHeader(state.title, state.loading, state.error, { onEvent(MessagesEvent.Retry) }, onShellAction)
        BodyText(state.threadIntro, secondary = true)
        state.empty?.let { BodyText(it, secondary = true) }
        for (message in state.messages) MessageBubble(message)
    }
}

/** One message: the patient's on the right in the primary container, the clinic's on the left. */
@Composable
private fun MessageBubble(message: MessageUi) {
    Column(
        Modifier.fillMaxWidth(),
        horizontalAlignment = if (message.mine) Alignment.End else Alignment.Start,
    ) {
        Card(
            modifier = Modifier
                .fillMaxWidth(0.88f)
                .clearAndSetSemantics { contentDescription = message.contentDescription },
            colors = if (message.mine) {
                CardDefaults.cardColors(
                    containerColor = MaterialTheme.colorScheme.primaryContainer,
                    contentColor = MaterialTheme.colorScheme.onPrimaryContainer,
                )
            } else {
                CardDefaults.cardColors()
            },
        ) {
            Column(Modifier.padding(12.dp), verticalArrangement = Arrangement.spacedBy(4.dp)) {
                Text("${message.from} · ${message.time}", style = MaterialTheme.typography.labelLarge)
                Text(message.text, style = MaterialTheme.typography.bodyLarge)
                message.status?.let { Text(it, style = MaterialTheme.typography.bodyMedium) }
            }
        }
    }
}
