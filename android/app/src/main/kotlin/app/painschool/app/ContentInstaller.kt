// The course content ships inside the app (assets/content, copied from the
// repository's content/ folder at build time); the core reads it from a
// plain folder. This puts a copy in a versioned folder in no-backup storage,
// all or nothing: the files go to a temporary folder that is renamed into
// place only when every file is written, so an interrupted copy never leaves
// a half bundle in use (the next start removes the leftover and copies
// again). Plain Kotlin: the app's AssetManager is one ContentSource, a
// folder is another in ContentInstallerTest.
package app.painschool.app

import java.io.File
import java.io.FileOutputStream
import java.io.IOException
import java.io.InputStream

/** Where the bundled content is read from: the APK's assets on the phone, a folder in tests. */
interface ContentSource {
    /** Every file's path relative to the content root, `/`-separated. */
    fun files(): List<String>

    /** Opens the file at `path` (one of [files]). */
    fun open(path: String): InputStream
}

/**
 * The version of the content in this build of the app: the build's version code and
 * the time it was installed or updated, so each install and update gets its own copy
 * (a developer's reinstall too) and an unchanged app reuses the copy it has.
 */
fun contentStamp(versionCode: Long, lastUpdateTime: Long): String = "$versionCode-$lastUpdateTime"

/** What to do with the content root: the folder to use, whether to copy it, what to delete. */
data class ContentPlan(
    /** The complete bundle's folder name for this build (`v-<stamp>`). */
    val folder: String,
    /** The folder is not there yet: copy. */
    val copy: Boolean,
    /** Older versions and leftovers of interrupted copies, to delete first. */
    val remove: List<String>,
)

/**
 * The plan for `stamp`, given the names now in the content root. A folder named
 * `v-<stamp>` only ever appears by the final rename, so its presence means complete.
 */
fun planContent(stamp: String, existing: List<String>): ContentPlan {
    val folder = "v-$stamp"
    return ContentPlan(folder, copy = folder !in existing, remove = existing.filter { it != folder }.sorted())
}

/** Installs the content from `source` under `root` (a folder of its own). */
class ContentInstaller(private val root: File, private val source: ContentSource) {
    /** The copy failed because the phone is out of space. */
    class NoSpace(cause: IOException) : IOException("not enough space for the course content", cause)

    /**
     * The folder of the complete bundle for `stamp`, copying it first when needed.
     * Blocking file work: call it off the main thread.
     */
    fun install(stamp: String): File {
        if (!root.isDirectory && !root.mkdirs()) throw IOException("the content folder cannot be made")
        val plan = planContent(stamp, root.list()?.toList().orEmpty())
        for (name in plan.remove) File(root, name).deleteRecursively()
        val target = File(root, plan.folder)
        if (!plan.copy) return target
        val tmp = File(root, "tmp-$stamp")
        try {
            copyAll(tmp)
            if (!tmp.renameTo(target)) throw IOException("the content folder cannot be put in place")
        } catch (e: IOException) {
            tmp.deleteRecursively()
            if (root.usableSpace < LOW_SPACE_BYTES) throw NoSpace(e)
            throw e
        }
        return target
    }

    private fun copyAll(into: File) {
        val files = source.files()
        if (files.isEmpty()) throw IOException("the app has no course content")
        for (path in files) {
            val parts = path.split('/')
            if (path.startsWith("/") || parts.any { it.isEmpty() || it == "." || it == ".." }) {
                throw IOException("a content path leaves its folder")
            }
            val out = File(into, path)
            val parent = out.parentFile
            if (parent != null && !parent.isDirectory && !parent.mkdirs()) throw IOException("a content folder cannot be made")
            source.open(path).use { input ->
                FileOutputStream(out).use { output ->
                    input.copyTo(output)
                    output.fd.sync()
                }
            }
        }
    }

    private companion object {
        /** Below this much free space, a failed copy is put down to a full disk. */
        const val LOW_SPACE_BYTES = 8L * 1024 * 1024
    }
}
