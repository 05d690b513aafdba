// The app's notification channels (reminders, playback) are made the same
// way: a localized name and description, made again at each start so a
// language change renames them (creating an existing channel only updates
// its name and description; the patient's own choices for it stay).
package app.painschool.app.platform

import android.app.NotificationChannel
import android.app.NotificationManager
import android.content.Context
import androidx.annotation.StringRes

/** Creates channel `id` with the texts `name` and `description` and the given importance; idempotent. */
fun ensureNotificationChannel(context: Context, id: String, @StringRes name: Int, @StringRes description: Int, importance: Int) {
    val channel = NotificationChannel(id, context.getString(name), importance)
    channel.description = context.getString(description)
    context.getSystemService(NotificationManager::class.java).createNotificationChannel(channel)
}
