// The reminder plan on Android: inexact alarms (AlarmManager.setWindow and
// setInexactRepeating need no exact-alarm permission), a receiver that posts
// the notification with its deep link, and re-registration after boot, an
// app update, a time-zone or clock change (RescheduleReceiver → a unique
// WorkManager job that asks the core for the plan again).
package app.painschool.app.platform

import android.Manifest
import android.app.AlarmManager
import android.app.NotificationManager
import android.app.PendingIntent
import android.content.BroadcastReceiver
import android.content.Context
import android.content.Intent
import android.content.pm.PackageManager
import android.net.Uri
import android.os.Build
import androidx.core.app.NotificationCompat
import androidx.core.app.NotificationManagerCompat
import androidx.core.content.ContextCompat
import androidx.work.CoroutineWorker
import androidx.work.ExistingWorkPolicy
import androidx.work.OneTimeWorkRequestBuilder
import androidx.work.WorkManager
import androidx.work.WorkerParameters
import app.painschool.app.PainSchoolApp
import app.painschool.app.R
import app.painschool.app.opensAgainOnResume
import app.painschool.core.CourseException
import java.io.File

/** [AlarmPort] over AlarmManager. */
class AndroidAlarms(private val context: Context) : AlarmPort {
    private val alarms = context.getSystemService(AlarmManager::class.java)

    private fun pending(id: String, code: Int, alarm: Alarm?): PendingIntent {
        val intent = Intent(context, ReminderReceiver::class.java)
            .setAction(ACTION_REMINDER)
            // The id in the data URI keeps PendingIntents of different reminders apart.
            .setData(Uri.parse("painschool-reminder:$id"))
        if (alarm != null) {
            intent.putExtra(EXTRA_ID, alarm.id)
                .putExtra(EXTRA_CODE, alarm.code)
                .putExtra(EXTRA_TITLE, alarm.title)
                .putExtra(EXTRA_BODY, alarm.body)
                .putExtra(EXTRA_LINK, alarm.deepLink)
        }
        return PendingIntent.getBroadcast(
            context,
            code,
            intent,
            PendingIntent.FLAG_IMMUTABLE or PendingIntent.FLAG_UPDATE_CURRENT,
        )
    }

    override fun set(alarm: Alarm) {
        val pi = pending(alarm.id, alarm.code, alarm)
        val at = alarm.at.toEpochMilli()
        if (alarm.daily) {
            alarms.setInexactRepeating(AlarmManager.RTC_WAKEUP, at, AlarmManager.INTERVAL_DAY, pi)
        } else {
            // Within ten minutes of the planned time, while idle too.
            alarms.setWindow(AlarmManager.RTC_WAKEUP, at, WINDOW_MS, pi)
        }
    }

    override fun cancel(id: String, code: Int) {
        alarms.cancel(pending(id, code, null))
        NotificationManagerCompat.from(context).cancel(id, code)
    }

    companion object {
        const val ACTION_REMINDER = "app.painschool.action.REMINDER"
        const val EXTRA_ID = "id"
        const val EXTRA_CODE = "code"
        const val EXTRA_TITLE = "title"
        const val EXTRA_BODY = "body"
        const val EXTRA_LINK = "link"
        const val CHANNEL = "reminders"
        private const val WINDOW_MS = 10 * 60 * 1000L

        /** The registrar the app uses (what it registered lives in no-backup storage). */
        fun registrar(context: Context) = ReminderRegistrar(
            AndroidAlarms(context),
            RegisteredIds(File(context.noBackupFilesDir, "painschool/reminders.registered")),
        )

        /** The reminders' notification channel (idempotent; the name is localized). */
        fun ensureChannel(context: Context) = ensureNotificationChannel(
            context, CHANNEL, R.string.channel_reminders, R.string.channel_reminders_description,
            NotificationManager.IMPORTANCE_DEFAULT,
        )
    }
}

/** Posts a reminder's notification; a tap opens its screen through the deep link. */
class ReminderReceiver : BroadcastReceiver() {
    override fun onReceive(context: Context, intent: Intent) {
        if (intent.action != AndroidAlarms.ACTION_REMINDER) return
        // Android 13+: without the permission nothing is posted (reminder health says so).
        if (Build.VERSION.SDK_INT >= 33 &&
            ContextCompat.checkSelfPermission(context, Manifest.permission.POST_NOTIFICATIONS) !=
            PackageManager.PERMISSION_GRANTED
        ) {
            return
        }
        val id = intent.getStringExtra(AndroidAlarms.EXTRA_ID) ?: return
        val code = intent.getIntExtra(AndroidAlarms.EXTRA_CODE, 0)
        val link = intent.getStringExtra(AndroidAlarms.EXTRA_LINK) ?: "painschool://week"
        AndroidAlarms.ensureChannel(context)
        val open = PendingIntent.getActivity(
            context,
            code,
            Intent(Intent.ACTION_VIEW, Uri.parse(link)).setPackage(context.packageName),
            PendingIntent.FLAG_IMMUTABLE or PendingIntent.FLAG_UPDATE_CURRENT,
        )
        val notification = NotificationCompat.Builder(context, AndroidAlarms.CHANNEL)
            .setSmallIcon(R.drawable.ic_notification)
            .setContentTitle(intent.getStringExtra(AndroidAlarms.EXTRA_TITLE))
            .setContentText(intent.getStringExtra(AndroidAlarms.EXTRA_BODY))
            .setStyle(NotificationCompat.BigTextStyle().bigText(intent.getStringExtra(AndroidAlarms.EXTRA_BODY)))
            .setContentIntent(open)
            .setAutoCancel(true)
            // The texts are content free by design (the core checks), so the lock screen may show them.
            .setVisibility(NotificationCompat.VISIBILITY_PUBLIC)
            .build()
        try {
            NotificationManagerCompat.from(context).notify(id, code, notification)
        } catch (e: SecurityException) {
            // The permission was withdrawn between the check and the post: nothing to show.
        }
    }
}

/** Boot, app update, time zone, clock or locale changed: register the plan again. */
class RescheduleReceiver : BroadcastReceiver() {
    override fun onReceive(context: Context, intent: Intent) {
        when (intent.action) {
            Intent.ACTION_BOOT_COMPLETED,
            Intent.ACTION_MY_PACKAGE_REPLACED,
            Intent.ACTION_TIMEZONE_CHANGED,
            Intent.ACTION_TIME_CHANGED,
            Intent.ACTION_LOCALE_CHANGED,
            -> RescheduleWorker.enqueue(context)
        }
    }
}

/** Opens the course (after the first unlock, so the key is there) and registers its plan. */
class RescheduleWorker(context: Context, params: WorkerParameters) : CoroutineWorker(context, params) {
    override suspend fun doWork(): Result {
        val app = applicationContext as PainSchoolApp
        // Not open: try later if it may open then (the key locked), else nothing to do.
        val client = app.courseOrNull() ?: return if (app.phase.value.opensAgainOnResume) Result.retry() else Result.success()
        return try {
            app.registerReminders(client.reminderPlan())
            Result.success()
        } catch (e: CourseException.NotEnrolled) {
            Result.success() // not activated yet: nothing to plan
        } catch (e: Exception) {
            Result.retry()
        }
    }

    companion object {
        /** One pending re-registration at a time; a newer reason replaces an older one. */
        fun enqueue(context: Context) {
            WorkManager.getInstance(context).enqueueUniqueWork(
                "reschedule-reminders",
                ExistingWorkPolicy.REPLACE,
                OneTimeWorkRequestBuilder<RescheduleWorker>().build(),
            )
        }
    }
}
