// Access ending or ended, drawn from AccessState: how long is left or when it
// ended, the summary while the core offers it, until when messages can go,
// changes not sent yet, and where to turn (the clinic, 1177, 112).
package app.painschool.app.ui

import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.lifecycle.Lifecycle
import androidx.lifecycle.compose.LifecycleEventEffect
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import app.painschool.app.NavAction
import app.painschool.app.Screen
import app.painschool.app.ShellAction
import app.painschool.client.CourseClient
import app.painschool.core.Language
import app.painschool.presenter.AccessEvent
import app.painschool.presenter.AccessPresenter
import app.painschool.presenter.AccessState

/** The access screen with its presenter. */
@Composable
fun AccessRoute(client: CourseClient, language: Language, onNavigate: (NavAction) -> Unit, onShellAction: (ShellAction) -> Unit) {
    val presenter = rememberPresenter(client) { AccessPresenter(client, it, language = language) }
    val state by presenter.state.collectAsStateWithLifecycle()
    LifecycleEventEffect(Lifecycle.Event.ON_RESUME) { presenter.onEvent(AccessEvent.Refresh) }
    AccessScreen(state, presenter::onEvent, onNavigate, onShellAction)
}

/** Draws [AccessState]. */
@Composable
fun AccessScreen(state: AccessState, onEvent: (AccessEvent) -> Unit, onNavigate: (NavAction) -> Unit, onShellAction: (ShellAction) -> Unit) {
    ScreenLayout {
        ScreenHeader(state.title, state.loading, state.error, { onEvent(AccessEvent.Retry) }, onShellAction)
        if (state.body.isNotEmpty()) BodyText(state.body)
        state.summary?.let { LinkCard(it) { onNavigate(NavAction.Push(Screen.Summary)) } }
        state.messages?.let { BodyText(it) }
        state.unsent?.let { BodyText(it) }
        BodyText(state.whereToTurn)
    }
}
