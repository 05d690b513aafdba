// Runs the Kotlin binding tests and prints one summary line for CI:
// "N passed, N failed". Exits non-zero when any test fails.
package app.painschool.core.test

import org.junit.runner.JUnitCore
import org.junit.runner.notification.Failure
import kotlin.system.exitProcess

fun main() {
    val result = JUnitCore.runClasses(
        CourseTest::class.java, SyncTest::class.java, HttpClientTest::class.java, ReminderTest::class.java,
        PlayerTest::class.java, SummaryTest::class.java, SealedKeyTest::class.java,
        ReminderRegistrarTest::class.java, AudioInterruptionsTest::class.java,
    )
    for (f: Failure in result.failures) {
        System.err.println("FAILED ${f.testHeader}: ${f.message}")
        System.err.println(f.trace.lines().take(12).joinToString("\n"))
    }
    val failed = result.failureCount
    val passed = result.runCount - failed
    println("kotlin bindings: $passed passed, $failed failed, ${result.ignoreCount} ignored")
    exitProcess(if (result.wasSuccessful()) 0 else 1)
}
