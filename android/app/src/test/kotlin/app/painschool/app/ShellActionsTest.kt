// The shell's small rules: what each screen action does (ShellActions.kt),
// what the notification setting means for the core, the shell's own texts in
// both languages (ShellTexts.kt), and the text size (TextScale.kt).
package app.painschool.app

import app.painschool.core.HealthAction
import app.painschool.core.Language
import app.painschool.core.NotificationPermission
import app.painschool.core.TextSize
import app.painschool.presenter.ErrorAction
import kotlin.reflect.full.memberProperties
import kotlin.test.*
import org.junit.Test

class ShellActionsTest {
    @Test
    fun everyActionHasItsShellAction() {
        assertEquals(ShellAction.RETRY, shellAction(ErrorAction.RETRY))
        assertEquals(ShellAction.APP_SETTINGS, shellAction(ErrorAction.OPEN_SETTINGS))
        assertEquals(ShellAction.CONTACT_CLINIC, shellAction(ErrorAction.CONTACT_CLINIC))
        assertEquals(ShellAction.NONE, shellAction(HealthAction.NONE))
        assertEquals(ShellAction.ASK_NOTIFICATIONS, shellAction(HealthAction.ASK_PERMISSION))
        assertEquals(ShellAction.NOTIFICATION_SETTINGS, shellAction(HealthAction.OPEN_SYSTEM_SETTINGS))
        assertEquals(ShellAction.REMINDER_SETTINGS, shellAction(HealthAction.OPEN_REMINDER_SETTINGS))
    }

    @Test
    fun theNotificationSettingMeansAskOnlyOnAndroid13AndOnlyOnce() {
        assertEquals(NotificationPermission.ALLOWED, notificationPermission(enabled = true, sdk = 35, asked = false))
        assertEquals(NotificationPermission.ALLOWED, notificationPermission(enabled = true, sdk = 26, asked = false))
        assertEquals(NotificationPermission.NOT_ASKED, notificationPermission(enabled = false, sdk = 33, asked = false))
        assertEquals(NotificationPermission.DENIED, notificationPermission(enabled = false, sdk = 33, asked = true))
        // Before Android 13 there is no question: off is the patient's choice in the settings.
        assertEquals(NotificationPermission.DENIED, notificationPermission(enabled = false, sdk = 32, asked = false))
    }

    @Test
    fun theShellsTextsExistInBothLanguages() {
        val sv = shellTexts(Language.SWEDISH)
        val en = shellTexts(Language.ENGLISH)
        for (p in ShellTexts::class.memberProperties) {
            val a = p.get(sv) as String
            val b = p.get(en) as String
            assertTrue(a.isNotBlank() && b.isNotBlank(), p.name)
            assertNotEquals(a, b, p.name)
        }
        assertEquals("Tillbaka", sv.back)
    }

    @Test
    fun theTextSizeMultipliesTheSystemsUpToTwiceUnlessTheSystemGoesFurther() {
        assertEquals(1.0f, fontScale(1.0f, TextSize.STANDARD))
        assertEquals(1.2f, fontScale(1.0f, TextSize.LARGE), 0.001f)
        assertEquals(1.4f, fontScale(1.0f, TextSize.EXTRA_LARGE), 0.001f)
        assertEquals(1.8f, fontScale(1.5f, TextSize.LARGE), 0.001f)
        // The system at 200 % with the app's largest: capped at 200 %.
        assertEquals(2.0f, fontScale(2.0f, TextSize.EXTRA_LARGE))
        assertEquals(2.0f, fontScale(1.6f, TextSize.EXTRA_LARGE))
        // A system scale above 200 % is honoured as it is.
        assertEquals(2.2f, fontScale(2.2f, TextSize.STANDARD))
        assertEquals(2.2f, fontScale(2.2f, TextSize.EXTRA_LARGE))
        assertEquals(0.85f, fontScale(0.85f, TextSize.STANDARD))
    }
}
