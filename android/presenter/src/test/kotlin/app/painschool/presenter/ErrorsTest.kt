package app.painschool.presenter

import app.painschool.core.AnswerRule
import app.painschool.core.CourseException
import app.painschool.core.Language
import app.painschool.core.OpenException
import app.painschool.core.PlayerException
import app.painschool.core.PlayerFailure
import app.painschool.core.SyncException
import java.time.Instant
import org.junit.Test
import kotlin.test.assertEquals
import kotlin.test.assertFalse

class ErrorsTest {
    private val secret = "SYNTETISK-HEMLIGHET"

    private val all: List<Pair<String, Exception>> = listOf(
        "NotEnrolled" to CourseException.NotEnrolled(),
        "NotFound" to CourseException.NotFound("section", "m9-x"),
        "ModuleLocked" to CourseException.ModuleLocked("m2", Instant.parse("2026-11-08T23:00:00Z")),
        "AccessEnded" to CourseException.AccessEnded(Instant.parse("2027-11-02T08:00:00Z"), Instant.parse("2027-11-16T08:00:00Z")),
        "InvalidAnswer" to CourseException.InvalidAnswer("q", AnswerRule.Empty),
        "InvalidInput" to CourseException.InvalidInput(secret),
        "StorageFull" to CourseException.StorageFull(),
        "DatabaseCorrupt" to CourseException.DatabaseCorrupt(),
        "Internal" to CourseException.Internal(secret),
        "Sync.NotActivated" to SyncException.NotActivated(),
        "Sync.InvalidServerUrl" to SyncException.InvalidServerUrl(),
        "Sync.InvalidCode" to SyncException.InvalidCode(),
        "Sync.TooManyAttempts" to SyncException.TooManyAttempts(90uL),
        "Sync.Offline" to SyncException.Offline(),
        "Sync.Unauthorized" to SyncException.Unauthorized(),
        "Sync.DeviceRevoked" to SyncException.DeviceRevoked(),
        "Sync.AccessEnded" to SyncException.AccessEnded(),
        "Sync.ServerUnavailable" to SyncException.ServerUnavailable(30uL),
        "Sync.ServerError" to SyncException.ServerException(),
        "Sync.StorageFull" to SyncException.StorageFull(),
        "Player.HashMismatch" to PlayerException.Failed(PlayerFailure.HASH_MISMATCH, secret),
        "Player.Device" to PlayerException.Failed(PlayerFailure.DEVICE, secret),
        "Player.NoRecording" to PlayerException.Failed(PlayerFailure.NO_RECORDING, secret),
        "Open.KeyUnavailable" to OpenException.KeyUnavailable(secret),
        "Open.DatabaseTooNew" to OpenException.DatabaseTooNew(9u, 5u),
        "Other" to IllegalStateException(secret),
    )

    @Test
    fun everyErrorHasAMessageAndAnActionInBothLanguages() {
        for (lang in Language.entries) {
            val t = strings(lang)
            val f = Format(lang, STOCKHOLM)
            val table = all.map { (name, e) -> name to errorState(e, t, f) }
            for ((_, s) in table) assertFalse(secret in s.message, "no detail from the error is shown")
            Golden.check("errors-${if (lang == Language.SWEDISH) "sv" else "en"}", table.toMap())
        }
        assertEquals(ErrorAction.OPEN_SETTINGS, errorState(CourseException.StorageFull(), Swedish, Format(Language.SWEDISH, STOCKHOLM)).action)
        assertEquals("För många försök. Vänta 2 minuter och försök igen.", errorState(SyncException.TooManyAttempts(90uL), Swedish, Format(Language.SWEDISH, STOCKHOLM)).message)
    }
}
