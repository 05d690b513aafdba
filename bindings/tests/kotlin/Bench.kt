// The FFI call benchmark (not a test: no timing assertions). Prints the
// median time of one simple Kotlin→Rust call, of the one call a "this
// week" screen needs, and of submitting an answer.
// Run: bash scripts/kotlin-tests.sh --bench
package app.painschool.core.test

import app.painschool.core.*
import kotlinx.coroutines.runBlocking
import java.time.Instant

private fun medianNanosPerCall(batches: Int, perBatch: Int, call: () -> Unit): Double {
    val samples = DoubleArray(batches) {
        val t0 = System.nanoTime()
        repeat(perBatch) { call() }
        (System.nanoTime() - t0).toDouble() / perBatch
    }
    samples.sort()
    return samples[batches / 2]
}

fun main() = runBlocking {
    val clock = FixedClock(Instant.parse("2026-11-03T09:00:00Z"))
    val course = openCourse(Paths0.tempDir().toString(), Paths0.bundle, MemoryKeys(), clock, NoNetwork())
    course.enrol(weekly())
    var sink = 0
    // Warm up the JIT and JNA.
    repeat(200_000) { sink += course.contentVersion().length + libraryVersion().length }
    val method = medianNanosPerCall(200, 10_000) { sink += course.contentVersion().length }
    val function = medianNanosPerCall(200, 10_000) { sink += libraryVersion().length }
    val handle = course.subscribeThisWeek(Recorder())
    repeat(100_000) { if (handle.isFinished()) sink += 1 }
    val primitive = medianNanosPerCall(200, 10_000) { if (handle.isFinished()) sink += 1 }
    handle.close()
    repeat(200) { course.thisWeek() }
    val thisWeekCall = medianNanosPerCall(50, 40) { runBlocking { sink += course.thisWeek().modulesOpen.toInt() } }
    // One answer submitted end to end: validated, written with its outbox
    // change in one transaction (SQLCipher, synchronous=FULL).
    val answer = AnswerValue.Text("Jag lärde mig att smärta och skada inte är samma sak.")
    repeat(100) { course.submitAnswer("m1-reflection-learned", null, answer) }
    val submitCall = medianNanosPerCall(50, 20) {
        runBlocking { sink += course.submitAnswer("m1-reflection-learned", null, answer).versionId.length }
    }
    println("BENCH simple call, Course.contentVersion(): median %.2f µs".format(method / 1000))
    println("BENCH simple call, libraryVersion(): median %.2f µs".format(function / 1000))
    println("BENCH simple call, TaskHandle.isFinished(): median %.2f µs".format(primitive / 1000))
    println("BENCH this-week screen: 1 FFI call (thisWeek or subscribeThisWeek), median %.1f µs per thisWeek()".format(thisWeekCall / 1000))
    println("BENCH submitAnswer() end to end: median %.1f µs".format(submitCall / 1000))
    println("(sink $sink)")
}
