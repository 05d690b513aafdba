// Runs the app shell's JVM tests for scripts/kotlin-tests.sh and prints one
// summary line for CI: "kotlin android app: N passed, N failed, N ignored".
// Exits non-zero when any test fails.
package app.painschool.app

import org.junit.runner.JUnitCore
import kotlin.system.exitProcess

fun main() {
    val result = JUnitCore.runClasses(
        AppPhaseTest::class.java,
        ContentInstallerTest::class.java,
        RouteTest::class.java,
        NavigationTest::class.java,
        SyncingCourseClientTest::class.java,
        SyncPolicyTest::class.java,
        ShellActionsTest::class.java,
        PaletteTest::class.java,
        MarkdownBlocksTest::class.java,
        UiRulesTest::class.java,
    )
    for (f in result.failures) {
        System.err.println("FAILED ${f.testHeader}: ${f.message}")
        System.err.println(f.trace.lines().take(12).joinToString("\n"))
    }
    val failed = result.failureCount
    println("kotlin android app: ${result.runCount - failed} passed, $failed failed, ${result.ignoreCount} ignored")
    exitProcess(if (result.wasSuccessful()) 0 else 1)
}
