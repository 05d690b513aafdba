// The app's root: the theme in the patient's text size, the phase (opening,
// or why the course cannot open, with what to do), activation before the
// course, and then the course's screens: a back stack (Navigation.kt) under
// four tabs at the bottom, a back button with its word at the top, and a
// banner when the core's sync state says the patient must act. On resume it
// reads the notification permission, registers the reminder plan again and
// refreshes this week; it asks for POST_NOTIFICATIONS when reminder health
// says so, and opens the system's settings for the "open settings" actions.
package app.painschool.app.ui

import android.Manifest
import android.os.Build
import androidx.activity.compose.BackHandler
import androidx.activity.compose.rememberLauncherForActivityResult
import androidx.activity.result.contract.ActivityResultContracts
import androidx.compose.foundation.layout.Box
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.Spacer
import androidx.compose.foundation.layout.consumeWindowInsets
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.imePadding
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.layout.safeDrawingPadding
import androidx.compose.foundation.layout.statusBarsPadding
import androidx.compose.foundation.layout.width
import androidx.compose.material.icons.Icons
import androidx.compose.material.icons.automirrored.filled.ArrowBack
import androidx.compose.material.icons.automirrored.filled.List
import androidx.compose.material.icons.filled.Email
import androidx.compose.material.icons.filled.Home
import androidx.compose.material.icons.filled.Settings
import androidx.compose.material3.Icon
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.NavigationBar
import androidx.compose.material3.NavigationBarItem
import androidx.compose.material3.Scaffold
import androidx.compose.material3.Surface
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.runtime.CompositionLocalProvider
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.getValue
import androidx.compose.runtime.key
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.setValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.graphics.vector.ImageVector
import androidx.compose.ui.platform.LocalContext
import androidx.compose.ui.unit.dp
import androidx.lifecycle.Lifecycle
import androidx.lifecycle.compose.LifecycleEventEffect
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import app.painschool.app.AppPhase
import app.painschool.app.BackStack
import app.painschool.app.NavAction
import app.painschool.app.PainSchoolApp
import app.painschool.app.Route
import app.painschool.app.Screen
import app.painschool.app.ShellAction
import app.painschool.app.Tab
import app.painschool.app.mindfulnessSection
import app.painschool.app.platform.SystemSettings
import app.painschool.app.problem
import app.painschool.app.shellTexts
import app.painschool.app.sync.SyncWork
import app.painschool.client.CourseClient
import app.painschool.core.Language
import app.painschool.core.MessageThread
import app.painschool.core.NotificationPermission
import app.painschool.core.TextSize
import app.painschool.presenter.ErrorAction
import app.painschool.presenter.Format
import app.painschool.presenter.Strings
import app.painschool.presenter.errorState
import app.painschool.presenter.strings
import kotlinx.coroutines.flow.MutableStateFlow
import java.time.ZoneId

/** The whole app; `link` is a link the activity was opened with, until a screen uses it. */
@Composable
fun AppRoot(app: PainSchoolApp, link: MutableStateFlow<Route?>) {
    val phase by app.phase.collectAsStateWithLifecycle()
    val preferences by app.preferences.collectAsStateWithLifecycle()
    val language = preferences?.language ?: Language.SWEDISH
    PainSchoolTheme(preferences?.textSize ?: TextSize.STANDARD) {
        CompositionLocalProvider(LocalStrings provides strings(language), LocalShellTexts provides shellTexts(language)) {
            Surface(Modifier.fillMaxSize(), color = MaterialTheme.colorScheme.background) {
                val client = app.clientOrNull()
                if (phase == AppPhase.Ready && client != null) {
                    Course(app, client, language, link)
                } else {
                    PhaseScreen(phase, language, onRetry = { app.openCourse() })
                }
            }
        }
    }
}

/** Opening, or why the course cannot open and what the patient can do. */
@Composable
private fun PhaseScreen(phase: AppPhase, language: Language, onRetry: () -> Unit) {
    val context = LocalContext.current
    Column(Modifier.fillMaxSize().safeDrawingPadding()) {
        ScreenLayout {
            val problem = phase.problem(language)
            when {
                problem == null -> Loading(LocalStrings.current.loading)
                // The clinic's number is in its letter; the app has no way to reach it yet.
                problem.action == ErrorAction.CONTACT_CLINIC -> BodyText(problem.message)
                else -> ErrorCard(problem, onRetry) { SystemSettings.openAppSettings(context) }
            }
        }
    }
}

/** Activation until the phone is activated, then the course's screens. */
@Composable
private fun Course(app: PainSchoolApp, client: CourseClient, language: Language, link: MutableStateFlow<Route?>) {
    val activated by app.activated.collectAsStateWithLifecycle()
    val pending by link.collectAsStateWithLifecycle()
    when (activated) {
        null -> Column(Modifier.safeDrawingPadding().padding(16.dp)) { Loading(LocalStrings.current.loading) }
        false -> Box(Modifier.safeDrawingPadding().imePadding()) {
            ActivationRoute(
                client, language,
                link = (pending as? Route.Activate)?.link,
                onLinkUsed = { link.value = null },
                onShellAction = {},
            )
        }
        true -> Screens(app, client, language, pending, onLinkUsed = { link.value = null })
    }
}

/** The tabs, the back stack and the screen on top. */
@Composable
private fun Screens(app: PainSchoolApp, client: CourseClient, language: Language, pending: Route?, onLinkUsed: () -> Unit) {
    val context = LocalContext.current
    val t = LocalStrings.current
    var stack by remember { mutableStateOf(BackStack()) }
    val navigate: (NavAction) -> Unit = { stack = stack.reduce(it) }

    // A link (a reminder's tap): its screen, with this week beneath.
    LaunchedEffect(pending) {
        val route = pending ?: return@LaunchedEffect
        if (route !is Route.Activate) navigate(NavAction.Open(route))
        onLinkUsed()
    }
    BackHandler(enabled = stack.canGoBack) { navigate(NavAction.Back) }

    // The notification permission, read again each time the app comes back.
    var permission by remember { mutableStateOf(SystemSettings.permission(context)) }
    LifecycleEventEffect(Lifecycle.Event.ON_RESUME) {
        permission = SystemSettings.permission(context)
        app.onForeground()
    }
    val ask = rememberLauncherForActivityResult(ActivityResultContracts.RequestPermission()) {
        SystemSettings.markAsked(context)
        permission = SystemSettings.permission(context)
        app.onForeground()
    }
    val onShellAction: (ShellAction) -> Unit = { action ->
        when (action) {
            ShellAction.ASK_NOTIFICATIONS ->
                if (Build.VERSION.SDK_INT >= 33) ask.launch(Manifest.permission.POST_NOTIFICATIONS)
                else SystemSettings.openNotificationSettings(context)
            ShellAction.NOTIFICATION_SETTINGS -> SystemSettings.openNotificationSettings(context)
            ShellAction.APP_SETTINGS -> SystemSettings.openAppSettings(context)
            ShellAction.REMINDER_SETTINGS -> navigate(NavAction.Push(Screen.Settings))
            ShellAction.CONTACT_CLINIC -> navigate(NavAction.Push(Screen.Messages(MessageThread.CLINICIAN)))
            ShellAction.RETRY, ShellAction.NONE -> Unit
        }
    }
    val syncProblem by app.syncProblem.collectAsStateWithLifecycle()

    Scaffold(
        topBar = { if (stack.canGoBack) BackBar { navigate(NavAction.Back) } },
        bottomBar = {
            NavigationBar {
                for (tab in Tab.entries) {
                    NavigationBarItem(
                        selected = stack.tab == tab,
                        onClick = { navigate(NavAction.SelectTab(tab)) },
                        // Decorative: the label under it names the tab.
                        icon = { Icon(tabIcon(tab), contentDescription = null) },
                        label = { Text(tabLabel(tab, t)) },
                    )
                }
            }
        },
    ) { padding ->
        Column(Modifier.fillMaxSize().padding(padding).consumeWindowInsets(padding).imePadding()) {
            syncProblem?.let { problem ->
                Box(Modifier.padding(horizontal = 16.dp, vertical = 8.dp)) {
                    ErrorCard(
                        errorState(problem, t, Format(language, ZoneId.systemDefault())),
                        onRetry = { SyncWork.now(context) },
                        onShellAction = onShellAction,
                    )
                }
            }
            Box(Modifier.weight(1f)) {
                // Each screen in the stack is its own composition: its presenter ends with it.
                key(stack.screens.size, stack.top) {
                    ScreenFor(stack.top, app, client, language, { permission }, navigate, onShellAction)
                }
            }
        }
    }
}

/** The screen for `screen`, with its presenter. */
@Composable
private fun ScreenFor(
    screen: Screen,
    app: PainSchoolApp,
    client: CourseClient,
    language: Language,
    permission: () -> NotificationPermission,
    navigate: (NavAction) -> Unit,
    onShellAction: (ShellAction) -> Unit,
) {
    when (screen) {
        Screen.ThisWeek -> ThisWeekRoute(client, language, permission, navigate, onShellAction)
        Screen.Course -> CourseRoute(client, language, navigate, onShellAction)
        is Screen.Module -> ModuleRoute(client, language, screen.moduleId, navigate, onShellAction)
        is Screen.Section -> SectionRoute(client, language, screen.sectionId, app.backgroundScope, navigate, onShellAction)
        is Screen.Player -> PlayerRoute(client, language, screen.sectionId, onShellAction)
        Screen.Mindfulness -> {
            // Which exercise: the one playing, else the newest open module's.
            Column(Modifier.padding(16.dp)) { Loading(LocalStrings.current.loading) }
            LaunchedEffect(Unit) {
                val section = runCatching { mindfulnessSection(client, app.loadedSection()) }.getOrNull()
                navigate(NavAction.Replace(section?.let { Screen.Player(it) }))
            }
        }
        is Screen.Messages -> MessagesRoute(client, language, screen.thread, app.backgroundScope, onShellAction)
        Screen.Settings -> SettingsRoute(client, language, onShellAction)
        Screen.Visits -> VisitsRoute(client, language, onShellAction)
        Screen.Summary -> SummaryRoute(client, language, onShellAction)
        Screen.Access -> AccessRoute(client, language, navigate, onShellAction)
    }
}

/** Back, with an arrow and its word (easier to find than an arrow alone). */
@Composable
private fun BackBar(onBack: () -> Unit) {
    Surface(color = MaterialTheme.colorScheme.surface) {
        Row(Modifier.fillMaxWidth().statusBarsPadding().padding(horizontal = 4.dp)) {
            TextButton(onClick = onBack) {
                // Decorative: the word beside it is what TalkBack reads.
                Icon(Icons.AutoMirrored.Filled.ArrowBack, contentDescription = null)
                Spacer(Modifier.width(8.dp))
                Text(LocalShellTexts.current.back)
            }
        }
    }
}

private fun tabIcon(tab: Tab): ImageVector = when (tab) {
    Tab.WEEK -> Icons.Filled.Home
    Tab.COURSE -> Icons.AutoMirrored.Filled.List
    Tab.MESSAGES -> Icons.Filled.Email
    Tab.SETTINGS -> Icons.Filled.Settings
}

private fun tabLabel(tab: Tab, t: Strings): String = when (tab) {
    Tab.WEEK -> t.thisWeekTitle
    Tab.COURSE -> t.courseTitle
    Tab.MESSAGES -> t.messagesTitle
    Tab.SETTINGS -> t.settingsTitle
}
