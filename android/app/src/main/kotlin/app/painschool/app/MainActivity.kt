// The one activity: it draws the app (ui/AppRoot.kt) and routes the links it
// is opened with, at launch (onCreate) and while open (onNewIntent, the
// activity is singleTop): the core's reminder deep links and the letter's QR
// link, parsed by Route.fromDeepLink (a link the app does not know opens
// this week). Each time it comes to the front it asks for a sync.
package app.painschool.app

import android.content.Intent
import android.os.Bundle
import androidx.activity.ComponentActivity
import androidx.activity.compose.setContent
import androidx.activity.enableEdgeToEdge
import app.painschool.app.sync.SyncWork
import app.painschool.app.ui.AppRoot
import kotlinx.coroutines.flow.MutableStateFlow

/** The app's activity. */
class MainActivity : ComponentActivity() {
    /** A link waiting for the screens (consumed by AppRoot). */
    private val link = MutableStateFlow<Route?>(null)

    override fun onCreate(savedInstanceState: Bundle?) {
        enableEdgeToEdge()
        super.onCreate(savedInstanceState)
        // A restored activity was opened by its link already.
        if (savedInstanceState == null) route(intent)
        val app = application as PainSchoolApp
        setContent { AppRoot(app, link) }
    }

    override fun onNewIntent(intent: Intent) {
        super.onNewIntent(intent)
        setIntent(intent)
        route(intent)
    }

    override fun onStart() {
        super.onStart()
        // Sync on open (one unique job: it replaces a pending one).
        SyncWork.now(this)
    }

    private fun route(intent: Intent?) {
        if (intent?.action != Intent.ACTION_VIEW) return
        link.value = Route.fromDeepLink(intent.dataString) ?: Route.ThisWeek
    }
}
