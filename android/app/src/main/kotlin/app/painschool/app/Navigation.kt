// Where the patient is in the app: four tabs (this week, the course,
// messages, settings) at the bottom, within thumb reach, and a back stack of screens
// on top of the tab's first screen. A pure reducer: the activity keeps the
// stack, sends actions (a tap, back, a deep link) and draws the top screen.
// Plain Kotlin, tested in NavigationTest.
package app.painschool.app

import app.painschool.client.CourseClient
import app.painschool.core.MessageThread
import app.painschool.core.ModuleLock

/** The bottom bar's tabs. */
enum class Tab {
    /** This week, and the course screens opened from it. */
    WEEK,

    /** All modules: back to an earlier one, or what comes. */
    COURSE,

    /** The two message threads. */
    MESSAGES,

    /** Reminders, language, text size, name. */
    SETTINGS,
}

/** One screen of the app (the activation screen is outside the stack: it comes before it). */
sealed interface Screen {
    /** The start screen. */
    data object ThisWeek : Screen

    /** All modules in order. */
    data object Course : Screen

    /** A module's contents. */
    data class Module(val moduleId: String) : Screen

    /** One section of a module. */
    data class Section(val sectionId: String) : Screen

    /** The player for an audio or mindfulness section. */
    data class Player(val sectionId: String) : Screen

    /** The mindfulness exercise, before the shell knows which: see [mindfulnessSection]. */
    data object Mindfulness : Screen

    /** The messages, with `thread` open. */
    data class Messages(val thread: MessageThread) : Screen

    /** The visits the clinic booked. */
    data object Visits : Screen

    /** The settings. */
    data object Settings : Screen

    /** The printable summary. */
    data object Summary : Screen

    /** Access ending or ended. */
    data object Access : Screen
}

/** What changes where the patient is. */
sealed interface NavAction {
    /** Opens `screen` on top (a tab's first screen switches to that tab instead). */
    data class Push(val screen: Screen) : NavAction

    /** Back one screen (at a tab's first screen nothing changes: the system leaves the app). */
    data object Back : NavAction

    /** A tab in the bottom bar: its first screen; again on the tab, back to its first screen. */
    data class SelectTab(val tab: Tab) : NavAction

    /** A link (a notification tap, the playback notification). */
    data class Open(val route: Route) : NavAction

    /** Replaces the top screen (a resolved [Screen.Mindfulness]); null removes it. */
    data class Replace(val screen: Screen?) : NavAction
}

/** The screens, first to top; never empty. */
data class BackStack(val screens: List<Screen> = listOf(Screen.ThisWeek)) {
    init {
        require(screens.isNotEmpty()) { "a back stack has at least one screen" }
    }

    /** The screen shown. */
    val top: Screen get() = screens.last()

    /** Whether back stays in the app. */
    val canGoBack: Boolean get() = screens.size > 1

    /** The tab selected in the bottom bar. */
    val tab: Tab get() = tabOf(screens.first()) ?: Tab.WEEK

    /** The stack after `action`. */
    fun reduce(action: NavAction): BackStack = when (action) {
        is NavAction.Push -> when {
            action.screen == top -> this
            tabOf(action.screen) != null -> BackStack(listOf(action.screen))
            else -> BackStack(screens + action.screen)
        }
        NavAction.Back -> if (canGoBack) BackStack(screens.dropLast(1)) else this
        is NavAction.SelectTab -> BackStack(listOf(if (action.tab == tab) screens.first() else rootOf(action.tab)))
        is NavAction.Open -> stackFor(action.route) ?: this
        is NavAction.Replace -> when {
            action.screen != null -> BackStack(screens.dropLast(1) + action.screen)
            canGoBack -> BackStack(screens.dropLast(1))
            else -> BackStack()
        }
    }

    companion object {
        /** The first screen of `tab`. */
        fun rootOf(tab: Tab): Screen = when (tab) {
            Tab.WEEK -> Screen.ThisWeek
            Tab.COURSE -> Screen.Course
            Tab.MESSAGES -> Screen.Messages(MessageThread.CLINICIAN)
            Tab.SETTINGS -> Screen.Settings
        }

        /** The tab `screen` is the first screen of, or null. */
        fun tabOf(screen: Screen): Tab? = when (screen) {
            Screen.ThisWeek -> Tab.WEEK
            Screen.Course -> Tab.COURSE
            is Screen.Messages -> Tab.MESSAGES
            Screen.Settings -> Tab.SETTINGS
            else -> null
        }

        /** The stack a link opens, or null for the activation link (handled before the stack). */
        fun stackFor(route: Route): BackStack? = when (route) {
            Route.ThisWeek -> BackStack()
            Route.Visits -> BackStack(listOf(Screen.ThisWeek, Screen.Visits))
            is Route.Module -> BackStack(listOf(Screen.ThisWeek, Screen.Module(route.moduleId)))
            Route.Mindfulness -> BackStack(listOf(Screen.ThisWeek, Screen.Mindfulness))
            is Route.Messages -> BackStack(listOf(Screen.Messages(route.thread)))
            Route.Access -> BackStack(listOf(Screen.ThisWeek, Screen.Access))
            is Route.Activate -> null
        }

        /** The messages screen for a this-week link's target (a thread's name), the clinician's by default. */
        fun messagesFor(target: String?): Screen =
            Screen.Messages(MessageThread.entries.firstOrNull { it.name == target } ?: MessageThread.CLINICIAN)
    }
}

/**
 * Which mindfulness section [Screen.Mindfulness] means: the one the app's player has
 * loaded (back from the playback notification), else the last mindfulness section of
 * the newest open module (the daily practice reminder), else null (nothing to play yet).
 */
suspend fun mindfulnessSection(client: CourseClient, loaded: String?): String? {
    if (loaded != null) return loaded
    val open = client.modules().filter { it.lock is ModuleLock.Open }.sortedByDescending { it.number }
    for (module in open) {
        client.moduleSections(module.id).lastOrNull { it.kind == "mindfulness" }?.let { return it.id }
    }
    return null
}
