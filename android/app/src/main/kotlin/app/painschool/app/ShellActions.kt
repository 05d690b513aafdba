// What the shell does for an action a screen offers (the presenters' error
// actions and the core's reminder-health actions), and what the OS's
// notification setting means for the core. Plain Kotlin, tested in
// ShellActionsTest; MainActivity carries the actions out.
package app.painschool.app

import app.painschool.core.HealthAction
import app.painschool.core.NotificationPermission
import app.painschool.presenter.ErrorAction

/** Something the shell does outside the screen's presenter. */
enum class ShellAction {
    /** The screen's own Retry event. */
    RETRY,

    /** Ask for POST_NOTIFICATIONS (Android 13+), through the activity-result launcher. */
    ASK_NOTIFICATIONS,

    /** The system's notification settings for this app. */
    NOTIFICATION_SETTINGS,

    /** The system's page for this app (storage, sound, updates). */
    APP_SETTINGS,

    /** The app's own settings screen (reminders). */
    REMINDER_SETTINGS,

    /** The messages to the clinician. */
    CONTACT_CLINIC,

    /** Nothing to offer. */
    NONE,
}

/** The shell action for a presenter's error action. */
fun shellAction(action: ErrorAction): ShellAction = when (action) {
    ErrorAction.RETRY -> ShellAction.RETRY
    ErrorAction.OPEN_SETTINGS -> ShellAction.APP_SETTINGS
    ErrorAction.CONTACT_CLINIC -> ShellAction.CONTACT_CLINIC
}

/** The shell action for the core's reminder-health action. */
fun shellAction(action: HealthAction): ShellAction = when (action) {
    HealthAction.NONE -> ShellAction.NONE
    HealthAction.ASK_PERMISSION -> ShellAction.ASK_NOTIFICATIONS
    HealthAction.OPEN_SYSTEM_SETTINGS -> ShellAction.NOTIFICATION_SETTINGS
    HealthAction.OPEN_REMINDER_SETTINGS -> ShellAction.REMINDER_SETTINGS
}

/**
 * What the OS allows, for the core's reminder health: `enabled` is
 * `NotificationManagerCompat.areNotificationsEnabled()`, `sdk` the API level, `asked`
 * whether the app has asked for POST_NOTIFICATIONS before. Before Android 13 there is
 * nothing to ask: off means the patient turned them off. From 13 on, off and never
 * asked means ask; off after asking means the settings (the system may not show the
 * question again).
 */
fun notificationPermission(enabled: Boolean, sdk: Int, asked: Boolean): NotificationPermission = when {
    enabled -> NotificationPermission.ALLOWED
    sdk >= 33 && !asked -> NotificationPermission.NOT_ASKED
    else -> NotificationPermission.DENIED
}
