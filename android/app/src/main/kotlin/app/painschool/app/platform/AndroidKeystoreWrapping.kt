// The wrapping key in the Android Keystore: AES-256-GCM, made on this
// device, never exported, usable after the first unlock (so background sync
// and reminders work while the screen is locked) and not tied to a
// fingerprint (the patient is not asked for one to open the course).
package app.painschool.app.platform

import android.content.Context
import android.security.keystore.KeyGenParameterSpec
import android.security.keystore.KeyProperties
import java.io.File
import java.security.KeyStore
import javax.crypto.KeyGenerator
import javax.crypto.SecretKey

/** [WrappingKeys] in the Android Keystore under [ALIAS]. */
class AndroidKeystoreWrapping : WrappingKeys {
    private fun store(): KeyStore = KeyStore.getInstance(PROVIDER).apply { load(null) }

    override fun existing(): SecretKey? = store().getKey(ALIAS, null) as? SecretKey

    override fun getOrCreate(): SecretKey = existing() ?: KeyGenerator
        .getInstance(KeyProperties.KEY_ALGORITHM_AES, PROVIDER)
        .apply {
            init(
                KeyGenParameterSpec.Builder(ALIAS, KeyProperties.PURPOSE_ENCRYPT or KeyProperties.PURPOSE_DECRYPT)
                    .setBlockModes(KeyProperties.BLOCK_MODE_GCM)
                    .setEncryptionPaddings(KeyProperties.ENCRYPTION_PADDING_NONE)
                    .setKeySize(256)
                    .setRandomizedEncryptionRequired(true)
                    .build(),
            )
        }
        .generateKey()

    override fun delete() = store().deleteEntry(ALIAS)

    companion object {
        private const val PROVIDER = "AndroidKeyStore"
        private const val ALIAS = "painschool-database-key-wrap"

        /**
         * The app's key provider: the sealed key in no-backup storage (excluded from cloud
         * backup and device transfer by `data_extraction_rules.xml` as well), wrapped by the
         * Keystore. Credential-encrypted storage, so it does not exist before the first unlock
         * after boot; the app is not direct-boot aware and never runs before it.
         */
        fun keyProvider(context: Context): SealedKeyFile =
            SealedKeyFile(File(context.noBackupFilesDir, "painschool/database-key.sealed"), AndroidKeystoreWrapping())
    }
}
