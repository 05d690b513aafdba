// What the app shell's JVM tests share: key stores the app would get from the
// Keystore, the repository's content folder, temporary folders, and a scope
// that runs work at once.
package app.painschool.app

import app.painschool.core.KeyProvider
import app.painschool.core.KeyStoreException
import java.io.File
import java.nio.file.Files

/** A key store in memory. */
class TestKeys(var key: ByteArray? = null) : KeyProvider {
    override fun get(): ByteArray? = key
    override fun store(key: ByteArray) { this.key = key }
    override fun delete() { key = null }
}

/** A key store that is locked, as the Keystore before the first unlock. */
class LockedTestKeys : KeyProvider {
    override fun get(): ByteArray? = throw KeyStoreException.Unavailable("locked")
    override fun store(key: ByteArray) = throw KeyStoreException.Unavailable("locked")
    override fun delete() = throw KeyStoreException.Unavailable("locked")
}

/** The repository's content bundle (the tests run from the repository root). */
val REPO_CONTENT: File = File("content").absoluteFile

/** A new empty folder. */
fun tempFolder(): File = Files.createTempDirectory("painschool-app").toFile()

/** A [ContentSource] over a folder, as the AssetManager is over assets/content. */
class FolderSource(private val root: File, private val failAfter: Int = Int.MAX_VALUE) : ContentSource {
    /** How many files were opened. */
    var opened = 0
    override fun files(): List<String> =
        root.walkTopDown().filter { it.isFile }.map { it.relativeTo(root).invariantSeparatorsPath }.sorted().toList()

    override fun open(path: String): java.io.InputStream {
        if (opened >= failAfter) throw java.io.IOException("the copy was interrupted")
        opened += 1
        return File(root, path).inputStream()
    }
}
