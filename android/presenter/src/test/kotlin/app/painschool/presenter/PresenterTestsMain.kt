// Runs the presenter tests on the JVM for scripts/kotlin-tests.sh and prints
// one summary line for CI: "kotlin presenters: N passed, N failed, N ignored".
// Exits non-zero when any test fails.
package app.painschool.presenter

import org.junit.runner.JUnitCore
import kotlin.system.exitProcess

fun main() {
    val result = JUnitCore.runClasses(
        ActivationPresenterTest::class.java,
        ThisWeekPresenterTest::class.java,
        CoursePresenterTest::class.java,
        VisitsPresenterTest::class.java,
        ModulePresenterTest::class.java,
        SectionPresenterTest::class.java,
        PlayerPresenterTest::class.java,
        MessagesPresenterTest::class.java,
        SummaryPresenterTest::class.java,
        SettingsPresenterTest::class.java,
        AccessPresenterTest::class.java,
        ErrorsTest::class.java,
        RealLibraryFlowTest::class.java,
    )
    for (f in result.failures) {
        System.err.println("FAILED ${f.testHeader}: ${f.message}")
        System.err.println(f.trace.lines().take(12).joinToString("\n"))
    }
    val failed = result.failureCount
    println("kotlin presenters: ${result.runCount - failed} passed, $failed failed, ${result.ignoreCount} ignored")
    exitProcess(if (result.wasSuccessful()) 0 else 1)
}
