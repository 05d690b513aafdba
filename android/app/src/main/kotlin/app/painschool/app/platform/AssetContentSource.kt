// The course content inside the APK (assets/content, copied there from the
// repository's content/ folder at build time) as a ContentSource for
// ContentInstaller. AssetManager lists folders and files alike; a name whose
// listing is empty is a file (the bundle has no empty folders).
package app.painschool.app.platform

import android.content.res.AssetManager
import app.painschool.app.ContentSource
import java.io.InputStream

/** The files under `root` in the APK's assets. */
class AssetContentSource(private val assets: AssetManager, private val root: String) : ContentSource {
    override fun files(): List<String> {
        val found = mutableListOf<String>()
        fun walk(relative: String) {
            val path = if (relative.isEmpty()) root else "$root/$relative"
            val children = assets.list(path).orEmpty()
            if (children.isEmpty()) {
                if (relative.isNotEmpty()) found += relative
                return
            }
            for (child in children) walk(if (relative.isEmpty()) child else "$relative/$child")
        }
        walk("")
        return found.sorted()
    }

    override fun open(path: String): InputStream = assets.open("$root/$path", AssetManager.ACCESS_STREAMING)
}
