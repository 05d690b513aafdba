// The Android app's database key at rest (android/app/.../SealedKeyFile.kt)
// on the JVM: sealed with an AES-GCM wrapping key (here a software key in
// place of the Android Keystore's), and opened again by the real core.
// A key that cannot be opened is an error, never "no key": the core must
// not start a fresh database over the patient's work.
package app.painschool.core.test

import app.painschool.app.platform.KeySealer
import app.painschool.app.platform.SealedKeyFile
import app.painschool.app.platform.WrappingKeys
import app.painschool.core.*
import kotlinx.coroutines.runBlocking
import java.io.File
import java.time.Instant
import javax.crypto.KeyGenerator
import javax.crypto.SecretKey
import kotlin.test.*
import org.junit.Test

/** A wrapping key in memory, which a test can lose (as a restore to a new phone would). */
class SoftwareWrapping : WrappingKeys {
    var key: SecretKey? = null
    override fun existing(): SecretKey? = key
    override fun getOrCreate(): SecretKey =
        key ?: KeyGenerator.getInstance("AES").apply { init(256) }.generateKey().also { key = it }
    override fun delete() { key = null }
}

class SealedKeyTest {
    private fun file(): File = File(Paths0.tempDir().toFile(), "keys/database-key.sealed")

    @Test
    fun noFileIsNoKeyAndAStoredKeyComesBackSealed() {
        val f = file()
        val keys = SealedKeyFile(f, SoftwareWrapping())
        assertNull(keys.get(), "nothing stored yet")
        val key = ByteArray(32) { it.toByte() }
        keys.store(key)
        assertContentEquals(key, keys.get())
        val blob = f.readBytes()
        assertEquals(1 + 12 + 32 + 16, blob.size, "version, IV, key, tag")
        assertFalse(blob.toList().windowed(32).any { it == key.toList() }, "never in the clear")
        assertFalse(File(f.parentFile, f.name + ".tmp").exists())
        keys.delete()
        assertFalse(f.exists())
        assertNull(keys.get())
    }

    @Test
    fun aKeyThatCannotBeOpenedIsAnErrorNeverNoKey() {
        val f = file()
        val wrapping = SoftwareWrapping()
        val keys = SealedKeyFile(f, wrapping)
        keys.store(ByteArray(32) { 7 })
        // The wrapping key is gone (a restore to another phone).
        val lost = wrapping.key
        wrapping.key = null
        assertFailsWith<KeyStoreException.Unavailable> { keys.get() }
        // A damaged file.
        wrapping.key = lost
        val blob = f.readBytes()
        blob[blob.size - 1] = (blob[blob.size - 1].toInt() xor 1).toByte()
        f.writeBytes(blob)
        assertFailsWith<KeyStoreException.Unavailable> { keys.get() }
        assertFailsWith<KeyStoreException.Unavailable> { KeySealer.open(byteArrayOf(9, 9), lost!!) }
        assertFailsWith<KeyStoreException.Unavailable> { keys.store(ByteArray(16)) }
    }

    @Test
    fun theCoreOpensItsDatabaseWithTheSealedKeyAndRefusesWhenItIsLost(): Unit = runBlocking {
        val data = Paths0.tempDir().toString()
        val f = file()
        val wrapping = SoftwareWrapping()
        val clock = FixedClock(Instant.parse("2026-11-03T09:00:00Z"))
        val first = openCourse(data, Paths0.bundle, SealedKeyFile(f, wrapping), clock, NoNetwork())
        first.enrol(weekly())
        first.submitAnswer("m1-reflection-learned", null, AnswerValue.Text("Ett svar som måste finnas kvar"))
        first.close()
        assertTrue(f.exists(), "the core stored its key through the provider")
        // Opened again with the same sealed key: the answer is there.
        val again = openCourse(data, Paths0.bundle, SealedKeyFile(f, wrapping), clock, NoNetwork())
        assertEquals(1, again.moduleAnswers("m1").count { it.answers.isNotEmpty() })
        again.close()
        // The wrapping key lost: opening fails, and the database is not replaced.
        wrapping.key = null
        assertFails { openCourse(data, Paths0.bundle, SealedKeyFile(f, wrapping), clock, NoNetwork()) }
        assertTrue(File(data, "patient.db").exists(), "the patient's database is still there")
    }
}
