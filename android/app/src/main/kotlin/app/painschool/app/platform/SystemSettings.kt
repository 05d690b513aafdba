// The system pages the app sends the patient to (its notification settings,
// its app page for storage and sound), and what the OS allows for
// notifications, read for the core's reminder health. Whether the app has
// asked for POST_NOTIFICATIONS is remembered in the app's own preferences
// (excluded from backup like everything else).
package app.painschool.app.platform

import android.content.ActivityNotFoundException
import android.content.Context
import android.content.Intent
import android.net.Uri
import android.os.Build
import android.provider.Settings
import androidx.core.app.NotificationManagerCompat
import app.painschool.app.notificationPermission
import app.painschool.core.NotificationPermission

/** Opening system settings, and the notification permission. */
object SystemSettings {
    private const val PREFS = "painschool-shell"
    private const val ASKED = "asked-notifications"

    /** What the OS allows now, in the core's terms. */
    fun permission(context: Context): NotificationPermission = notificationPermission(
        enabled = NotificationManagerCompat.from(context).areNotificationsEnabled(),
        sdk = Build.VERSION.SDK_INT,
        asked = context.getSharedPreferences(PREFS, Context.MODE_PRIVATE).getBoolean(ASKED, false),
    )

    /** The app has asked for POST_NOTIFICATIONS (the system may not show the question again). */
    fun markAsked(context: Context) {
        context.getSharedPreferences(PREFS, Context.MODE_PRIVATE).edit().putBoolean(ASKED, true).apply()
    }

    /** The app's notification settings. */
    fun openNotificationSettings(context: Context) = open(
        context,
        Intent(Settings.ACTION_APP_NOTIFICATION_SETTINGS).putExtra(Settings.EXTRA_APP_PACKAGE, context.packageName),
    )

    /** The app's page in the system settings (storage, permissions). */
    fun openAppSettings(context: Context) = open(
        context,
        Intent(Settings.ACTION_APPLICATION_DETAILS_SETTINGS, Uri.fromParts("package", context.packageName, null)),
    )

    private fun open(context: Context, intent: Intent) {
        try {
            context.startActivity(intent.addFlags(Intent.FLAG_ACTIVITY_NEW_TASK))
        } catch (e: ActivityNotFoundException) {
            // A phone without that settings page: the general settings.
            context.startActivity(Intent(Settings.ACTION_SETTINGS).addFlags(Intent.FLAG_ACTIVITY_NEW_TASK))
        }
    }
}
