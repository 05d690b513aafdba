// "This week", the start screen: the open module with its progress, when the
// next opens, the check-in, messages waiting, whether reminders reach the
// patient (with the core's action: allow notifications, open the settings),
// the summary offer and the end of access. Drawn from ThisWeekState; read
// again each time the screen comes back (the permission may have changed).
package app.painschool.app.ui

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.material3.Card
import androidx.compose.material3.LinearProgressIndicator
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.semantics.clearAndSetSemantics
import androidx.compose.ui.unit.dp
import androidx.lifecycle.Lifecycle
import androidx.lifecycle.compose.LifecycleEventEffect
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import app.painschool.app.BackStack
import app.painschool.app.NavAction
import app.painschool.app.Screen
import app.painschool.app.ShellAction
import app.painschool.app.shellAction
import app.painschool.client.CourseClient
import app.painschool.core.Language
import app.painschool.core.NotificationPermission
import app.painschool.presenter.CurrentModuleUi
import app.painschool.presenter.ThisWeekEvent
import app.painschool.presenter.ThisWeekPresenter
import app.painschool.presenter.ThisWeekState

/** This week with its presenter; `permission` is what the OS allows now (read on resume). */
@Composable
fun ThisWeekRoute(
    client: CourseClient,
    language: Language,
    permission: () -> NotificationPermission,
    onNavigate: (NavAction) -> Unit,
    onShellAction: (ShellAction) -> Unit,
) {
    val presenter = rememberPresenter(client) { ThisWeekPresenter(client, it, permission, language = language) }
    val state by presenter.state.collectAsStateWithLifecycle()
    LifecycleEventEffect(Lifecycle.Event.ON_RESUME) { presenter.onEvent(ThisWeekEvent.Refresh) }
    ThisWeekScreen(state, presenter::onEvent, onNavigate, onShellAction)
}

/** Draws [ThisWeekState]. */
@Composable
fun ThisWeekScreen(
    state: ThisWeekState,
    onEvent: (ThisWeekEvent) -> Unit,
    onNavigate: (NavAction) -> Unit,
    onShellAction: (ShellAction) -> Unit,
) {
    ScreenLayout {
        Heading(state.greeting)
        state.weekLine?.let { BodyText(it, secondary = true) }
        if (state.loading) Loading(LocalStrings.current.loading)
        state.error?.let { ErrorCard(it, { onEvent(ThisWeekEvent.Retry) }, onShellAction) }
        state.access?.let { LinkCard(it) { onNavigate(NavAction.Push(Screen.Access)) } }
        state.current?.let { CurrentModule(it) { onNavigate(NavAction.Push(Screen.Module(it.moduleId))) } }
        state.nextUnlock?.let { BodyText(it) }
        state.visit?.let { LinkCard(it) { onNavigate(NavAction.Push(Screen.Visits)) } }
        state.checkIn?.let { link -> LinkCard(link) { link.target?.let { onNavigate(NavAction.Push(Screen.Section(it))) } } }
        state.messages?.let { link -> LinkCard(link) { onNavigate(NavAction.Push(BackStack.messagesFor(link.target))) } }
        state.reminders?.let { r ->
            Card(Modifier.fillMaxWidth()) {
                Column(Modifier.padding(16.dp), verticalArrangement = Arrangement.spacedBy(8.dp)) {
                    BodyText(r.text)
                    r.actionLabel?.let { label -> SecondaryButton(label, { onShellAction(shellAction(r.action)) }) }
                }
            }
        }
        state.summary?.let { LinkCard(it) { onNavigate(NavAction.Push(Screen.Summary)) } }
    }
}

/** The module open now: its number and title, what it is about, how far the patient is. */
@Composable
private fun CurrentModule(module: CurrentModuleUi, onOpen: () -> Unit) {
    Card(Modifier.fillMaxWidth()) {
        Column(Modifier.padding(16.dp), verticalArrangement = Arrangement.spacedBy(8.dp)) {
            Text(module.number, style = MaterialTheme.typography.labelLarge, color = MaterialTheme.colorScheme.onSurfaceVariant)
            Heading(module.title, large = false)
            BodyText(module.summary)
            // The bar repeats the line under it; TalkBack reads the line.
            LinearProgressIndicator(
                progress = { if (module.sectionsTotal == 0) 0f else module.sectionsDone.toFloat() / module.sectionsTotal },
                modifier = Modifier.fillMaxWidth().clearAndSetSemantics {},
            )
            BodyText(module.progress, secondary = true)
            PrimaryButton(module.openLabel, onOpen, description = module.contentDescription)
        }
    }
}
