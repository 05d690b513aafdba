// The database key at rest on Android: the 32-byte key sealed with an
// AES-256-GCM key that never leaves the Android Keystore, in a small file
// in no-backup storage. Plain Kotlin (javax.crypto and java.io only), so the
// sealing, the file handling and every refusal are tested on the JVM; the
// Keystore itself is `AndroidKeystoreWrapping` in the same folder.
package app.painschool.app.platform

import app.painschool.core.KeyProvider
import app.painschool.core.KeyStoreException
import java.io.File
import java.io.IOException
import java.security.GeneralSecurityException
import javax.crypto.Cipher
import javax.crypto.SecretKey
import javax.crypto.spec.GCMParameterSpec

/** Where the wrapping key comes from (the Android Keystore in the app, a plain key in tests). */
interface WrappingKeys {
    /** The wrapping key, or null when none exists (never made, or lost with a device restore). */
    fun existing(): SecretKey?

    /** The wrapping key, made now if there is none. */
    fun getOrCreate(): SecretKey

    /** Deletes the wrapping key. */
    fun delete()
}

/**
 * The database key sealed in `file` with the key from `wrapping`.
 *
 * `get` answers null only when no sealed key was ever stored here. A sealed
 * key that cannot be opened (the wrapping key is missing, locked or the file
 * is damaged) is an error, never null: the core must then wait or ask for
 * help, and never start a fresh database over the patient's work.
 */
class SealedKeyFile(private val file: File, private val wrapping: WrappingKeys) : KeyProvider {
    override fun get(): ByteArray? {
        if (!file.exists()) return null
        val blob = try {
            file.readBytes()
        } catch (e: IOException) {
            throw unavailable("the sealed key cannot be read")
        }
        val key = try {
            wrapping.existing()
        } catch (e: GeneralSecurityException) {
            throw unavailable("the key store is locked or failing")
        } ?: throw unavailable("the sealed key exists but its wrapping key does not")
        return KeySealer.open(blob, key)
    }

    override fun store(key: ByteArray) {
        if (key.size != KEY_BYTES) throw unavailable("a database key is $KEY_BYTES bytes")
        val blob = try {
            KeySealer.seal(key, wrapping.getOrCreate())
        } catch (e: GeneralSecurityException) {
            throw unavailable("the key store cannot seal the key")
        }
        // All or nothing: a crash leaves the old file or the new one.
        val tmp = File(file.parentFile, file.name + ".tmp")
        try {
            file.parentFile?.mkdirs()
            tmp.writeBytes(blob)
            if (!tmp.renameTo(file)) throw IOException("rename failed")
        } catch (e: IOException) {
            tmp.delete()
            throw unavailable("the sealed key cannot be written")
        }
    }

    override fun delete() {
        if (file.exists() && !file.delete()) throw unavailable("the sealed key cannot be deleted")
        try {
            wrapping.delete()
        } catch (e: GeneralSecurityException) {
            throw unavailable("the wrapping key cannot be deleted")
        }
    }

    companion object {
        /** The database key's length. */
        const val KEY_BYTES = 32
    }
}

/** Sealing and opening the database key: `[version 1][12-byte IV][ciphertext + 16-byte tag]`. */
object KeySealer {
    private const val VERSION: Byte = 1
    private const val IV_BYTES = 12
    private const val TAG_BITS = 128
    private val AAD = "painschool database key v1".toByteArray()

    /** Seals `key`; the IV is the cipher's own (the Keystore makes it). */
    fun seal(key: ByteArray, wrapping: SecretKey): ByteArray {
        val cipher = Cipher.getInstance("AES/GCM/NoPadding")
        cipher.init(Cipher.ENCRYPT_MODE, wrapping)
        cipher.updateAAD(AAD)
        val iv = cipher.iv
        check(iv.size == IV_BYTES) { "unexpected IV length" }
        return byteArrayOf(VERSION) + iv + cipher.doFinal(key)
    }

    /** Opens a sealed key; a damaged or foreign blob is `KeyStoreException.Unavailable`. */
    fun open(blob: ByteArray, wrapping: SecretKey): ByteArray {
        if (blob.size < 1 + IV_BYTES + TAG_BITS / 8 || blob[0] != VERSION) {
            throw unavailable("the sealed key is damaged")
        }
        return try {
            val cipher = Cipher.getInstance("AES/GCM/NoPadding")
            cipher.init(Cipher.DECRYPT_MODE, wrapping, GCMParameterSpec(TAG_BITS, blob, 1, IV_BYTES))
            cipher.updateAAD(AAD)
            cipher.doFinal(blob, 1 + IV_BYTES, blob.size - 1 - IV_BYTES)
        } catch (e: GeneralSecurityException) {
            throw unavailable("the sealed key does not open with this device's key")
        }
    }
}

private fun unavailable(reason: String) = KeyStoreException.Unavailable(reason)
